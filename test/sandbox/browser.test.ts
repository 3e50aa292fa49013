/**
 * Browser test: Debian's Chromium (headless, via playwright-core) opens the sandbox page, sees a
 * posted Block Kit message, clicks its button (confirm dialog included), and sees the update made
 * by the test's interactivity webhook through response_url. Saves test-results/sandbox.png (docs/screenshots/sandbox-browser-test.png with UPDATE_SCREENSHOTS=1).
 *
 * Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH): apt-get update && apt-get install -y chromium
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { LogLevel, WebClient } from '@slack/web-api';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { SIGNING_SECRET, getJson, startHook, verifySlackSignature } from './helpers';
import { accessLogEntry, accessLogMessage } from '../../nodes/shared/desk/accessLog';
import { DESK_ACTIONS } from '../../nodes/shared/desk/actions';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// The committed screenshot is refreshed only on request (UPDATE_SCREENSHOTS=1), so a test run leaves the tree clean.
const SCREENSHOT = process.env.UPDATE_SCREENSHOTS
	? join(__dirname, '..', '..', 'docs', 'screenshots', 'sandbox-browser-test.png')
	: join(__dirname, '..', '..', 'test-results', 'sandbox.png');
const plain = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });

const failedInvoice = [
	{ type: 'header', text: plain(':warning: Invoice payment failed') },
	{ type: 'section', text: md('*Jenny Rosen* could not be charged for invoice <https://dashboard.stripe.com/test/invoices/in_1Pgc6tB7WZ01zgkWu9fdqL6I|SANDBOX-0001>. Card was declined: `card_declined` &lt;generic&gt; &amp; retried 1×.') },
	{ type: 'section', fields: [md('*Amount*\n$10.00 USD'), md('*Customer*\njenny.rosen@example.com'), md('*Attempt*\n1 of 4'), md('*Next retry*\nin 3 days')] },
	{ type: 'context', elements: [md('invoice.payment_failed · `in_1Pgc6tB7WZ01zgkWu9fdqL6I` · test mode')] },
	{ type: 'divider' },
	{
		type: 'actions',
		block_id: 'invoice_actions',
		elements: [
			{
				type: 'button', action_id: 'stripe_slack.retry_payment', style: 'primary', value: 'in_1Pgc6tB7WZ01zgkWu9fdqL6I', text: plain('Retry payment'),
				confirm: { title: plain('Retry the payment?'), text: md('Charge *$10.00* to the card on file again.'), confirm: plain('Retry'), deny: plain('Cancel') },
			},
			{ type: 'button', action_id: 'stripe_slack.send_reminder', value: 'in_1Pgc6tB7WZ01zgkWu9fdqL6I', text: plain('Send reminder') },
			{ type: 'button', action_id: 'stripe_slack.open_dashboard', url: 'https://dashboard.stripe.com/test/invoices/in_1Pgc6tB7WZ01zgkWu9fdqL6I', text: plain('Open in Stripe') },
		],
	},
];

const retried = (user: string) => [
	{ type: 'header', text: plain(':heavy_check_mark: Invoice paid after retry') },
	{ type: 'section', fields: [md('*Amount*\n$10.00 USD'), md('*Customer*\njenny.rosen@example.com')] },
	{ type: 'context', elements: [md(`Payment retried by <@${user}> · invoice \`in_1Pgc6tB7WZ01zgkWu9fdqL6I\` is now *paid*`)] },
];

async function launch(): Promise<{ ctx: BrowserContext; dir: string }> {
	if (!existsSync(CHROMIUM)) {
		throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`);
	}
	const dir = mkdtempSync(join(tmpdir(), 'sandbox-chromium-'));
	const ctx = await chromium.launchPersistentContext(dir, {
		executablePath: CHROMIUM,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		viewport: { width: 1280, height: 820 },
	});
	return { ctx, dir };
}

describe('sandbox page in Chromium', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, seedTransactions: 20 });
	});
	afterAll(() => sb.close());

	test('renders a posted message, clicks its button through the confirm dialog, shows the update', async () => {
		const client = new WebClient('xoxb-sandbox-token', { slackApiUrl: `${sb.url}/api/`, logLevel: LogLevel.ERROR });
		let stripeCallOk = false;
		const { ctx, dir } = await launch(); // fails with an install hint when Chromium is missing
		// The test's interactivity webhook: verify the signature, do the action, update through response_url.
		const hook = await startHook(async (r, res) => {
			if (!verifySlackSignature(SIGNING_SECRET, r.headers, r.body)) {
				res.writeHead(401);
				return void res.end();
			}
			const p = JSON.parse(new URLSearchParams(r.body).get('payload')!);
			res.writeHead(200); // ack first, as a Slack app must within 3 s
			res.end();
			if (p.actions[0].action_id === 'stripe_slack.retry_payment') {
				const pay = await fetch(`${sb.url}/v1/invoices/${p.actions[0].value}/pay`, { method: 'POST', headers: { Authorization: 'Bearer sk_test_sandbox', 'Idempotency-Key': `retry-${p.actions[0].value}` } });
				stripeCallOk = pay.ok;
				await fetch(p.response_url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ replace_original: true, text: 'Invoice paid after retry', blocks: retried(p.user.id) }) });
			}
		});
		try {
			await fetch(`${sb.url}/_sandbox/config`, { method: 'POST', body: JSON.stringify({ interactivityUrl: hook.url }) });
			// Some context around the message under test.
			const first = await client.chat.postMessage({ channel: '#billing-alerts', text: 'Subscription will cancel', blocks: [
				{ type: 'section', text: md(':warning: *Subscription set to cancel at period end*\n_Jenny Rosen_ · Pro plan (monthly) · ends *Aug 26*') },
				{ type: 'context', elements: [md('customer.subscription.updated · `sub_1Pgc6rB7WZ01zgkWNy0Cn5nw`')] },
			] as any[] });
			await client.chat.postMessage({ channel: '#billing-alerts', thread_ts: first.ts, text: 'Reached out to the customer by email. <@U_BOB>' });
			const posted = await client.chat.postMessage({ channel: '#billing-alerts', text: 'Invoice payment failed', blocks: failedInvoice });

			const page = await ctx.newPage();
			await page.goto(`${sb.url}/#C_BILLING_ALERTS`);
			const msg = page.locator(`.msg[data-ts="${posted.ts}"]`);
			await msg.getByText('Invoice payment failed').waitFor({ timeout: 10000 });
			// entities render as characters, not HTML
			await expect(msg.locator('.content').innerText()).resolves.toContain('<generic> & retried');
			expect(await msg.locator('a', { hasText: 'SANDBOX-0001' }).getAttribute('href')).toBe('https://dashboard.stripe.com/test/invoices/in_1Pgc6tB7WZ01zgkWu9fdqL6I');

			await msg.locator('button[data-action-id="stripe_slack.retry_payment"]').click();
			await page.locator('#modal-bg').getByText('Retry the payment?').waitFor();
			await page.locator('#modal-confirm').click();

			await msg.getByText('Invoice paid after retry').waitFor({ timeout: 10000 });
			await msg.getByText('(edited)').waitFor();
			await expect(msg.locator('button[data-action-id="stripe_slack.retry_payment"]').count()).resolves.toBe(0);
			expect(stripeCallOk).toBe(true);
			expect(hook.received).toHaveLength(1);

			const state = await getJson(`${sb.url}/_sandbox/slack/messages`);
			expect(state.messages.find((m: any) => m.ts === posted.ts).edits).toHaveLength(1);

			// A second, still-actionable message so the screenshot shows buttons too.
			await client.chat.postMessage({ channel: '#billing-alerts', text: 'Invoice payment failed', blocks: failedInvoice.map((b: any) =>
				b.type === 'section' && b.fields ? { ...b, fields: [md('*Amount*\n€49.00 EUR'), md('*Customer*\nmax@example.com'), md('*Attempt*\n2 of 4'), md('*Next retry*\nin 5 days')] } : b) });
			await page.locator('.msg').nth(3).waitFor();
			await page.mouse.move(1200, 800);
			await page.locator('#toast').evaluate((t) => ((t as HTMLElement).style.display = 'none'));
			mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
			await page.screenshot({ path: SCREENSHOT });
		} finally {
			await ctx.close();
			rmSync(dir, { recursive: true, force: true });
			await hook.close();
		}
	}, 60000);

	test('shows the pause state from the access log: paused until a time, then gone after /stripe resume', async () => {
		const client = new WebClient('xoxb-sandbox-token', { slackApiUrl: `${sb.url}/api/`, logLevel: LogLevel.ERROR });
		const { ctx, dir } = await launch();
		const logLine = (subject: string, detail: string) => {
			const m = accessLogMessage(accessLogEntry({ kind: 'action', user: { id: 'U_BOB', name: 'bob' }, action: DESK_ACTIONS.noise, subject, customerId: null, result: 'ok', detail, channel: 'C_SUPPORT', team: 'T_SANDBOX', source: 'slash_command' }));
			return client.chat.postMessage({ channel: '#support-audit', text: m.text, blocks: m.blocks as any[] });
		};
		try {
			const until = new Date(Date.now() + 3_600_000);
			await logLine('pause_1h', `paused until ${until.toISOString()}`);
			const page = await ctx.newPage();
			await page.goto(`${sb.url}/#C_SUPPORT_AUDIT`);
			const banner = page.locator('#pause-banner');
			await banner.getByText(`paused until ${until.toISOString().slice(11, 16)} UTC (by Bob Support)`).waitFor({ timeout: 10000 });
			await logLine('pause_status', 'pause_status, 0 held');
			await page.waitForTimeout(1500);
			expect(await banner.isVisible()).toBe(true);
			await logLine('resume', 'resume, 0 held');
			await banner.waitFor({ state: 'hidden', timeout: 10000 });
		} finally {
			await ctx.close();
			rmSync(dir, { recursive: true, force: true });
		}
	}, 60000);
});
