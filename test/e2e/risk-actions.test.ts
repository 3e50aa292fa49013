/**
 * Issue #26 on the real n8n, through the sandbox: the risk template posts early fraud warnings and Radar reviews to
 * #risk, the payments and subscriptions templates take the new events of their area, and every new button works end
 * to end through the actions template (approve a review, refund from an early fraud warning, capture, void, send the
 * hosted invoice page): the Stripe object changes as Stripe changes it, the message is updated and the audit note
 * written. A stranger's click makes no Stripe call; a double click moves money once.
 *
 * The buttons are posted on messages of their own (the block_actions payload comes from the sandbox's click, as
 * Slack builds it from the message), so this test does not depend on which template places which button.
 */
import { waitFor } from '../../scripts/lib/n8n';
import { parseArgs, send } from '../../scripts/send-event';
import { ACTION_OBJECTS as O } from '../../sandbox/stripeEvents';
import { NEVER_IN_SLACK, type SandboxMessage } from './expectations';
import { stackInfo } from './stack';

const A = {
	approveReview: 'stripe_slack.approve_review',
	refundFraudWarning: 'stripe_slack.refund_fraud_warning',
	capturePayment: 'stripe_slack.capture_payment',
	voidInvoice: 'stripe_slack.void_invoice',
	sendAuthenticationLink: 'stripe_slack.send_authentication_link',
};

describe('the buttons of #26 on the real n8n', () => {
	const { endpoints } = stackInfo();
	const sandbox = endpoints.sandbox!;
	const json = async (path: string, body?: unknown) =>
		(await (
			await fetch(`${sandbox}${path}`, {
				method: body === undefined ? 'GET' : 'POST',
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			})
		).json()) as any;
	const stripe = async (path: string) => (await (await fetch(`${sandbox}${path}`, { headers: { authorization: 'Bearer sk_test_sandbox' } })).json()) as any;
	const state = async () => (await json('/_sandbox/slack/messages')) as { messages: SandboxMessage[]; ephemeral: Array<{ user: string; text: string }> };
	const posts = async () => ((await json('/_sandbox/stripe/requests')).requests as Array<{ method: string; path: string; idempotencyKey: string | null; status: number }>).filter((r) => r.method === 'POST');

	/**
	 * A message with one button, posted with the bot token as the templates post theirs. The sandbox paces
	 * chat.postMessage per channel as Slack does, so a `ratelimited` answer is waited out (Retry-After), as the
	 * templates' Slack Post does.
	 */
	async function postButton(channel: string, actionId: string, value: string): Promise<string> {
		for (let attempt = 0; ; attempt++) {
			const r = await fetch(`${sandbox}/api/chat.postMessage`, {
				method: 'POST',
				headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-sandbox-token' },
				body: JSON.stringify({
					channel,
					text: `e2e ${actionId}`,
					blocks: [
						{ type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: `*${actionId}* on ${value}` } },
						{ type: 'actions', block_id: 'stripe_actions', elements: [{ type: 'button', action_id: actionId, value, text: { type: 'plain_text', text: 'Do it' } }] },
					],
				}),
			});
			const body = (await r.json()) as { ok: boolean; ts: string; error?: string };
			if (body.error === 'ratelimited' && attempt < 20) {
				await new Promise((done) => setTimeout(done, 1000 * Number(r.headers.get('retry-after') ?? 1)));
				continue;
			}
			expect(body).toMatchObject({ ok: true });
			return body.ts;
		}
	}
	const click = async (channel: string, ts: string, actionId: string, user: string) =>
		(await json('/_sandbox/slack/click', { channel, ts, action_id: actionId, user_id: user })) as { status: number };

	/** The message once updated, and its audit notes. */
	const updated = async (channel: string, ts: string) =>
		await waitFor(
			`the message ${ts} to be updated and its audit note posted`,
			async () => {
				const all = (await state()).messages;
				const m = all.find((x) => x.channel === channel && x.ts === ts)!;
				const notes = all.filter((x) => x.thread_ts === ts && x.ts !== ts);
				return m.edits.length > 0 && notes.length > 0 ? { m, notes } : undefined;
			},
			30_000,
			250,
		);

	beforeAll(async () => {
		expect(sandbox).toBeTruthy();
		await json('/_sandbox/reset', {});
	});

	it('publishes the risk template, which posts early fraud warnings and Radar reviews to #risk; the new events reach their templates', async () => {
		expect(endpoints.webhooks.risk).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\//);
		expect(endpoints.events?.risk).toEqual(['radar.early_fraud_warning.created', 'review.opened', 'review.closed']);
		const secret = endpoints.stripeWebhookSecret;
		const cases: Array<[string, string, string]> = [
			['radar.early_fraud_warning.created', 'risk', 'C_RISK'],
			['review.opened', 'risk', 'C_RISK'],
			['review.closed', 'risk', 'C_RISK'],
			['payment_intent.amount_capturable_updated', 'payments', 'C_PAYMENTS'],
			['invoice.overdue', 'subscriptions', 'C_BILLING'],
			['invoice.payment_action_required', 'subscriptions', 'C_BILLING'],
			['charge.dispute.funds_withdrawn', 'disputes', 'C_DISPUTES'],
		];
		for (const [type, template, channel] of cases) {
			const before = (await state()).messages.length;
			const [r] = await send(parseArgs([type, '--to', endpoints.webhooks[template], '--secret', secret]), () => undefined);
			expect([type, r.status]).toEqual([type, 200]);
			const found = await waitFor(
				`the ${type} message in ${channel}`,
				async () => (await state()).messages.slice(before).find((m) => m.channel === channel),
				30_000,
				200,
			);
			const everything = JSON.stringify(found);
			for (const secretValue of [...NEVER_IN_SLACK, 'pat.events@example.com']) expect(everything).not.toContain(secretValue);
		}
	});

	it('a stranger\'s click on any new button makes no Stripe call', async () => {
		const before = (await json('/_sandbox/stripe/requests')).requests.length;
		for (const [actionId, value] of [
			[A.approveReview, O.review],
			[A.refundFraudWarning, O.earlyFraudWarning],
			[A.capturePayment, O.uncapturedPayment],
			[A.voidInvoice, O.overdueInvoice],
			[A.sendAuthenticationLink, O.authenticationInvoice],
		]) {
			const ts = await postButton('C_RISK', actionId, value);
			expect((await click('C_RISK', ts, actionId, 'U_BOB')).status).toBe(200);
		}
		await waitFor(
			'five private denials for U_BOB',
			async () => ((await state()).ephemeral.filter((e) => e.user === 'U_BOB' && /not allowed/i.test(e.text)).length >= 5 ? true : undefined),
			20_000,
			200,
		);
		await new Promise((r) => setTimeout(r, 1500));
		expect((await json('/_sandbox/stripe/requests')).requests.length).toBe(before);
		expect(await stripe(`/v1/reviews/${O.review}`)).toMatchObject({ open: true });
		expect(await stripe(`/v1/payment_intents/${O.uncapturedPayment}`)).toMatchObject({ status: 'requires_capture' });
	});

	it('Approve closes the Radar review as approved; the message says who did it', async () => {
		const ts = await postButton('C_RISK', A.approveReview, O.review);
		expect((await click('C_RISK', ts, A.approveReview, 'U_ALICE')).status).toBe(200);
		const { m, notes } = await updated('C_RISK', ts);
		expect(JSON.stringify(m.blocks)).toMatch(/Review approved by <@U_ALICE>/);
		const buttons = (m.blocks ?? []).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []).map((e) => e.action_id) : []));
		expect(buttons).not.toContain(A.approveReview); // the button is gone: no second approval
		expect(notes.map((n) => n.text).join('\n')).toContain(O.review);
		expect(await stripe(`/v1/reviews/${O.review}`)).toMatchObject({ open: false, closed_reason: 'approved' });
	});

	it('a double click on Refund of an early fraud warning refunds its charge once, in full, as fraudulent', async () => {
		const ts = await postButton('C_RISK', A.refundFraudWarning, O.earlyFraudWarning);
		const [a, b] = await Promise.all([click('C_RISK', ts, A.refundFraudWarning, 'U_ALICE'), click('C_RISK', ts, A.refundFraudWarning, 'U_CAROL')]);
		expect([a.status, b.status]).toEqual([200, 200]);
		const { m } = await updated('C_RISK', ts);
		expect(JSON.stringify(m.blocks)).toMatch(/Refunded as fraudulent by <@U_(ALICE|CAROL)>/);
		await new Promise((r) => setTimeout(r, 1500));
		const charge = await stripe(`/v1/charges/${O.fraudCharge}`);
		expect(charge).toMatchObject({ refunded: true, amount_refunded: 12345 });
		expect(charge.refunds.data).toHaveLength(1);
		expect(charge.refunds.data[0]).toMatchObject({ reason: 'fraudulent', amount: 12345 });
		expect(await stripe(`/v1/radar/early_fraud_warnings/${O.earlyFraudWarning}`)).toMatchObject({ actionable: false });
		const refundPosts = (await posts()).filter((p) => p.path === '/v1/refunds');
		expect(new Set(refundPosts.map((p) => p.idempotencyKey)).size).toBe(1);
	});

	it('a double click on Capture captures once: requires_capture → succeeded with amount_received', async () => {
		const ts = await postButton('C_PAYMENTS', A.capturePayment, O.uncapturedPayment);
		await Promise.all([click('C_PAYMENTS', ts, A.capturePayment, 'U_ALICE'), click('C_PAYMENTS', ts, A.capturePayment, 'U_ALICE')]);
		const { m } = await updated('C_PAYMENTS', ts);
		expect(JSON.stringify(m.blocks)).toMatch(/Payment captured by <@U_ALICE>/);
		await new Promise((r) => setTimeout(r, 1500));
		expect(await stripe(`/v1/payment_intents/${O.uncapturedPayment}`)).toMatchObject({ status: 'succeeded', amount_received: 5000, amount_capturable: 0 });
		const captures = (await posts()).filter((p) => p.path.endsWith('/capture'));
		expect(captures.filter((p) => p.status === 200).length).toBeGreaterThanOrEqual(1);
		expect(new Set(captures.map((p) => p.idempotencyKey)).size).toBe(1);
	});

	it('Void voids the open invoice, and a second Void on another message gets Stripe\'s error in Slack', async () => {
		const ts = await postButton('C_BILLING', A.voidInvoice, O.overdueInvoice);
		await click('C_BILLING', ts, A.voidInvoice, 'U_ALICE');
		const { m } = await updated('C_BILLING', ts);
		expect(JSON.stringify(m.blocks)).toMatch(/Invoice voided by <@U_ALICE>/);
		expect(await stripe(`/v1/invoices/${O.overdueInvoice}`)).toMatchObject({ status: 'void', amount_remaining: 0 });
		const again = await postButton('C_BILLING', A.voidInvoice, O.overdueInvoice);
		await click('C_BILLING', again, A.voidInvoice, 'U_ALICE');
		const second = await updated('C_BILLING', again);
		expect(JSON.stringify(second.m.blocks)).toMatch(/Void by <@U_ALICE> at \d\d:\d\d UTC failed: .*void/);
	});

	it('Send payment page emails the hosted invoice page to the customer who must authenticate', async () => {
		const before = (await posts()).length;
		const ts = await postButton('C_BILLING', A.sendAuthenticationLink, O.authenticationInvoice);
		await click('C_BILLING', ts, A.sendAuthenticationLink, 'U_ALICE');
		const { m, notes } = await updated('C_BILLING', ts);
		expect(JSON.stringify(m.blocks)).toMatch(/Payment page sent by <@U_ALICE>/);
		expect(JSON.stringify([m, notes])).not.toContain('invoice.stripe.com');
		expect((await posts()).slice(before).map((p) => [p.path, p.status])).toEqual([[`/v1/invoices/${O.authenticationInvoice}/send`, 200]]);
	});
	/**
	 * The same buttons as the formatter places them on the real messages: the event goes through its template,
	 * and the button on the posted message is the one clicked, so the template's button, the value it carries and
	 * the action it triggers are checked together.
	 */
	describe('on the messages the templates post', () => {
		const cases: Array<{ type: string; template: string; channel: string; action: string; value: string; done: () => Promise<unknown>; expected: unknown }> = [
			{ type: 'review.opened', template: 'risk', channel: 'C_RISK', action: A.approveReview, value: O.review, done: () => stripe(`/v1/reviews/${O.review}`), expected: { open: false, closed_reason: 'approved' } },
			{ type: 'radar.early_fraud_warning.created', template: 'risk', channel: 'C_RISK', action: A.refundFraudWarning, value: O.earlyFraudWarning, done: () => stripe(`/v1/charges/${O.fraudCharge}`), expected: { refunded: true } },
			{ type: 'payment_intent.amount_capturable_updated', template: 'payments', channel: 'C_PAYMENTS', action: A.capturePayment, value: O.uncapturedPayment, done: () => stripe(`/v1/payment_intents/${O.uncapturedPayment}`), expected: { status: 'succeeded' } },
			{ type: 'invoice.overdue', template: 'subscriptions', channel: 'C_BILLING', action: A.voidInvoice, value: O.overdueInvoice, done: () => stripe(`/v1/invoices/${O.overdueInvoice}`), expected: { status: 'void' } },
			{
				type: 'invoice.payment_action_required',
				template: 'subscriptions',
				channel: 'C_BILLING',
				action: A.sendAuthenticationLink,
				value: O.authenticationInvoice,
				done: async () => (await posts()).filter((p) => p.path === `/v1/invoices/${O.authenticationInvoice}/send`).map((p) => p.status),
				expected: [200],
			},
		];

		beforeAll(async () => {
			await json('/_sandbox/reset', {});
		});

		it.each(cases.map((c) => [c.type, c.action, c]))('%s: its message\'s %s button works', async (_type, _action, c) => {
			const before = (await state()).messages.length;
			const [r] = await send(parseArgs([c.type, '--to', endpoints.webhooks[c.template], '--secret', endpoints.stripeWebhookSecret]), () => undefined);
			expect(r.status).toBe(200);
			const message = await waitFor(
				`the ${c.type} message with a ${c.action} button in ${c.channel}`,
				async () => (await state()).messages.slice(before).find((m) => m.channel === c.channel && JSON.stringify(m.blocks ?? []).includes(c.action)),
				30_000,
				200,
			);
			const button = (message.blocks ?? []).flatMap((b) => (b.type === 'actions' ? b.elements ?? [] : [])).find((e) => e.action_id === c.action) as { value?: string };
			expect(button.value).toBe(c.value);
			expect((await click(c.channel, message.ts, c.action, 'U_ALICE')).status).toBe(200);
			await waitFor(`the ${c.type} message to be updated`, async () => ((await state()).messages.find((m) => m.channel === c.channel && m.ts === message.ts)?.edits.length ? true : undefined), 30_000, 250);
			expect(await waitFor(`${c.value} to change`, async () => {
				const now = await c.done();
				try {
					expect(now).toMatchObject(c.expected as object);
					return now;
				} catch {
					return undefined;
				}
			}, 20_000, 250)).toBeTruthy();
		});
	});
});
