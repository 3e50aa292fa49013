/**
 * Issue #29, item 5: one pipeline for everything that leaves. At each place that used to skip it, a planted
 * value (card number, SSN, email, phone, secret key, IBAN; or a name Stripe typed, written without accents)
 * must not come out: Slack Action Response's status text (its fallback text went out as typed) and posted
 * texts and blocks, a desk card's failed-payment line, Stripe Action's summary of Stripe's error text (the
 * name from Stripe's error body), the revenue digest's top-customer entry when the customer has no `cus_`
 * id, the held-alerts summary of an item that did not come from the formatter, and a burst summary's
 * mention and event ids. Each check fails without its change (the report says how it was checked).
 */
import fc from 'fast-check';
import { buildCard } from '../../../nodes/shared/desk/card';
import { buildSummary } from '../../../nodes/shared/delivery/coalesce';
import { summarizeRevenue, type StripeLike } from '../../../nodes/shared/digest/summarize';
import { heldSummaries } from '../../../nodes/shared/noise/heldSummary';
import { doneMessage, postMessage } from '../../../nodes/shared/slack/respond';
import type { SlackInteraction } from '../../../nodes/shared/slack/interaction';
import type { ActionOutcome } from '../../../nodes/shared/slack/outcome';
import { outcomeForOutput } from '../../../nodes/shared/stripe/outcomePrivacy';
import { fixtureBillingData } from '../desk/fixtures';

const RUNS = Number(process.env.FC_RUNS ?? 40);

const SECRETS = {
	card: ['4242 4242 4242 4242', '5555-5555-5555-4444'],
	ssn: ['123-45-6789', '078-05-1120'],
	email: ['planted.person@example.com', 'a.b+tag@sub.example.co.uk'],
	phone: ['+1 415 555 0123', '+44 20 7946 0958'],
	key: ['sk_live_51H8abcDEF0123456789xyz', 'rk_live_abcdef1234567890'],
	iban: ['DE89 3704 0044 0532 0130 00', 'GB82 WEST 1234 5698 7654 32'],
};
const secret = fc.constantFrom(...Object.entries(SECRETS).flatMap(([cls, vs]) => vs.map((v) => ({ cls, v }))));
const NAMES = ['Zoë Okonkwo-Brandt', 'Björn Ølstadvik', 'Renée Lefèvre'];
const plain = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/ø/g, 'o').replace(/Ø/g, 'O');

/** The telling part of a planted value, as it would show: digits for numbers, the value itself otherwise. */
function expectClean(what: string, output: unknown, values: string[]): void {
	const text = JSON.stringify(output);
	const digitsOut = text.replace(/\D/g, ' ');
	for (const v of values) {
		const digits = v.replace(/\D/g, '');
		const shown = /[a-z]{3}/i.test(v) ? text.toLowerCase().includes(plain(v).toLowerCase()) || text.includes(v) : digits.length >= 9 && digitsOut.replace(/ /g, '').includes(digits) && text.includes(v);
		if (shown) throw new Error(`${what} shows ${JSON.stringify(v)}: ${text.slice(0, 400)}`);
	}
}

const interaction = (): SlackInteraction =>
	({
		type: 'block_actions',
		actionId: 'stripe_slack.refund',
		value: 'ch_1PgafuB7WZ01zgkWXYmPNZs8',
		isLinkButton: false,
		user: { id: 'U_ALICE', name: 'alice' },
		team: { id: 'T1' },
		channel: 'C_PAYMENTS',
		messageTs: '1722000000.000100',
		threadTs: null,
		isEphemeral: false,
		responseUrl: null,
		triggerId: null,
		message: { text: 'Charge succeeded', blocks: [] },
		view: null,
		inputs: {},
		deliveryKey: 'k1',
	}) as unknown as SlackInteraction;

function declined(name: string, text: string): ActionOutcome {
	const error = { message: `The card was declined: ${text}`, type: 'card_error', code: 'card_declined', statusCode: 402, declineCode: 'generic_decline' };
	return {
		ok: false,
		action: 'stripe_slack.refund',
		objectId: 'ch_1',
		stripeRequestId: 'req_1',
		idempotencyKey: 'idem',
		replayed: false,
		summary: error.message,
		result: null,
		error,
		performedBy: { id: 'U_ALICE', name: 'alice' },
		performedAt: '2026-12-06T10:00:00.000Z',
		interaction: interaction(),
		raw: { object: null, error: { ...error, stripe: { payment_method: { id: 'pm_1', object: 'payment_method', billing_details: { name } } } }, interaction: null },
	};
}

describe('property (#29): every text that leaves goes through the same redaction', () => {
	it('Slack Action Response: a status text set by the workflow (blocks AND fallback text)', () => {
		fc.assert(
			fc.property(secret, ({ v }) => {
				const body = doneMessage(interaction(), null, { text: `Refunded, customer wrote ${v}` });
				expect(body.text).toContain('Refunded, customer wrote');
				expectClean('status text', body, [v]);
			}),
			{ numRuns: RUNS },
		);
	});

	it('Slack Action Response: a posted text and its blocks; a status text naming the card holder', async () => {
		const calls: unknown[] = [];
		const client = { chat: { postMessage: async (args: unknown) => (calls.push(args), { ok: true, ts: '1.2' }) } };
		await fc.assert(
			fc.asyncProperty(secret, fc.constantFrom(...NAMES), async ({ v }, name) => {
				calls.length = 0;
				const outcome = declined(name, 'insufficient funds');
				await postMessage({ client: client as never }, { channel: 'C1', text: `Note: ${v}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `for ${v}` } }], known: undefined });
				expectClean('posted message', calls, [v]);
				const body = doneMessage(interaction(), outcome, { text: `Could not refund ${plain(name)}` });
				expectClean('status text', body, [name, name.split(' ').pop()!]);
			}),
			{ numRuns: RUNS },
		);
	});

	it("desk card: a failed payment's decline message naming the customer (individual_name, written without accents)", () => {
		fc.assert(
			fc.property(fc.constantFrom(...NAMES), secret, (name, { v }) => {
				const data = fixtureBillingData();
				Object.assign(data.customer, { name: null, individual_name: name });
				(data.failedCharges[0] as any).failure_message = `Declined for ${plain(name).toUpperCase()}, card ${v.slice(0, 9)}`;
				(data.failedCharges[0] as any).description = v.slice(9);
				const card = buildCard(data, { now: Date.parse('2026-12-06T10:00:00Z') });
				expect(JSON.stringify(card)).toContain('Declined for');
				expectClean('desk card', card, [name, plain(name).split(' ').pop()!]);
			}),
			{ numRuns: RUNS },
		);
	});

	it("Stripe Action: the summary and error of Stripe's text, with the card holder's name from Stripe's error body", () => {
		fc.assert(
			fc.property(fc.constantFrom(...NAMES), secret, (name, { v }) => {
				const out = outcomeForOutput(declined(name, `${plain(name)} (${v}) has insufficient funds`));
				expect(out.summary).toContain('insufficient funds');
				expect(out.raw).toBeUndefined();
				expectClean('Stripe Action output', out, [v, plain(name).split(' ').pop()!]);
			}),
			{ numRuns: RUNS },
		);
	});

	it("revenue digest: a top customer with no cus_ id is neither shown as an id nor named in its label", async () => {
		const DAY = Date.parse('2026-11-22T00:00:00Z') / 1000;
		await fc.assert(
			fc.asyncProperty(secret, async ({ v }) => {
				const rows = [{ id: 'ch_1', object: 'charge', created: DAY + 10, amount: 9000, currency: 'usd', status: 'succeeded', paid: true, customer: `acct ${v}`, billing_details: { name: null, email: null } }];
				const res = (r: unknown[]) => ({ list: (p: any) => (async function* () { for (const x of r as any[]) if (x.created >= p.created.gte && x.created < p.created.lt) yield x; })() });
				const bts = [{ created: DAY + 10, amount: 9000, fee: 0, net: 9000, currency: 'usd', reporting_category: 'charge', type: 'charge' }];
				const stripe = { balanceTransactions: res(bts), charges: res(rows), events: res([]) } as unknown as StripeLike;
				const s = await summarizeRevenue(stripe, { period: { kind: 'yesterday', timeZone: 'UTC' }, now: Date.parse('2026-11-23T08:00:00Z') });
				expect(s.topCustomers[0].customers[0].id).toBeUndefined();
				expectClean('digest', s.topCustomers, [v]);
			}),
			{ numRuns: RUNS },
		);
	});

	it('held-alerts summary: the text of an item that did not come from the formatter, and its event type', () => {
		fc.assert(
			fc.property(secret, secret, ({ v }, w) => {
				const msgs = heldSummaries(
					[{ channel: 'C1', at: Date.parse('2026-12-06T10:00:00Z'), text: `Order for ${v}`, metadata: { event_type: w.v, currency: 'usd', amount: 100 } as never, why: 'pause', notBefore: 0 }],
					{ pause: { since: 0, until: 1, by: 'U_BOB' }, now: Date.parse('2026-12-06T11:00:00Z'), timeZone: 'UTC' },
				);
				expect(JSON.stringify(msgs)).toContain('Order for');
				expectClean('held summary', msgs, [v, w.v]);
			}),
			{ numRuns: RUNS },
		);
	});

	it("burst summary: the folded messages' mention and event ids", () => {
		fc.assert(
			fc.property(secret, fc.constantFrom(...SECRETS.card), ({ v }, card) => {
				const m = (id: string) => ({ channel: 'C1', text: 'x', mention: `<!here> ${v}`, metadata: { category: 'payment', event_type: 'charge.succeeded', event_id: id, amount: 100, currency: 'usd' } });
				const s = buildSummary([m('evt_ok1'), m(card.replace(/\D/g, ''))] as never, 10_000);
				expect(JSON.stringify(s)).toContain('evt_ok1');
				expectClean('burst summary', s, [v, card]);
			}),
			{ numRuns: RUNS },
		);
	});
});
