/**
 * #15, privacy by default: what Stripe Action outputs (and n8n saves in its execution data). Personal data is
 * planted in a Stripe error message, in modal inputs and in the objects Stripe returns; the node runs against
 * a small Stripe stand-in over HTTP. By default none of it may reach the output; with "Include Raw Stripe
 * Object" the output carries `raw`. A plain name inside free text is caught only when it is a name of the
 * object the action returned (the dispute's evidence.customer_name, the invoice's customer_name): there it is
 * masked in the modal inputs; in Stripe's error (no object returned) it is not recognisable.
 */
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ACTIONS } from '../../../nodes/shared/actions';
import { normalizeInteraction } from '../../../nodes/shared/slack/interaction';
import { EVIDENCE_INPUT, NOTE_INPUT } from '../../../nodes/shared/slack/modal';
import { outcomeText } from '../../../nodes/shared/slack/respond';
import { withoutDocumentLinks } from '../../../nodes/shared/stripe/outcomePrivacy';
import { StripeAction } from '../../../nodes/StripeAction/StripeAction.node';
import { fakeExecuteFunctions } from './harness';

/** The planted personal data: one of each kind the scanners and the output policy must keep out. */
const PLANTED = {
	address: '742 Evergreen Terrace',
	postcode: 'SW1A 1AA',
	ssn: '123-45-6789',
	email: 'jane.planted@example.com',
	name: 'Jane Plantedname',
	invoiceUrl: 'https://invoice.stripe.com/i/acct_1Planted/test_YWNjdF9wbGFudGVk',
	pdfUrl: 'https://pay.stripe.com/invoice/acct_1Planted/test_YWNjdF9wbGFudGVk/pdf',
	receiptUrl: 'https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF9wbGFudGVk',
};
const { address: ADDRESS, postcode: POSTCODE, ssn: SSN, email: EMAIL, name: NAME, invoiceUrl: INVOICE_URL, pdfUrl: PDF_URL, receiptUrl: RECEIPT_URL } = PLANTED;
const PLANTED_TEXT = `${NAME}, ${ADDRESS}, London ${POSTCODE}, ${EMAIL}, SSN ${SSN}`;
/** What must never be in the default output (the name is checked separately, see above). */
const NEVER = [ADDRESS, POSTCODE, SSN, EMAIL, INVOICE_URL, PDF_URL, RECEIPT_URL, 'invoice.stripe.com', 'pay.stripe.com'];

const address = { line1: ADDRESS, line2: null, city: 'London', postal_code: POSTCODE, country: 'GB', state: null };
const invoice = {
	id: 'in_planted',
	object: 'invoice',
	status: 'open',
	amount_due: 1250,
	currency: 'gbp',
	customer: 'cus_planted',
	customer_name: NAME,
	customer_email: EMAIL,
	customer_address: address,
	customer_shipping: { name: NAME, address, phone: null },
	description: `Customer SSN ${SSN}`,
	hosted_invoice_url: INVOICE_URL,
	invoice_pdf: PDF_URL,
};
const dispute = {
	id: 'du_planted',
	object: 'dispute',
	status: 'under_review',
	amount: 1250,
	currency: 'gbp',
	evidence: { uncategorized_text: PLANTED_TEXT, customer_name: NAME, customer_email_address: EMAIL, shipping_address: ADDRESS },
	receipt_url: RECEIPT_URL,
};
const stripeError = {
	error: { type: 'invalid_request_error', code: 'charge_already_refunded', message: `Charge for ${PLANTED_TEXT} has already been refunded.`, param: 'charge' },
};

let server: Server;
let stripeUrl = '';
const answers: string[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			const [status, body] =
				req.url === '/v1/invoices/in_planted/send'
					? [200, invoice]
					: req.url === '/v1/disputes/du_planted'
						? [200, dispute]
						: req.url === '/v1/refunds'
							? [400, stripeError]
							: [404, { error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } }];
			const text = JSON.stringify(body);
			answers.push(text);
			res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_planted_${answers.length}` });
			res.end(text);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	stripeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => await new Promise<void>((resolve) => server.close(() => resolve())));

function buttonClick(actionId: string, value: string): IDataObject {
	const click = normalizeInteraction({
		type: 'block_actions',
		user: { id: 'U_ALICE', name: 'alice' },
		team: { id: 'T1' },
		channel: { id: 'C1' },
		container: { channel_id: 'C1', message_ts: '1700000000.000100' },
		message: { ts: '1700000000.000100', text: 'Invoice of £12.50 GBP is open', blocks: [] },
		actions: [{ action_id: actionId, value, action_ts: '1700000001.000200' }],
		state: { values: { [NOTE_INPUT.blockId]: { [NOTE_INPUT.actionId]: { type: 'plain_text_input', value: `Called ${PLANTED_TEXT}` } } } },
		trigger_id: '1.2.3',
	});
	return { ...click, authorization: { allowed: true }, slackRetryNum: 0 } as unknown as IDataObject;
}

function evidenceSubmission(): IDataObject {
	const click = normalizeInteraction({
		type: 'view_submission',
		user: { id: 'U_ALICE', name: 'alice' },
		team: { id: 'T1' },
		trigger_id: '1.2.4',
		view: {
			id: 'V1',
			hash: 'h1',
			callback_id: ACTIONS.submitEvidence,
			private_metadata: JSON.stringify({ a: ACTIONS.submitEvidence, v: 'du_planted', c: 'C1', ts: '1700000000.000300' }),
			state: {
				values: {
					[EVIDENCE_INPUT.blockId]: { [EVIDENCE_INPUT.actionId]: { type: 'plain_text_input', value: `Delivered to ${PLANTED_TEXT}` } },
					[NOTE_INPUT.blockId]: { [NOTE_INPUT.actionId]: { type: 'plain_text_input', value: `Spoke to ${EMAIL} about ${ADDRESS}` } },
				},
			},
		},
	});
	// A field some other node added in between (free text that is not ours).
	return { ...click, authorization: { allowed: true }, slackRetryNum: 0, comment: `Ticket from ${EMAIL}, SSN ${SSN}` } as unknown as IDataObject;
}

async function run(options: IDataObject = {}): Promise<{ items: INodeExecutionData[]; out: INodeExecutionData[] }> {
	const items = [
		{ json: buttonClick(ACTIONS.sendReminder, 'in_planted') },
		{ json: buttonClick(ACTIONS.refund, 'ch_planted') },
		{ json: evidenceSubmission() },
	];
	const node = new StripeAction();
	const [out] = await node.execute.call(
		fakeExecuteFunctions({
			name: 'Stripe Action',
			params: { options },
			credentials: { secretKey: 'sk_test_planted', apiBaseUrl: stripeUrl },
			items,
			description: node.description,
		}),
	);
	return { items, out };
}

describe('Stripe Action output: privacy by default (#15)', () => {
	it('the planted values are in the input and in what Stripe returns (so the test can fail)', async () => {
		answers.length = 0;
		const { items } = await run();
		const input = JSON.stringify(items) + answers.join('');
		for (const v of [...NEVER, NAME]) expect(input).toContain(v);
		expect(answers.join('')).toContain(INVOICE_URL);
	});

	it('by default outputs none of the address, postcode, SSN, email or document links, and no raw', async () => {
		const { items, out } = await run();
		expect(out).toHaveLength(3);
		const text = JSON.stringify(out);
		for (const v of NEVER) expect(text).not.toContain(v);
		const [reminder, refund, evidence] = out.map((o) => o.json as any);
		for (const o of [reminder, refund, evidence]) expect(o).not.toHaveProperty('raw');

		// Send Invoice Reminder: facts kept, no link and no customer fields.
		expect(reminder).toMatchObject({ ok: true, action: ACTIONS.sendReminder, objectId: 'in_planted', result: { id: 'in_planted', status: 'open', amount_due: 1250 } });
		expect(reminder.result).not.toHaveProperty('hosted_invoice_url');
		expect(JSON.stringify(reminder.result)).not.toContain('Plantedname');
		expect(JSON.stringify(evidence.result)).not.toContain('Plantedname');

		// The Stripe error: scanned message, facts kept.
		expect(refund).toMatchObject({
			ok: false,
			stripeRequestId: expect.stringMatching(/^req_planted_/),
			error: { type: 'invalid_request_error', code: 'charge_already_refunded', statusCode: 400 },
		});
		expect(refund.error.message).toMatch(/has already been refunded/);
		expect(refund.error.message).toContain('[SSN removed]');
		expect(refund.summary).toBe(refund.error.message);

		// Modal inputs: scanned, keys kept; who acted stays; the click's ids stay.
		expect(evidence).toMatchObject({ ok: true, result: { id: 'du_planted', submitted: true }, performedBy: { id: 'U_ALICE', name: 'alice' } });
		const inputKeys = Object.keys((items[2].json as any).inputs).sort();
		expect(Object.keys(evidence.interaction.inputs).sort()).toEqual(inputKeys);
		expect(Object.keys(evidence.interaction.view.values).sort()).toEqual(Object.keys((items[2].json as any).view.values).sort());
		expect(evidence.interaction.inputs.evidence_text).toMatch(/^Delivered to /);
		// The returned dispute's and invoice's own names are masked in what the agent typed.
		expect(JSON.stringify(evidence.interaction)).not.toContain('Plantedname');
		expect(JSON.stringify(reminder.interaction)).not.toContain('Plantedname');
		expect(evidence.interaction).toMatchObject({ actionId: ACTIONS.submitEvidence, value: 'du_planted', channel: 'C1', user: { id: 'U_ALICE' } });
		expect(evidence.interaction.comment).toMatch(/^Ticket from /);
		expect(reminder.interaction).toMatchObject({ messageTs: '1700000000.000100', message: { text: 'Invoice of £12.50 GBP is open' } });
		expect(Object.keys(reminder.interaction.inputs)).toEqual([NOTE_INPUT.actionId]);

		// The evidence still went to Stripe as typed (the redaction is of the output only).
		expect(answers.length).toBeGreaterThan(0);
	});

	it('what Slack is told from the redacted output carries none of it either', async () => {
		const { out } = await run();
		for (const o of out) {
			const outcome = o.json as any;
			const line = outcomeText(outcome.interaction, outcome);
			for (const v of NEVER) expect(line).not.toContain(v);
		}
	});

	it('with Include Raw Stripe Object on, the output also carries raw: the Stripe object, the error and the click as they came', async () => {
		const { out } = await run({ includeRaw: true });
		const [reminder, refund, evidence] = out.map((o) => o.json as any);
		for (const o of [reminder, refund, evidence]) expect(o).toHaveProperty('raw');
		expect(reminder.raw.object).toMatchObject({ id: 'in_planted', hosted_invoice_url: INVOICE_URL, customer_name: NAME });
		expect(reminder.raw.object).not.toHaveProperty('lastResponse');
		expect(refund.raw.object).toBeNull();
		expect(refund.raw.error.message).toContain(SSN);
		expect(refund.raw.error.stripe).toMatchObject({ code: 'charge_already_refunded' });
		expect(evidence.raw.interaction.inputs.evidence_text).toBe(`Delivered to ${PLANTED_TEXT}`);
		// The redacted fields stay redacted next to raw.
		expect(reminder.result).not.toHaveProperty('hosted_invoice_url');
		expect(refund.error.message).not.toContain(SSN);
		expect(evidence.interaction.inputs.evidence_text).not.toContain(ADDRESS);
	});

	it('drops document links from any result, whatever the key', () => {
		expect(
			withoutDocumentLinks({ id: 'ch_1', receipt_url: RECEIPT_URL, invoice_pdf: PDF_URL, hosted_invoice_url: null, other: { link: INVOICE_URL, n: 1 } }),
		).toEqual({ id: 'ch_1', other: { n: 1 } });
	});
});
