/**
 * Reporting periods in an IANA time zone (pure, no dependencies): "yesterday", "the last 7 days" and
 * custom ranges, as half-open UTC instants [start, end). Day boundaries are local midnights found by
 * bisection on Intl's wall clock, so days of 23 or 25 hours (DST) and zones whose day does not start
 * at 00:00 on a transition day are handled. The previous period is the same number of calendar days
 * before (for day-aligned periods) or the same duration before (for periods with times).
 */
import { attempt } from '../attempt';

export type PeriodKind = 'yesterday' | 'last7Days' | 'custom';

export interface PeriodInput {
	kind: PeriodKind;
	/** IANA time zone, e.g. "Europe/Berlin". Default "UTC". */
	timeZone?: string;
	/** Custom start: "YYYY-MM-DD" (local midnight) or a date-time ("YYYY-MM-DDTHH:mm[:ss]" is local wall clock; with Z or an offset it is an instant). */
	start?: string;
	/** Custom end: "YYYY-MM-DD" is inclusive (up to the next local midnight); a date-time is exclusive. */
	end?: string;
	/** Now in ms (inject for tests). */
	now?: number;
}

export interface Period {
	kind: PeriodKind;
	timeZone: string;
	/** Inclusive start, ms since epoch. */
	start: number;
	/** Exclusive end, ms since epoch. */
	end: number;
	/** Whole local days from midnight to midnight; 0 for periods with times. */
	days: number;
	/** Local first day "YYYY-MM-DD" and last day (inclusive) of the period. */
	firstDay: string;
	lastDay: string;
	/** Human label in English: "Yesterday", "Last 7 days", "12 Nov – 18 Nov 2026". */
	label: string;
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();

function dtf(timeZone: string): Intl.DateTimeFormat {
	let f = dtfCache.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		dtfCache.set(timeZone, f);
	}
	return f;
}

/** Throws a readable error for an unknown time zone; returns the canonical spelling. */
export function checkTimeZone(timeZone: string | undefined): string {
	const tz = (timeZone ?? '').trim() || 'UTC';
	const known = attempt(() => new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone);
	if (known.ok) return known.value;
	throw new Error(`Unknown time zone "${tz}" (expected an IANA name such as "Europe/Berlin" or "America/New_York")`);
}

export interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** The local wall clock of an instant in a time zone. */
export function wallClock(ms: number, timeZone: string): WallClock {
	const parts = dtf(timeZone).formatToParts(new Date(ms));
	const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
	return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** Offset of the zone from UTC at an instant, in ms (local = utc + offset). */
export function zoneOffset(ms: number, timeZone: string): number {
	const w = wallClock(ms, timeZone);
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	return asUtc - Math.floor(ms / 1000) * 1000;
}

const dayKey = (y: number, m: number, d: number) => y * 10000 + m * 100 + d;

/** "YYYY-MM-DD" of a calendar day, after normalising overflow (day 0, day 32, ...). */
export function isoDay(y: number, m: number, d: number): string {
	const t = new Date(Date.UTC(y, m - 1, d));
	return t.toISOString().slice(0, 10);
}

function parseDay(s: string): [number, number, number] {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) throw new Error(`"${s}" is not a date like 2026-11-23`);
	return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * The first instant whose local date is on or after the given local calendar day: local midnight,
 * or the end of the DST gap on days that skip midnight. Bisection over ±18 h around UTC midnight.
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
	const norm = new Date(Date.UTC(year, month - 1, day));
	const y = norm.getUTCFullYear();
	const m = norm.getUTCMonth() + 1;
	const d = norm.getUTCDate();
	const target = dayKey(y, m, d);
	const base = Date.UTC(y, m - 1, d);
	let lo = base - 18 * 3600_000; // local date certainly before target
	let hi = base + 18 * 3600_000; // local date certainly on or after target
	// Invariant: key(lo) < target <= key(hi). Offsets are whole seconds, so bisect to the second.
	lo = Math.floor(lo / 1000);
	hi = Math.floor(hi / 1000);
	while (hi - lo > 1) {
		const mid = Math.floor((lo + hi) / 2);
		const w = wallClock(mid * 1000, timeZone);
		if (dayKey(w.year, w.month, w.day) >= target) hi = mid;
		else lo = mid;
	}
	return hi * 1000;
}

/** A local wall-clock time → instant (the earlier one when repeated, the gap's end when skipped). */
export function localToInstant(w: WallClock, timeZone: string): number {
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	// Try the offsets in force around that time; take the earliest instant that shows this wall clock.
	const candidates = [zoneOffset(asUtc - 86400_000, timeZone), zoneOffset(asUtc, timeZone), zoneOffset(asUtc + 86400_000, timeZone)]
		.map((o) => asUtc - o)
		.sort((a, b) => a - b);
	for (const t of candidates) {
		const v = wallClock(t, timeZone);
		if (Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second) === asUtc) return t;
	}
	// In a DST gap: the wall clock does not exist; use the instant the gap ends.
	const before = candidates[0];
	const after = candidates[candidates.length - 1];
	let lo = Math.floor(before / 1000) - 7200;
	let hi = Math.ceil(after / 1000) + 7200;
	while (hi - lo > 1) {
		const mid = Math.floor((lo + hi) / 2);
		const v = wallClock(mid * 1000, timeZone);
		if (Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second) >= asUtc) hi = mid;
		else lo = mid;
	}
	return hi * 1000;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function dayLabel(iso: string, withYear: boolean, withWeekday = false): string {
	const [y, m, d] = parseDay(iso);
	const wd = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
	return `${withWeekday ? `${wd} ` : ''}${d} ${MONTHS[m - 1]}${withYear ? ` ${y}` : ''}`;
}

function rangeLabel(first: string, last: string): string {
	if (first === last) return dayLabel(first, true, true);
	const sameYear = first.slice(0, 4) === last.slice(0, 4);
	return `${dayLabel(first, !sameYear)} – ${dayLabel(last, true)}`;
}

function dayRange(kind: PeriodKind, timeZone: string, first: string, days: number, label?: string): Period {
	const [y, m, d] = parseDay(first);
	const start = startOfLocalDay(y, m, d, timeZone);
	const end = startOfLocalDay(y, m, d + days, timeZone);
	const lastDay = isoDay(y, m, d + days - 1);
	return { kind, timeZone, start, end, days, firstDay: first, lastDay, label: label ?? rangeLabel(first, lastDay) };
}

const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function parseBoundary(s: string, timeZone: string): { ms: number; dayOnly: false } | { day: string; dayOnly: true } {
	const t = s.trim();
	if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
		parseDay(t);
		return { day: t, dayOnly: true };
	}
	const m = DATE_TIME_RE.exec(t);
	if (!m) throw new Error(`"${s}" is not a date (2026-11-23) or a date-time (2026-11-23T08:00)`);
	if (m[7]) {
		const ms = Date.parse(t.replace(' ', 'T'));
		if (!Number.isFinite(ms)) throw new Error(`"${s}" is not a valid date-time`);
		return { ms, dayOnly: false };
	}
	const w: WallClock = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: m[6] ? +m[6] : 0 };
	return { ms: localToInstant(w, timeZone), dayOnly: false };
}

/** Resolve a period in a time zone. Throws an Error with a readable message on bad input. */
export function resolvePeriod(input: PeriodInput): Period {
	const timeZone = checkTimeZone(input.timeZone);
	const now = input.now ?? Date.now();
	const today = wallClock(now, timeZone);
	if (input.kind === 'yesterday') {
		const day = isoDay(today.year, today.month, today.day - 1);
		return dayRange('yesterday', timeZone, day, 1, `Yesterday, ${dayLabel(day, true, true)}`);
	}
	if (input.kind === 'last7Days') {
		const first = isoDay(today.year, today.month, today.day - 7);
		return dayRange('last7Days', timeZone, first, 7, `Last 7 days, ${rangeLabel(first, isoDay(today.year, today.month, today.day - 1))}`);
	}
	if (input.kind !== 'custom') throw new Error(`Unknown period "${String(input.kind)}"`);
	if (!input.start || !input.end) throw new Error('A custom period needs a start and an end');
	const a = parseBoundary(input.start, timeZone);
	const b = parseBoundary(input.end, timeZone);
	if (a.dayOnly && b.dayOnly) {
		const [y1, m1, d1] = parseDay(a.day);
		const [y2, m2, d2] = parseDay(b.day);
		const days = Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86400_000) + 1;
		if (days < 1) throw new Error(`The custom period ends (${b.day}) before it starts (${a.day})`);
		if (days > 3660) throw new Error('A custom period can be at most 10 years long');
		return dayRange('custom', timeZone, a.day, days);
	}
	const start = a.dayOnly ? startOfLocalDay(...parseDay(a.day), timeZone) : a.ms;
	const end = b.dayOnly ? startOfLocalDay(parseDay(b.day)[0], parseDay(b.day)[1], parseDay(b.day)[2] + 1, timeZone) : b.ms;
	if (end <= start) throw new Error('The custom period must end after it starts');
	const f = wallClock(start, timeZone);
	const l = wallClock(end - 1, timeZone);
	const firstDay = isoDay(f.year, f.month, f.day);
	const lastDay = isoDay(l.year, l.month, l.day);
	const hm = (w: WallClock) => `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
	const e = wallClock(end, timeZone);
	const label = `${dayLabel(firstDay, false)} ${hm(f)} – ${dayLabel(isoDay(e.year, e.month, e.day), true)} ${hm(e)}`;
	return { kind: 'custom', timeZone, start, end, days: 0, firstDay, lastDay, label };
}

/**
 * The period just before: the same number of local calendar days for day-aligned periods (a DST
 * day may make it an hour longer or shorter), else the same duration.
 */
export function previousPeriod(p: Period): Period {
	if (p.days > 0) {
		const [y, m, d] = parseDay(p.firstDay);
		return dayRange(p.kind, p.timeZone, isoDay(y, m, d - p.days), p.days);
	}
	const len = p.end - p.start;
	const start = p.start - len;
	const f = wallClock(start, p.timeZone);
	const l = wallClock(p.start - 1, p.timeZone);
	return {
		...p,
		start,
		end: p.start,
		firstDay: isoDay(f.year, f.month, f.day),
		lastDay: isoDay(l.year, l.month, l.day),
		label: `previous ${Math.round(len / 3600_000)} h`,
	};
}

export interface Bucket {
	start: number;
	end: number;
	/** Short label for a chart axis: "06" (hour) or "18 Nov" (day) or "W 18 Nov" (week). */
	label: string;
}

/**
 * Chart buckets for a period: hours for periods of up to 2 days, local days up to 92 days, else
 * weeks (at most ~120 buckets). Always contiguous and covering [start, end).
 */
export function periodBuckets(p: Period): Bucket[] {
	const out: Bucket[] = [];
	const len = p.end - p.start;
	if (len <= 2 * 86400_000 + 3600_000) {
		for (let t = p.start; t < p.end; t += 3600_000) {
			const w = wallClock(t, p.timeZone);
			out.push({ start: t, end: Math.min(p.end, t + 3600_000), label: String(w.hour).padStart(2, '0') });
		}
		return out;
	}
	const f = wallClock(p.start, p.timeZone);
	const step = len <= 92 * 86400_000 + 7200_000 ? 1 : 7;
	let [y, m, d] = [f.year, f.month, f.day];
	let start = p.start;
	for (let i = 0; start < p.end && i < 600; i++) {
		const next = Math.min(p.end, startOfLocalDay(y, m, d + step, p.timeZone));
		const iso = isoDay(y, m, d);
		out.push({ start, end: next, label: `${step === 7 ? 'W ' : ''}${dayLabel(iso, false)}` });
		const nd = new Date(Date.UTC(y, m - 1, d + step));
		[y, m, d] = [nd.getUTCFullYear(), nd.getUTCMonth() + 1, nd.getUTCDate()];
		start = next;
	}
	return out;
}

/** Index of the bucket holding an instant (binary search), or -1 outside the buckets. */
export function bucketIndex(buckets: readonly Bucket[], ms: number): number {
	let lo = 0;
	let hi = buckets.length - 1;
	if (hi < 0 || ms < buckets[0].start || ms >= buckets[hi].end) return -1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (buckets[mid].start <= ms) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

/** "Mon 23 Nov 2026, 08:15 (Europe/Berlin)" for context lines. */
export function formatInstant(ms: number, timeZone: string): string {
	const w = wallClock(ms, timeZone);
	const iso = isoDay(w.year, w.month, w.day);
	return `${dayLabel(iso, true, true)}, ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')} (${timeZone})`;
}
