/**
 * Thin event notifications through the workflow templates on the real n8n (#27): for each of the 12 fixture
 * types, a thin notification (recorded in the sandbox's Stripe, then signed and posted as Stripe's event
 * destinations send it, as `npm run send-event -- <type> --thin` does) puts the same Slack message (text and
 * blocks) as the snapshot delivery of the same event; the two runs use distinct event ids, which are masked
 * before comparing. A thin notification of an event that already ran is a duplicate; a forged or stale thin
 * notification is refused exactly as a snapshot delivery is, and posts nothing. The High-Volume Trigger takes
 * them too: the full event runs once whichever way it came, and an event it cannot fetch is answered 502.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { waitFor } from '../../scripts/lib/n8n';
import { loggedIn, stackInfo } from './stack';
import { EXPECTED, type SandboxMessage } from './expectations';
import { PKG, createChain, forwardIdNode, settledExecutions, signStripe, startIdSink, stripeCredential, type WfNode } from './workflows';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'stripe');

describe('thin event notifications through the templates on the real n8n', () => {
	const { endpoints } = stackInfo();
	const sandbox = endpoints.sandbox!;
	const secret = endpoints.stripeWebhookSecret;
	const stamp = Date.now();

	const messages = async (): Promise<SandboxMessage[]> => ((await (await fetch(`${sandbox}/_sandbox/slack/messages`)).json()) as { messages: SandboxMessage[] }).messages;

	/**
	 * The fixture event with a fresh event id. Its subscription and dispute ids get this run's stamp too: the
	 * templates keep one Slack thread per subscription and per dispute in n8n, which outlives the sandbox's
	 * reset, so the fixtures' own ids would leave threads that the next test file (templates.test.ts) finds.
	 */
	function fixture(type: string, id: string): Record<string, unknown> {
		const text = fs.readFileSync(path.join(FIXTURES, `${type}.json`), 'utf8').replace(/"((?:sub|du|dp)_[A-Za-z0-9]+)"/g, `"$1_thin${stamp}"`);
		const ev = JSON.parse(text);
		ev.id = id;
		return ev;
	}

	/** Records the event in the sandbox's Stripe; the body of its thin notification, as Stripe sends it. */
	async function thinBody(event: Record<string, unknown>): Promise<string> {
		const r = await fetch(`${sandbox}/_sandbox/stripe/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
		expect(r.status).toBe(200);
		return JSON.stringify(((await r.json()) as { notification: unknown }).notification, null, 2);
	}

	async function post(url: string, body: string, signWith = secret, timestamp?: number): Promise<{ status: number; body: string }> {
		const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(body, signWith, timestamp) }, body });
		return { status: r.status, body: await r.text() };
	}

	/** The messages the event put in every expected channel, one per channel. */
	async function landed(type: string, before: number): Promise<SandboxMessage[]> {
		const exp = EXPECTED[type];
		return waitFor(
			`the ${type} message in ${exp.channels.join(', ')}`,
			async () => {
				const fresh = (await messages()).slice(before).filter((m) => m.text.includes(exp.text));
				const each = exp.channels.map((c) => fresh.find((m) => m.channel === c));
				return each.every(Boolean) ? (each as SandboxMessage[]) : undefined;
			},
			30_000,
			200,
		);
	}

	/** What the comparison looks at: text and blocks, with the event's id masked. */
	const shown = (m: SandboxMessage, eventId: string) => JSON.parse(JSON.stringify({ channel: m.channel, text: m.text, blocks: m.blocks }).split(eventId).join('<event id>'));

	beforeAll(async () => {
		expect(sandbox).toBeTruthy();
		await fetch(`${sandbox}/_sandbox/reset`, { method: 'POST' });
	});

	it.each(Object.keys(EXPECTED))('%s: the thin notification gives the same Slack message as the snapshot event', async (type) => {
		const url = endpoints.webhooks[EXPECTED[type].template];
		const snapId = `evt_snap_${type.replace(/\W/g, '_')}_${stamp}`;
		const thinId = `evt_thin_${type.replace(/\W/g, '_')}_${stamp}`;

		let before = (await messages()).length;
		expect((await post(url, JSON.stringify(fixture(type, snapId), null, 2))).status).toBe(200);
		const viaSnapshot = await landed(type, before);

		before = (await messages()).length;
		const thin = await thinBody(fixture(type, thinId));
		expect(JSON.parse(thin)).toMatchObject({ object: 'v2.core.event', type: `v1.${type}` });
		expect(thin).not.toContain('"data"'); // a thin notification carries no object
		const answer = await post(url, thin);
		expect(answer.status).toBe(200);
		const viaThin = await landed(type, before);

		expect(viaThin.map((m) => shown(m, thinId))).toEqual(viaSnapshot.map((m) => shown(m, snapId)));
		expect(viaThin[0].blocks?.length).toBeGreaterThan(0);
	});

	it('a thin notification of an event that already ran as a snapshot delivery is a duplicate and posts nothing', async () => {
		const type = 'invoice.paid';
		const id = `evt_snap_${type.replace(/\W/g, '_')}_${stamp}`; // ran in the test above
		const before = (await messages()).length;
		const answer = await post(endpoints.webhooks[EXPECTED[type].template], await thinBody(fixture(type, id)));
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body)).toMatchObject({ received: true, ignored: expect.stringMatching(/duplicate/) });
		await new Promise((r) => setTimeout(r, 2500));
		expect((await messages()).length).toBe(before);
	});

	it('forged and stale thin notifications are refused as snapshot deliveries are, and post nothing', async () => {
		const type = 'charge.succeeded';
		const url = endpoints.webhooks[EXPECTED[type].template];
		const thin = await thinBody(fixture(type, `evt_thin_forged_${stamp}`));
		const snapshot = JSON.stringify(fixture(type, `evt_snap_forged_${stamp}`), null, 2);
		const before = (await messages()).length;
		const stale = Math.floor(Date.now() / 1000) - 600;
		const future = Math.floor(Date.now() / 1000) + 600;
		for (const [label, signWith, t] of [
			['forged', 'whsec_forged_secret_123', undefined],
			['stale', secret, stale],
			['from the future', secret, future],
		] as const) {
			const a = await post(url, thin, signWith, t);
			const b = await post(url, snapshot, signWith, t);
			expect({ label, status: a.status }).toEqual({ label, status: 401 });
			const reason = (r: { body: string }) => String(JSON.parse(r.body).error).replace(/\d+ s\b/g, 'N s');
			expect(reason(a)).toBe(reason(b));
			expect(b.status).toBe(401);
		}
		// a changed byte after signing
		const signed = signStripe(thin, secret);
		const tampered = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signed }, body: thin.replace('"livemode": false', '"livemode": true ') });
		expect(tampered.status).toBe(401);
		await new Promise((r) => setTimeout(r, 2500));
		expect((await messages()).length).toBe(before);
	});

	it('the High-Volume Trigger runs the full event of a thin notification once, and answers 502 when it cannot fetch it', async () => {
		const rest = await loggedIn();
		const sink = await startIdSink();
		const journalFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-thin-hv-'));
		const port = Number(process.env.E2E_N8N_PORT ?? 5778) + 5;
		const trigger: WfNode = {
			name: 'Stripe High-Volume Trigger',
			type: `${PKG}.stripeHighVolumeTrigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { port, path: '/thin-e2e', events: ['payment_intent.*'], options: { host: '127.0.0.1', batchWindowMs: 20, journalFolder } },
			credentials: stripeCredential,
		};
		const url = `http://127.0.0.1:${port}/thin-e2e`;
		try {
			const wf = await createChain(rest, 'e2e: thin at the high-volume trigger', [trigger, forwardIdNode(sink.port)], { readyUrl: url });
			const event = fixture('payment_intent.succeeded', `evt_thin_hv_${stamp}`);
			expect((await post(url, await thinBody(event))).status).toBe(200);
			const snapshot = await post(url, JSON.stringify(event, null, 2));
			expect(JSON.parse(snapshot.body)).toMatchObject({ received: true, ignored: expect.stringMatching(/duplicate/) });
			const lost = JSON.stringify({ ...JSON.parse(await thinBody(fixture('payment_intent.payment_failed', `evt_thin_hv_lost_${stamp}`))), id: `evt_test_unknown_${stamp}` }, null, 2);
			const failed = await post(url, lost);
			expect(failed.status).toBe(502);
			expect(JSON.parse(failed.body).error).toMatch(/could not fetch .* Stripe answered 404/);
			const execs = await settledExecutions(rest, wf.id, 1, 1500, 30_000);
			expect(execs.every((e) => e.status === 'success')).toBe(true);
			expect(sink.seen).toEqual([event.id]);
			await rest.deactivate(wf.id);
		} finally {
			sink.close();
		}
	});
});
