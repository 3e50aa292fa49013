/**
 * Every run finishes (issue #27, its Slack acceptance): the sandbox's Slack answers 5xx to every call for
 * E2E_OUTAGE_SECONDS (600 in CI, 120 elsewhere unless set) while 50 payment_intent.succeeded events arrive at the
 * shipped payments template; then Slack recovers and, without anyone pressing anything, every event is in
 * #payments exactly once (its own message, or listed in an outage summary). Two scenarios on two stacks at once, so
 * the outage is paid once: (A) n8n runs throughout; (B) n8n is killed with SIGKILL 22 s into the outage, while the
 * first message is still in Slack Post's retries and the next ones wait behind it, and started again.
 * Slack Post's retry budget is about 2 minutes at most (45 s with its 10 attempts), so the outage outlasts it.
 * Also (#28, readable runs): once everything is posted, a minute with nothing to do adds no execution.
 *
 * What the outbox covers starts at Slack Post (it writes each message before sending it): an event acknowledged
 * to Stripe whose run dies before it reaches Slack Post (a few milliseconds) is the catch-up's to recover. So the
 * kill comes 2 s after the last event sent before it.
 *
 * Own stacks: n8n on E2E_OUTAGE_BASE_PORT (default 6278) and +10, each sandbox on its n8n port + 2.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startDevStack, type DevStack } from '../../scripts/lib/devStack';
import { N8nProcess, waitFor } from '../../scripts/lib/n8n';
import type { SandboxMessage } from './expectations';
import { signStripe } from './workflows';

const BASE = Number(process.env.E2E_OUTAGE_BASE_PORT ?? 6278);
const OUTAGE_S = Number(process.env.E2E_OUTAGE_SECONDS ?? (process.env.CI ? 600 : 120));
const EVENTS = 50;
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'stripe', 'payment_intent.succeeded.json');

jest.setTimeout((OUTAGE_S + 900) * 1000);

interface Scenario {
	label: string;
	kill: boolean;
	stack?: DevStack;
	restarted?: N8nProcess;
	dataDir: string;
}

const scenarios: Scenario[] = [
	{ label: 'A', kill: false, dataDir: '' },
	{ label: 'B', kill: true, dataDir: '' },
];

beforeAll(async () => {
	await Promise.all(
		scenarios.map(async (s, i) => {
			s.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `stripe-slack-outage${s.label}-e2e-`));
			s.stack = await startDevStack({ dataDir: s.dataDir, n8nPort: BASE + 10 * i, sandboxPort: BASE + 10 * i + 2, skipBuild: true, log: (m) => process.stderr.write(`[outage ${s.label}] ${m}\n`) });
		}),
	);
}, 300_000);

afterAll(async () => {
	for (const s of scenarios) {
		await s.restarted?.stop();
		await s.stack?.stop();
		if (s.dataDir) fs.rmSync(s.dataDir, { recursive: true, force: true });
	}
}, 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function faults(s: Scenario, slack: Record<string, number>): Promise<void> {
	const r = await fetch(`${s.stack!.endpoints.sandbox}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slack }) });
	expect(r.status).toBe(200);
}

async function messages(s: Scenario): Promise<SandboxMessage[]> {
	return ((await (await fetch(`${s.stack!.endpoints.sandbox}/_sandbox/slack/messages`)).json()) as { messages: SandboxMessage[] }).messages;
}

async function routed(s: Scenario, when: string): Promise<void> {
	await waitFor(`n8n ${s.label} to route the payments webhook ${when}`, async () => ((await fetch(s.stack!.endpoints.webhooks.payments, { method: 'POST', body: '{}' })).status === 404 ? undefined : true), 90_000, 250);
}

async function send(s: Scenario, id: string): Promise<void> {
	const ev = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
	ev.id = id;
	ev.created = Math.floor(Date.now() / 1000);
	const body = JSON.stringify(ev);
	const r = await fetch(s.stack!.endpoints.webhooks.payments, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(body, s.stack!.endpoints.stripeWebhookSecret) }, body });
	await r.text();
	expect(r.status).toBe(200); // Stripe is told the event arrived: from here it must end in Slack
}

/** Each id: the #payments messages that carry it (`evt_…` in backticks: a message's footer or a summary's list). */
function carriers(all: SandboxMessage[], ids: string[]): Map<string, SandboxMessage[]> {
	const mine = all.filter((m) => m.channel === 'C_PAYMENTS' && !m.deleted);
	const text = mine.map((m) => JSON.stringify({ text: m.text, blocks: m.blocks }));
	return new Map(ids.map((id) => [id, mine.filter((_, i) => text[i].includes('`' + id + '`'))]));
}

/** Lines in the outbox's batch files of the stack's n8n (its entries, before any is posted). */
function outboxEntriesOnDisk(s: Scenario): number {
	const root = path.join(s.stack!.n8nOptions.userFolder, '.n8n', 'slack-post', 'outbox');
	let n = 0;
	for (const ns of fs.readdirSync(root)) {
		for (const ch of fs.readdirSync(path.join(root, ns))) {
			for (const f of fs.readdirSync(path.join(root, ns, ch)).filter((x) => x.startsWith('b-'))) n += fs.readFileSync(path.join(root, ns, ch, f), 'utf8').split('\n').filter(Boolean).length;
		}
	}
	return n;
}

async function executions(s: Scenario): Promise<Array<{ id: string; status: string }>> {
	const rest = s.stack!.rest;
	await rest.ensureOwner(s.stack!.endpoints.owner);
	return rest.executions(s.stack!.workflowIds.payments);
}

async function run(s: Scenario): Promise<{ ids: string[]; outageMs: number; deliveredAfterMs: number; summaries: number; singles: number }> {
	const stamp = Date.now().toString(36);
	const ids = Array.from({ length: EVENTS }, (_, i) => `evt_outage${s.label}${stamp}n${String(i).padStart(3, '0')}`);
	await routed(s, 'at the start');
	await faults(s, { fail5xx: 1 });
	const start = Date.now();
	for (let i = 0; i < 30; i++) {
		await send(s, ids[i]);
		await sleep(700);
	}
	if (s.kill) {
		await sleep(2000);
		// write-ahead: every event sent so far is on disk before the kill, none posted
		expect(outboxEntriesOnDisk(s)).toBe(30);
		s.stack!.n8n.kill('SIGKILL');
		await sleep(1000);
		s.restarted = new N8nProcess(s.stack!.n8nOptions);
		await s.restarted.start();
		await routed(s, 'after the SIGKILL');
		process.stderr.write(`[outage ${s.label}] n8n killed and started again ${Math.round((Date.now() - start) / 1000)} s into the outage\n`);
	}
	const rest = ids.slice(30);
	const spread = Math.max(500, (start + OUTAGE_S * 800 - Date.now()) / rest.length);
	for (const id of rest) {
		await send(s, id);
		await sleep(spread);
	}
	expect((await messages(s)).filter((m) => m.channel === 'C_PAYMENTS')).toHaveLength(0); // nothing got through
	await sleep(Math.max(0, start + OUTAGE_S * 1000 - Date.now()));
	await faults(s, {});
	const recovered = Date.now();
	process.stderr.write(`[outage ${s.label}] Slack answers again after ${Math.round((recovered - start) / 1000)} s\n`);
	const found = await waitFor(
		`all ${EVENTS} events of ${s.label} in #payments`,
		async () => {
			const c = carriers(await messages(s), ids);
			return [...c.values()].every((m) => m.length >= 1) ? c : undefined;
		},
		600_000,
		2000,
	);
	const deliveredAfterMs = Date.now() - recovered;
	await sleep(5000); // anything posted twice would come now
	const final = carriers(await messages(s), ids);
	const counts = ids.map((id) => final.get(id)!.length);
	expect(counts.filter((n) => n !== 1)).toEqual([]); // each event in exactly one message
	const carrying = new Set([...found.values()].flat().map((m) => m.ts));
	const all = (await messages(s)).filter((m) => m.channel === 'C_PAYMENTS');
	expect(all.filter((m) => !carrying.has(m.ts))).toEqual([]); // and no message that carries none of them
	const execs = await executions(s);
	expect(execs.filter((e) => e.status === 'error')).toEqual([]); // every run finished
	const summaries = all.filter((m) => /held while Slack was unreachable/.test(m.text)).length;
	return { ids, outageMs: recovered - start, deliveredAfterMs, summaries, singles: all.length - summaries };
}

describe(`Slack unreachable for ${OUTAGE_S} s while ${EVENTS} events arrive at the payments template`, () => {
	it('every event ends in Slack exactly once, with n8n running throughout (A) and with n8n SIGKILLed and restarted (B)', async () => {
		const results = await Promise.all(scenarios.map((s) => run(s)));
		for (const [i, r] of results.entries()) {
			process.stderr.write(`[outage ${scenarios[i].label}] ${EVENTS} events: ${r.summaries} summary message(s), ${r.singles} single(s), all posted ${Math.round(r.deliveredAfterMs / 1000)} s after Slack recovered (outage ${Math.round(r.outageMs / 1000)} s)\n`);
		}
		// #28: a check that finds nothing starts no execution (the release used to add a run every minute)
		const before = (await executions(scenarios[0])).length;
		await sleep(75_000);
		expect((await executions(scenarios[0])).length).toBe(before);
	});
});
