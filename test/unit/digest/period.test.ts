import fc from 'fast-check';
import {
	bucketIndex,
	checkTimeZone,
	localToInstant,
	periodBuckets,
	previousPeriod,
	resolvePeriod,
	startOfLocalDay,
	wallClock,
} from '../../../nodes/shared/digest/period';

const at = (iso: string) => Date.parse(iso);
const hours = (p: { start: number; end: number }) => (p.end - p.start) / 3600_000;

describe('yesterday', () => {
	test('UTC', () => {
		const p = resolvePeriod({ kind: 'yesterday', timeZone: 'UTC', now: at('2026-11-23T08:00:00Z') });
		expect([new Date(p.start).toISOString(), new Date(p.end).toISOString()]).toEqual(['2026-11-22T00:00:00.000Z', '2026-11-23T00:00:00.000Z']);
		expect(p.firstDay).toBe('2026-11-22');
		expect(p.label).toBe('Yesterday, Sun 22 Nov 2026');
	});

	test('"now" just after local midnight counts in the local day, not the UTC day', () => {
		// 23:30 UTC on the 22nd is 00:30 on the 23rd in Berlin: yesterday is the 22nd there, the 21st in UTC.
		const now = at('2026-11-22T23:30:00Z');
		expect(resolvePeriod({ kind: 'yesterday', timeZone: 'Europe/Berlin', now }).firstDay).toBe('2026-11-22');
		expect(resolvePeriod({ kind: 'yesterday', timeZone: 'UTC', now }).firstDay).toBe('2026-11-21');
		expect(resolvePeriod({ kind: 'yesterday', timeZone: 'America/Los_Angeles', now }).firstDay).toBe('2026-11-21');
	});

	test('DST spring forward is a 23-hour day, fall back a 25-hour day (Berlin, New York)', () => {
		const spring = resolvePeriod({ kind: 'yesterday', timeZone: 'Europe/Berlin', now: at('2026-03-30T10:00:00Z') });
		expect(spring.firstDay).toBe('2026-03-29');
		expect(hours(spring)).toBe(23);
		expect(new Date(spring.start).toISOString()).toBe('2026-03-28T23:00:00.000Z');
		const fall = resolvePeriod({ kind: 'yesterday', timeZone: 'Europe/Berlin', now: at('2026-10-26T10:00:00Z') });
		expect(fall.firstDay).toBe('2026-10-25');
		expect(hours(fall)).toBe(25);
		const ny = resolvePeriod({ kind: 'yesterday', timeZone: 'America/New_York', now: at('2026-03-09T15:00:00Z') });
		expect(ny.firstDay).toBe('2026-03-08');
		expect(hours(ny)).toBe(23);
		expect(new Date(ny.start).toISOString()).toBe('2026-03-08T05:00:00.000Z');
		// Hourly buckets follow the real hours: 23 on that day.
		expect(periodBuckets(spring)).toHaveLength(23);
		expect(periodBuckets(fall)).toHaveLength(25);
	});

	test('a day without midnight starts when the DST gap ends (America/Santiago, 6 Sep 2026)', () => {
		const p = resolvePeriod({ kind: 'yesterday', timeZone: 'America/Santiago', now: at('2026-09-07T15:00:00Z') });
		expect(p.firstDay).toBe('2026-09-06');
		expect(new Date(p.start).toISOString()).toBe('2026-09-06T04:00:00.000Z'); // 01:00 -03
		expect(wallClock(p.start, 'America/Santiago')).toMatchObject({ day: 6, hour: 1, minute: 0 });
		expect(hours(p)).toBe(23);
	});

	test('odd offsets: Kathmandu +05:45, Chatham +13:45, Lord Howe half-hour DST', () => {
		const k = resolvePeriod({ kind: 'yesterday', timeZone: 'Asia/Kathmandu', now: at('2026-11-23T08:00:00Z') });
		expect(new Date(k.start).toISOString()).toBe('2026-11-21T18:15:00.000Z');
		const c = resolvePeriod({ kind: 'yesterday', timeZone: 'Pacific/Chatham', now: at('2026-11-23T08:00:00Z') });
		expect(wallClock(c.start, 'Pacific/Chatham')).toMatchObject({ hour: 0, minute: 0 });
		// Lord Howe moves 30 minutes on 4 Oct 2026: a 23.5-hour day.
		const lh = resolvePeriod({ kind: 'yesterday', timeZone: 'Australia/Lord_Howe', now: at('2026-10-05T03:00:00Z') });
		expect(lh.firstDay).toBe('2026-10-04');
		expect(hours(lh)).toBe(23.5);
	});
});

describe('last 7 days and previous period', () => {
	test('the 7 whole days before today, across a DST change', () => {
		const p = resolvePeriod({ kind: 'last7Days', timeZone: 'Europe/Berlin', now: at('2026-11-23T08:00:00Z') });
		expect([p.firstDay, p.lastDay, p.days]).toEqual(['2026-11-16', '2026-11-22', 7]);
		expect(p.label).toBe('Last 7 days, 16 Nov – 22 Nov 2026');
		const q = resolvePeriod({ kind: 'last7Days', timeZone: 'Europe/Berlin', now: at('2026-03-31T08:00:00Z') });
		expect(hours(q)).toBe(7 * 24 - 1);
		const prev = previousPeriod(q);
		expect([prev.firstDay, prev.lastDay]).toEqual(['2026-03-17', '2026-03-23']);
		expect(prev.end).toBe(q.start);
		expect(hours(prev)).toBe(7 * 24);
		expect(periodBuckets(q).map((b) => b.label)).toEqual(['24 Mar', '25 Mar', '26 Mar', '27 Mar', '28 Mar', '29 Mar', '30 Mar']);
	});

	test('previous of yesterday is the day before, adjacent', () => {
		const p = resolvePeriod({ kind: 'yesterday', timeZone: 'America/New_York', now: at('2026-11-02T15:00:00Z') });
		const q = previousPeriod(p);
		expect(q.end).toBe(p.start);
		expect(q.firstDay).toBe('2026-10-31');
		expect(hours(p)).toBe(25); // 1 Nov 2026 is the fall-back day in New York
		expect(hours(q)).toBe(24);
	});
});

describe('custom', () => {
	test('dates: end date included', () => {
		const p = resolvePeriod({ kind: 'custom', start: '2026-11-01', end: '2026-11-30', timeZone: 'Asia/Tokyo', now: 0 });
		expect(p.days).toBe(30);
		expect(new Date(p.start).toISOString()).toBe('2026-10-31T15:00:00.000Z');
		expect(new Date(p.end).toISOString()).toBe('2026-11-30T15:00:00.000Z');
		expect(periodBuckets(p)).toHaveLength(30);
		const prev = previousPeriod(p);
		expect([prev.firstDay, prev.lastDay]).toEqual(['2026-10-02', '2026-10-31']);
	});

	test('date-times: local wall clock, or an instant with an offset; end excluded', () => {
		const p = resolvePeriod({ kind: 'custom', start: '2026-11-20T09:00', end: '2026-11-20T17:30', timeZone: 'Europe/London', now: 0 });
		expect(new Date(p.start).toISOString()).toBe('2026-11-20T09:00:00.000Z');
		expect(hours(p)).toBe(8.5);
		const q = resolvePeriod({ kind: 'custom', start: '2026-11-20T09:00:00+01:00', end: '2026-11-21T09:00:00Z', timeZone: 'UTC', now: 0 });
		expect(new Date(q.start).toISOString()).toBe('2026-11-20T08:00:00.000Z');
		expect(previousPeriod(q).end).toBe(q.start);
		expect(previousPeriod(q).end - previousPeriod(q).start).toBe(q.end - q.start);
	});

	test('long ranges use weekly buckets; buckets are contiguous and found by bucketIndex', () => {
		const p = resolvePeriod({ kind: 'custom', start: '2026-01-01', end: '2026-12-31', timeZone: 'America/Chicago', now: 0 });
		const b = periodBuckets(p);
		expect(b[0].label.startsWith('W ')).toBe(true);
		expect(b[0].start).toBe(p.start);
		expect(b[b.length - 1].end).toBe(p.end);
		for (let i = 1; i < b.length; i++) expect(b[i].start).toBe(b[i - 1].end);
		expect(bucketIndex(b, p.start)).toBe(0);
		expect(bucketIndex(b, p.end - 1)).toBe(b.length - 1);
		expect(bucketIndex(b, p.end)).toBe(-1);
		expect(bucketIndex(b, b[3].start + 1)).toBe(3);
	});

	test('readable errors', () => {
		expect(() => resolvePeriod({ kind: 'custom', start: '2026-11-10', end: '2026-11-01' })).toThrow(/ends .* before it starts/);
		expect(() => resolvePeriod({ kind: 'custom', start: 'yesterday', end: '2026-11-01' })).toThrow(/not a date/);
		expect(() => resolvePeriod({ kind: 'custom' })).toThrow(/start and an end/);
		expect(() => checkTimeZone('Mars/Olympus')).toThrow(/Unknown time zone "Mars\/Olympus"/);
		expect(checkTimeZone('')).toBe('UTC');
	});
});

test('property: the start of a local day shows that date, and one second earlier shows an earlier date', () => {
	const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Apia', 'America/Havana', 'Asia/Beirut'];
	fc.assert(
		fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 3650 }), (tz, offsetDays) => {
			const d = new Date(Date.UTC(2020, 0, 1 + offsetDays));
			const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
			const t = startOfLocalDay(y, m, day, tz);
			const w = wallClock(t, tz);
			const before = wallClock(t - 1000, tz);
			const key = (x: { year: number; month: number; day: number }) => x.year * 10000 + x.month * 100 + x.day;
			expect(key(w)).toBe(y * 10000 + m * 100 + day);
			expect(key(before)).toBeLessThan(key(w));
		}),
		{ numRuns: 300 },
	);
});

test('localToInstant: repeated hour takes the earlier instant, skipped hour the end of the gap', () => {
	// Berlin 25 Oct 2026 02:30 happens twice; 29 Mar 2026 02:30 never happens.
	expect(new Date(localToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
	expect(new Date(localToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
});
