/**
 * Issue #28, as a finance person who never used n8n: in the real editor (headless Chromium), open the payments
 * template, change the payments channel and the minimum in Settings with the editor's own inputs, publish
 * with a version name, send signed events, and see the message in the new channel and none below the new
 * minimum; then type a wrong channel, publish, send two events, and see exactly one Slack message naming the
 * setting and the bad value. Then open the support desk and change who may refund, in words.
 * Its own stack (base port E2E_EDIT_PORT, default 6378); screenshots of each step (docs/screenshots with
 * UPDATE_SCREENSHOTS=1) for docs/change-a-template.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { waitFor } from '../../scripts/lib/n8n';
import { closeNode, closePopovers, openNode, publish, screenshotDir, setAssignment, signIn, typeInto, withPage } from './browser';
import type { SandboxMessage } from './expectations';
import { ownStack } from './stack';
import { signStripe } from './workflows';

const BASE_PORT = Number(process.env.E2E_EDIT_PORT ?? 6378);
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'stripe', 'payment_intent.succeeded.json');

describe('change a template without code, in the n8n editor', () => {
	const { stack } = ownStack('edit-template', BASE_PORT);
	const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir(), `change-${name}.png`) });
	let n = 0;

	const sandbox = () => stack().endpoints.sandbox!;
	const messages = async (): Promise<{ messages: SandboxMessage[]; ephemeral: Array<{ user: string; text: string }> }> =>
		(await fetch(`${sandbox()}/_sandbox/slack/messages`)).json();
	const channelId = async (name: string): Promise<string> => {
		const ws = (await (await fetch(`${sandbox()}/_sandbox/slack/workspace`)).json()) as { channels: Array<{ id: string; name: string }> };
		return ws.channels.find((c) => c.name === name)!.id;
	};
	/** A signed payment_intent.succeeded of `amount` cents, with a marker in its description to find it in Slack. */
	const sendPayment = async (amount: number): Promise<string> => {
		const ev = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
		const marker = `edit${Date.now()}${n++}`;
		ev.id = `evt_${marker}`;
		ev.data.object.amount = amount;
		ev.data.object.amount_received = amount;
		const body = JSON.stringify(ev);
		const r = await fetch(stack().endpoints.webhooks.payments, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(body, stack().endpoints.stripeWebhookSecret) },
			body,
		});
		expect(r.status).toBe(200);
		return marker;
	};
	const openWorkflow = async (page: Page, id: string) => {
		await page.goto(`${stack().endpoints.n8n}/workflow/${id}`);
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
		await closePopovers(page);
	};
	const editSettings = async (page: Page, values: Record<string, string>, shots: string[]) => {
		await openNode(page, 'Settings');
		for (const [field, value] of Object.entries(values)) await setAssignment(page, field, value);
		await page.waitForTimeout(500);
		if (shots[0]) await shot(page, shots[0]);
		await closeNode(page);
		await page.keyboard.press('ControlOrMeta+s');
		await page.waitForTimeout(1000);
	};

	it('payments: new channel and minimum, published; then a wrong channel is reported once, by name', async () => {
		const id = stack().workflowIds.payments;
		const revenue = await channelId('revenue');
		const alerts = await channelId('billing-alerts');
		const posted = async (channel: string, amount: string) => (await messages()).messages.filter((m) => m.channel === channel && m.text.includes(`Payment received: ${amount}`));
		// one browser session throughout: n8n keeps a workflow read-only for other sessions while one edits it
		await withPage({ width: 1500, height: 950 }, async (page) => {
			await signIn(page, stack().endpoints.n8n, stack().endpoints.owner);
			await openWorkflow(page, id);
			await shot(page, '1-template');

			await editSettings(page, { 'Payments channel': '#revenue', 'Minimum amount per currency': '$50' }, ['2-settings']);
			await publish(page, 'Payments to #revenue, minimum $50');
			await page.waitForTimeout(1500);
			await shot(page, '3-published');

			// At least the minimum: posted in the new channel (a minimum of $50 posts a $50.00 payment).
			await sendPayment(5000);
			await waitFor('the $50.00 payment in #revenue', async () => ((await posted(revenue, '$50.00')).length ? true : undefined), 60_000, 300);
			// Below it: not posted anywhere; the next one is.
			await sendPayment(4999);
			await sendPayment(7500);
			await waitFor('the $75.00 payment in #revenue', async () => ((await posted(revenue, '$75.00')).length ? true : undefined), 60_000, 300);
			await new Promise((r) => setTimeout(r, 2000));
			expect((await messages()).messages.filter((m) => m.text.includes('$49.99'))).toEqual([]);

			// A typo in the channel: one Slack message naming the setting and the value, however many events.
			const before = (await messages()).messages.length;
			const failedBefore = (await stack().rest.executions(id)).filter((e) => e.status === 'error').length;
			await editSettings(page, { 'Payments channel': '#revnue' }, ['4-typo']);
			await publish(page, 'Payments channel typo');
			await page.waitForTimeout(1500);
			await sendPayment(6000);
			await sendPayment(6100);
			const report = await waitFor(
				'the mistake reported in #billing-alerts',
				async () => {
					const fresh = (await messages()).messages.slice(before).filter((m) => m.text.includes('Payments channel is "#revnue"'));
					return fresh.length ? fresh : undefined;
				},
				60_000,
				300,
			);
			expect(report[0].channel).toBe(alerts);
			expect(report[0].text).toContain('Slack says channel_not_found');
			expect(report[0].text).toContain('/invite @');
			await waitFor('both runs to fail', async () => {
				const failed = (await stack().rest.executions(id)).filter((e) => e.status === 'error').length;
				return failed - failedBefore >= 2 ? true : undefined;
			}, 60_000, 500);
			await new Promise((r) => setTimeout(r, 4000)); // the error workflow runs after each failure
			const naming = (await messages()).messages.slice(before).filter((m) => m.text.includes('#revnue'));
			expect(naming.map((m) => m.text)).toHaveLength(1);

			await page.goto(`${stack().endpoints.n8n}/workflow/${id}/executions`);
			await page.locator('[data-test-id="current-executions-list"]').waitFor({ timeout: 60_000 });
			// the newest run opens beside the list, its failed node marked
			await page.locator('[data-test-id="execution-preview-id"], [data-test-id="execution-preview-host"]').first().waitFor({ timeout: 30_000 }).catch(() => undefined);
			await page.waitForLoadState('networkidle').catch(() => undefined);
			await page.waitForTimeout(2500);
			await closePopovers(page);
			await shot(page, '5-execution-error');
		});
	}, 600_000);

	it('support desk: who may refund, changed in words', async () => {
		const id = stack().workflowIds['support-desk'];
		// Clicks go to the support desk (it performs the alerts' buttons too).
		await fetch(`${sandbox()}/_sandbox/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ interactivityUrl: stack().endpoints.webhooks['support-desk'] }) });
		const revenue = await channelId('revenue');
		// the payments template posts to #revenue again
		await withPage({ width: 1500, height: 950 }, async (page) => {
			await signIn(page, stack().endpoints.n8n, stack().endpoints.owner);
			await openWorkflow(page, stack().workflowIds.payments);
			await editSettings(page, { 'Payments channel': '#revenue' }, []);
			await publish(page, 'Payments channel fixed');
		});
		await sendPayment(9900);
		const msg = await waitFor('a payment to press Refund on', async () => (await messages()).messages.find((m) => m.channel === revenue && m.text.includes('Payment received: $99.00')), 60_000, 300);
		const click = async (user: string) =>
			(await fetch(`${sandbox()}/_sandbox/slack/click`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: msg.channel, ts: msg.ts, action_id: 'stripe_slack.refund', user_id: user }) })).json();
		const refunds = async () => ((await (await fetch(`${sandbox()}/_sandbox/stripe/requests`)).json()).requests as Array<{ method: string; path: string }>).filter((r) => r.method === 'POST' && r.path.startsWith('/v1/refunds')).length;

		await withPage({ width: 1500, height: 950 }, async (page) => {
			await signIn(page, stack().endpoints.n8n, stack().endpoints.owner);
			await openWorkflow(page, id);
			await shot(page, '6-support-desk');
			await openNode(page, 'Slack Requests');
			const refund = page.locator('[data-test-id="parameter-input-refund"] input, [data-test-id="parameter-input-refund"] textarea').first();
			await refund.scrollIntoViewIfNeeded();
			await typeInto(page, refund, '@support');
			await page.waitForTimeout(500);
			await shot(page, '7-who-may-refund');
			await closeNode(page);
			await page.keyboard.press('ControlOrMeta+s');
			await page.waitForTimeout(1000);
			await publish(page, 'Support may refund');
		});
		await new Promise((r) => setTimeout(r, 2000));

		// Alice (finance, outside @support now): denied, nothing refunded.
		const before = await refunds();
		await click('U_ALICE');
		await waitFor('the denial for Alice', async () => ((await messages()).ephemeral.some((e) => e.user === 'U_ALICE' && /not allowed/i.test(e.text)) ? true : undefined), 30_000, 300);
		await new Promise((r) => setTimeout(r, 1500));
		expect(await refunds()).toBe(before);
		// Bob (in @support): allowed, one refund.
		await click('U_BOB');
		await waitFor('Bob\'s refund', async () => ((await refunds()) > before ? true : undefined), 60_000, 300);
	}, 300_000);
});
