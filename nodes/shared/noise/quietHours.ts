/**
 * Quiet hours: a daily window ("22:00-07:00", crossing midnight or not) on chosen weekdays, in an IANA time zone.
 * Plain data in, plain data out; the clock is passed in.
 */
import { attempt } from '../attempt';
import { isNoneWord } from '../settings';

export interface QuietHours {
	/** minutes after local midnight */
	start: number;
	end: number;
	/** 0 = Sunday ... 6 = Saturday: the days on which a window STARTS */
	days: number[];
	timeZone: string;
	/** the spec as the user wrote it, for messages */
	label: string;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function hm(s: string, what: string): number {
	const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(s.trim());
	if (!m) throw new Error(`Quiet Hours: ${what} "${s.trim()}" is not a time like 22:00`);
	return Number(m[1]) * 60 + Number(m[2]);
}

function days(spec: string): number[] {
	const out = new Set<number>();
	for (const part of spec.toLowerCase().split(/[,\s]+/).filter(Boolean)) {
		const range = part.split('-');
		const idx = range.map((d) => DAYS.indexOf(d.slice(0, 3)));
		if (idx.some((i) => i < 0) || range.length > 2) throw new Error(`Quiet Hours Days: "${part}" is not a day or a range like mon-fri`);
		if (idx.length === 1) out.add(idx[0]);
		else for (let d = idx[0]; ; d = (d + 1) % 7) {
			out.add(d);
			if (d === idx[1]) break;
		}
	}
	return [...out].sort();
}

/** `undefined` when the window is empty (quiet hours off). Throws an error naming the bad part. */
export function parseQuietHours(window: string | undefined, dayList: string | undefined, timeZone: string | undefined): QuietHours | undefined {
	const w = (window ?? '').trim();
	if (!w || isNoneWord(w)) return undefined;
	const [a, b, extra] = w.split(/\s*[-–]\s*/);
	if (!a || !b || extra !== undefined) throw new Error(`Quiet Hours: "${w}" is not a window like 22:00-07:00`);
	const tz = (timeZone ?? '').trim() || 'UTC';
	if (!attempt(() => new Intl.DateTimeFormat('en-US', { timeZone: tz })).ok) {
		throw new Error(`Quiet Hours Time Zone: "${tz}" is not an IANA time zone (like Europe/Berlin)`);
	}
	const start = hm(a, 'start');
	const end = hm(b, 'end');
	if (start === end) throw new Error(`Quiet Hours: "${w}" starts and ends at the same time`);
	return { start, end, days: days(dayList?.trim() || 'sun-sat'), timeZone: tz, label: `${w} (${tz})` };
}

function local(now: number, timeZone: string): { day: number; minute: number } {
	const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(now));
	const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
	return { day: DAYS.indexOf(get('weekday').toLowerCase().slice(0, 3)), minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Whether `now` (ms) falls inside a quiet window. A window that crosses midnight belongs to the day it starts. */
export function inQuietHours(now: number, q: QuietHours | undefined): boolean {
	if (!q) return false;
	const { day, minute } = local(now, q.timeZone);
	if (q.start < q.end) return q.days.includes(day) && minute >= q.start && minute < q.end;
	if (minute >= q.start) return q.days.includes(day);
	return minute < q.end && q.days.includes((day + 6) % 7);
}

/** When the quiet window that holds `now` ends (ms); `now` itself when it holds none. */
export function quietEndsAt(now: number, q: QuietHours | undefined): number {
	if (!q || !inQuietHours(now, q)) return now;
	const { minute } = local(now, q.timeZone);
	const startOfMinute = now - (now % 60_000);
	let t = startOfMinute + (((q.end - minute + 1440) % 1440) || 1440) * 60_000;
	// a daylight-saving change inside the window moves its end by up to an hour
	for (let i = 0; i < 180 && inQuietHours(t, q); i++) t += 60_000;
	return t;
}
