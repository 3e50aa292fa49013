/**
 * Noise control (nodes/shared/noise): what passes a pause or quiet hours, the schedule in a time zone, the
 * commands, the stores (memory, files that survive a new process, Redis shared by workers) and the summary that
 * brings every held alert back, counted and totalled.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readFileSync } from 'fs';
import { parseDuration, parseNoiseCommand } from '../../../nodes/shared/noise/command';
import { gateAlerts, releaseHeld, pauseAlerts, pauseStatus, resumeAlerts, type Alert, type NoiseSettings } from '../../../nodes/shared/noise/gate';
import { criticalReason, parsePolicy } from '../../../nodes/shared/noise/policy';
import { inQuietHours, parseQuietHours, quietEndsAt } from '../../../nodes/shared/noise/quietHours';
import { FileNoiseStore, MemoryNoiseStore, RedisNoiseStore, type NoiseStore } from '../../../nodes/shared/noise/store';
import { formatStripeEvent } from '../../../nodes/shared/format/event';

const fixture = (type: string) => JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'stripe', `${type}.json`), 'utf8'));
/** A real formatter message for a fixture event, as the gate gets it from Stripe Block Kit. */
function alert(type: string, channel = '#payments', patch: (e: any) => void = () => {}): Alert {
	const e = fixture(type);
	patch(e);
	const m = formatStripeEvent(e, {} as never);
	return { channel, text: m.text, metadata: m.metadata };
}

const T0 = Date.UTC(2026, 11, 2, 14, 0, 0); // Wed 14:00 UTC
const settings = (o: Partial<NoiseSettings> = {}): NoiseSettings => ({ policy: parsePolicy({ failedPaymentsFrom: 'USD:500' }), timeZone: 'UTC', ...o });

describe('critical policy', () => {
	it('passes disputes by default, failed payments from the threshold, and formatter-critical only when asked', () => {
		const p = parsePolicy({ failedPaymentsFrom: 'USD:5.00' });
		expect(criticalReason(alert('charge.dispute.created').metadata, p)).toBe('event type charge.dispute.*');
		const failed = alert('payment_intent.payment_failed').metadata;
		expect(failed.amount).toBeGreaterThanOrEqual(500);
		expect(criticalReason(failed, p)).toMatch(/failed payment at or above the USD threshold/);
		expect(criticalReason(failed, parsePolicy({ failedPaymentsFrom: 'USD:100000' }))).toBeUndefined();
		expect(criticalReason(alert('payment_intent.succeeded').metadata, p)).toBeUndefined();
		expect(criticalReason({ event_type: 'x.y', severity: 'critical' }, p)).toBeUndefined();
		expect(criticalReason({ event_type: 'x.y', severity: 'critical' }, { ...p, severityCritical: true })).toBe('marked critical by the formatter');
		expect(() => parsePolicy({ criticalEventTypes: 'charge dispute' })).toThrow(/not a Stripe event type pattern/);
	});
});

describe('quiet hours', () => {
	it('holds a window across midnight in its time zone, on the days it starts', () => {
		const q = parseQuietHours('22:00-07:00', 'mon-fri', 'Europe/Berlin')!;
		// Wed 2 Dec 2026: Berlin is UTC+1
		expect(inQuietHours(Date.UTC(2026, 11, 2, 20, 59), q)).toBe(false); // 21:59 Berlin
		expect(inQuietHours(Date.UTC(2026, 11, 2, 21, 0), q)).toBe(true); // 22:00
		expect(inQuietHours(Date.UTC(2026, 11, 3, 5, 59), q)).toBe(true); // Thu 06:59
		expect(inQuietHours(Date.UTC(2026, 11, 3, 6, 0), q)).toBe(false); // 07:00
		// Saturday night is not a window start (mon-fri); Saturday morning belongs to Friday's window
		expect(inQuietHours(Date.UTC(2026, 11, 5, 5, 0), q)).toBe(true); // Sat 06:00, Friday's window
		expect(inQuietHours(Date.UTC(2026, 11, 5, 22, 0), q)).toBe(false); // Sat 23:00
		expect(inQuietHours(Date.UTC(2026, 11, 6, 5, 0), q)).toBe(false); // Sun 06:00
	});

	it('knows when the window holding a moment ends', () => {
		const q = parseQuietHours('22:00-07:00', '', 'Europe/Berlin')!;
		expect(quietEndsAt(Date.UTC(2026, 11, 2, 23, 30, 15), q)).toBe(Date.UTC(2026, 11, 3, 6, 0)); // 07:00 Berlin
		expect(quietEndsAt(Date.UTC(2026, 11, 2, 12, 0), q)).toBe(Date.UTC(2026, 11, 2, 12, 0));
		expect(quietEndsAt(T0, undefined)).toBe(T0);
	});

	it('holds a same-day window, and is off when empty; bad specs are errors', () => {
		const q = parseQuietHours('12:00-13:30', '', 'UTC')!;
		expect(inQuietHours(Date.UTC(2026, 11, 2, 12, 0), q)).toBe(true);
		expect(inQuietHours(Date.UTC(2026, 11, 2, 13, 30), q)).toBe(false);
		expect(parseQuietHours('', 'mon', 'UTC')).toBeUndefined();
		expect(() => parseQuietHours('22-07', '', 'UTC')).toThrow(/not a time like 22:00/);
		expect(() => parseQuietHours('22:00-07:00', 'funday', 'UTC')).toThrow(/not a day/);
		expect(() => parseQuietHours('22:00-07:00', '', 'Mars/Olympus')).toThrow(/not an IANA time zone/);
		expect(() => parseQuietHours('07:00-07:00', '', 'UTC')).toThrow(/same time/);
	});
});

describe('commands', () => {
	it('parses pause, resume and status, with durations', () => {
		expect(parseNoiseCommand('pause 2h')).toEqual({ kind: 'pause', ms: 7_200_000 });
		expect(parseNoiseCommand('PAUSE 1h30m')).toEqual({ kind: 'pause', ms: 5_400_000 });
		expect(parseNoiseCommand('pause')).toEqual({ kind: 'pause', ms: 3_600_000 });
		expect(parseNoiseCommand('pause status')).toEqual({ kind: 'status' });
		expect(parseNoiseCommand('resume')).toEqual({ kind: 'resume' });
		expect(parseNoiseCommand('jenny@example.com')).toBeUndefined();
		expect(() => parseNoiseCommand('pause soon')).toThrow(/not a duration like 30m/);
		expect(() => parseDuration('8d')).toThrow(/7 days at most/);
		expect(parseDuration('90 min')).toBe(5_400_000);
	});
});

async function storeContract(make: () => Promise<NoiseStore>, again: () => Promise<NoiseStore>) {
	const a = await make();
	expect(await a.getPause()).toBeNull();
	await a.setPause({ since: T0, until: T0 + 60_000, by: 'U_ALICE' });
	const held = [alert('payment_intent.succeeded'), alert('charge.refunded')].map((x) => ({ ...x, at: T0, why: 'pause' as const, notBefore: T0 + 60_000 }));
	await a.hold(held);
	// another process (a restart, another worker) sees the same
	const b = await again();
	expect(await b.getPause()).toEqual({ since: T0, until: T0 + 60_000, by: 'U_ALICE' });
	expect(await b.heldCount()).toBe(2);
	const [taken, takenTwice] = await Promise.all([b.takeAll(), a.takeAll()]);
	expect(taken.length + takenTwice.length).toBe(2);
	expect([...taken, ...takenTwice].map((h) => h.metadata.event_type).sort()).toEqual(['charge.refunded', 'payment_intent.succeeded']);
	expect(await a.clearPause()).toMatchObject({ by: 'U_ALICE' });
	expect(await b.getPause()).toBeNull();
	expect(await b.heldCount()).toBe(0);
}

describe('stores', () => {
	it('memory', async () => {
		const m = new MemoryNoiseStore();
		await storeContract(async () => m, async () => m);
	});

	it('files in n8n\'s folder survive a new process (a new store on the same folder)', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noise-'));
		try {
			await storeContract(async () => new FileNoiseStore(dir), async () => new FileNoiseStore(dir));
			// a take that crashed after its rename is picked up by the next take
			const s = new FileNoiseStore(dir);
			fs.writeFileSync(path.join(dir, 'held.jsonl.taking-1-1'), `${JSON.stringify({ channel: '#p', at: T0, text: 'x', metadata: {}, why: 'pause', notBefore: T0 })}\n{"cut`);
			expect((await s.takeAll()).map((h) => h.text)).toEqual(['x']);
			expect(fs.readdirSync(dir).filter((f) => f.includes('taking'))).toEqual([]);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('Redis, shared by two clients (two workers)', async () => {
		const IORedis = require('ioredis');
		const c1 = new IORedis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
		const c2 = new IORedis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
		const prefix = `test-noise-${process.pid}-${Date.now()}:`;
		try {
			await storeContract(async () => new RedisNoiseStore(c1, prefix), async () => new RedisNoiseStore(c2, prefix));
		} finally {
			const keys = await c1.keys(`${prefix}*`);
			if (keys.length) await c1.del(...keys);
			c1.disconnect();
			c2.disconnect();
		}
	});
});

describe('gate', () => {
	it('holds routine alerts during a pause, passes critical ones, and summarizes every held one after it', async () => {
		const store = new MemoryNoiseStore();
		const s = settings();
		const p = await pauseAlerts(store, s, 'U_ALICE', 2 * 60_000, T0);
		expect(p.reply).toMatch(/paused until Wed 14:02 UTC/);
		expect(p.log).toMatchObject({ action: 'pause', by: 'U_ALICE', until: new Date(T0 + 120_000).toISOString() });

		const routine = Array.from({ length: 200 }, (_, i) =>
			alert(i % 4 === 3 ? 'charge.refunded' : 'payment_intent.succeeded', i % 2 ? '#payments' : '#sales', (e) => (e.data.object.amount = e.data.object.amount_received = 1000 + i)),
		);
		const during = await gateAlerts([...routine, alert('charge.dispute.created', '#disputes')], store, s, T0 + 30_000);
		expect(during.decisions.filter((d) => d.action === 'hold')).toHaveLength(200);
		expect(during.decisions[200]).toEqual({ action: 'post', critical: 'event type charge.dispute.*' });
		expect(during.released).toEqual([]);
		expect(await store.heldCount()).toBe(200);

		// a scheduled release during the pause releases nothing
		expect(await releaseHeld(store, s, T0 + 60_000)).toEqual({ released: [], count: 0 });
		// the pause has ended: the next run posts the new alert and one summary per channel
		const after = await gateAlerts([alert('payment_intent.succeeded')], store, s, T0 + 121_000);
		expect(after.decisions).toEqual([{ action: 'post' }]);
		expect(after.endedPause).toMatchObject({ by: 'U_ALICE' });
		expect(after.releasedCount).toBe(200);
		expect(after.released.map((m) => [m.channel, m.metadata.event_count])).toEqual([
			['#sales', 100],
			['#payments', 100],
		]);
		const sales = after.released[0];
		const text = JSON.stringify(sales.blocks);
		// #sales got the even i: i % 4 === 0 -> succeeded (50), i % 4 === 2 -> succeeded (50): 100 payments
		expect(text).toContain('100 alerts held');
		expect(text).toContain('paused by <@U_ALICE>');
		const payments = JSON.stringify(after.released[1].blocks);
		expect(payments).toMatch(/50 × Payment intent succeeded · 50 × Charge refunded|50 × Charge refunded · 50 × Payment intent succeeded/);
		const expectedTotal = routine.filter((_, i) => i % 2 === 1).reduce((sum, a) => sum + (a.metadata.amount as number), 0);
		expect(after.released[1].text).toContain(`($${(expectedTotal / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })})`);
		expect(payments).toContain('… and 90 more');
		expect(payments).toContain('https://dashboard.stripe.com/test/events?created%5Bgte%5D=');
		expect(await store.heldCount()).toBe(0);
	});

	it('holds during quiet hours and releases when they end; resume releases at once', async () => {
		const store = new MemoryNoiseStore();
		const s = settings({ quiet: parseQuietHours('14:00-15:00', '', 'UTC') });
		expect((await gateAlerts([alert('invoice.paid')], store, s, T0 + 60_000)).decisions).toEqual([{ action: 'hold', why: 'quiet_hours' }]);
		const later = await gateAlerts([], store, s, T0 + 3_600_000);
		expect(later.released).toHaveLength(1);
		expect(later.released[0].text).toBe('During quiet hours: 1 alert held ($10.00)');

		// a release on a schedule (which has no quiet-hours setting) waits for the window to end
		await gateAlerts([alert('invoice.paid')], store, s, T0 + 120_000);
		expect((await releaseHeld(store, { timeZone: 'UTC' }, T0 + 130_000)).released).toEqual([]);
		expect(await store.heldCount()).toBe(1);
		expect((await releaseHeld(store, { timeZone: 'UTC' }, T0 + 3_600_000)).count).toBe(1);

		const store2 = new MemoryNoiseStore();
		const s2 = settings();
		await pauseAlerts(store2, s2, 'U_BOB', 3_600_000, T0);
		await gateAlerts([alert('invoice.paid'), alert('invoice.paid')], store2, s2, T0 + 1000);
		expect((await pauseStatus(store2, s2, 'U_BOB', T0 + 2000)).reply).toMatch(/Paused until .* \(by <@U_BOB>\); 2 alert\(s\) held/);
		const r = await resumeAlerts(store2, s2, 'U_BOB', T0 + 5000);
		expect(r.reply).toMatch(/2 held alert\(s\) are summarized/);
		expect(r.released[0].metadata.event_count).toBe(2);
		expect(r.log).toMatchObject({ action: 'resume', by: 'U_BOB', held: 2 });
		expect((await resumeAlerts(store2, s2, 'U_BOB', T0 + 6000)).reply).toBe('Alerts were not paused.');
	});
});
