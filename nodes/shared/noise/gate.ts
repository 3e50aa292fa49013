/**
 * Noise control: while a pause holds (or during quiet hours) routine alerts are kept in the store and critical
 * ones pass; when neither holds any more, the held alerts come back as one summary per channel. Also the pause
 * and resume commands. Plain TypeScript over a NoiseStore; the clock is passed in.
 */
import { escapeMrkdwn } from '../format/mrkdwn';
import type { SlackMessage } from '../format/types';
import { parseNoiseCommand } from './command';
import { criticalReason, type AlertMetadata, type CriticalPolicy } from './policy';
import { inQuietHours, quietEndsAt, type QuietHours } from './quietHours';
import type { HeldAlert, NoiseStore, PauseState } from './store';
import { heldSummaries } from './heldSummary';

export interface NoiseSettings {
	policy: CriticalPolicy;
	quiet?: QuietHours;
	/** for the times in summaries and replies */
	timeZone: string;
}

export interface Alert {
	channel: string;
	text: string;
	metadata: AlertMetadata & { object_id?: string | null; event_id?: string | null; livemode?: boolean };
}

export type Decision = { action: 'post'; critical?: string } | { action: 'hold'; why: HeldAlert['why'] };

export interface GateResult {
	decisions: Decision[];
	/** summaries of alerts held earlier, when neither a pause nor quiet hours hold now */
	released: SlackMessage[];
	releasedCount: number;
	/** the pause that ended on its own since the last run (cleared now), for the access log */
	endedPause?: PauseState;
	state: { paused: PauseState | null; quiet: boolean };
}

/** The pause in force now; an expired one is cleared and returned as `ended`. */
async function currentPause(store: NoiseStore, now: number): Promise<{ active: PauseState | null; ended?: PauseState }> {
	const p = await store.getPause();
	if (!p) return { active: null };
	if (p.until > now) return { active: p };
	const cleared = await store.clearPause();
	return { active: null, ended: cleared ?? p };
}

/**
 * Releases the held alerts once every one of them is due (its pause or quiet hours are over) and no pause holds
 * now; used on a schedule, which needs no quiet-hours setting for it.
 */
export async function releaseHeld(store: NoiseStore, s: Pick<NoiseSettings, 'timeZone'>, now: number): Promise<{ released: SlackMessage[]; count: number }> {
	const { active, ended } = await currentPause(store, now);
	if (active) return { released: [], count: 0 };
	return await summarizeHeld(store, s, now, ended, true);
}

/** Takes the held alerts and summarizes them; with `onlyIfDue`, puts them all back unless every one is due. */
async function summarizeHeld(
	store: NoiseStore,
	s: Pick<NoiseSettings, 'timeZone'>,
	now: number,
	endedPause: PauseState | undefined,
	onlyIfDue: boolean,
): Promise<{ released: SlackMessage[]; count: number }> {
	const held = await store.takeAll();
	if (onlyIfDue && held.some((h) => (h.notBefore ?? 0) > now)) {
		await store.hold(held); // not yet: all of them go back, to come out together in one summary
		return { released: [], count: 0 };
	}
	return { released: held.length ? heldSummaries(held, { pause: endedPause ?? null, now, timeZone: s.timeZone }) : [], count: held.length };
}

export async function gateAlerts(alerts: Alert[], store: NoiseStore, s: NoiseSettings, now: number): Promise<GateResult> {
	const { active, ended } = await currentPause(store, now);
	const quiet = inQuietHours(now, s.quiet);
	const state = { paused: active, quiet };
	if (!active && !quiet) {
		const { released, count } = await summarizeHeld(store, s, now, ended, true);
		return { decisions: alerts.map(() => ({ action: 'post' })), released, releasedCount: count, endedPause: ended, state };
	}
	const decisions: Decision[] = [];
	const hold: HeldAlert[] = [];
	for (const a of alerts) {
		const critical = criticalReason(a.metadata, s.policy);
		if (critical) {
			decisions.push({ action: 'post', critical });
			continue;
		}
		const why = active ? 'pause' : 'quiet_hours';
		decisions.push({ action: 'hold', why });
		hold.push({ channel: a.channel, at: now, text: a.text, metadata: pick(a.metadata), why, notBefore: Math.max(active?.until ?? now, quietEndsAt(now, s.quiet)) });
	}
	await store.hold(hold);
	return { decisions, released: [], releasedCount: 0, endedPause: ended, state };
}

function pick(m: Alert['metadata']): HeldAlert['metadata'] {
	return {
		event_type: m.event_type ?? null,
		event_id: m.event_id ?? null,
		object_id: m.object_id ?? null,
		category: m.category ?? null,
		severity: m.severity ?? null,
		amount: typeof m.amount === 'number' ? m.amount : null,
		currency: m.currency ?? null,
		livemode: m.livemode === true,
	};
}

export interface CommandResult {
	/** the reply to the user who typed the command (ephemeral) */
	reply: string;
	pause: PauseState | null;
	held: number;
	/** for the access log */
	log: { action: 'pause' | 'resume' | 'pause_status'; by: string; at: string; until?: string; held: number };
	/** summaries to post now (after a resume) */
	released: SlackMessage[];
}

function when(ms: number, timeZone: string): string {
	return `${new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms))} ${timeZone}`;
}

export async function pauseAlerts(store: NoiseStore, s: NoiseSettings, by: string, ms: number, now: number): Promise<CommandResult> {
	const pause: PauseState = { since: now, until: now + ms, by };
	await store.setPause(pause);
	const held = await store.heldCount();
	return {
		reply: `:double_vertical_bar: Routine Stripe alerts are paused until ${when(pause.until, s.timeZone)}. Critical alerts still post; the rest are held and summarized when the pause ends. \`/stripe resume\` ends it now.`,
		pause,
		held,
		log: { action: 'pause', by, at: new Date(now).toISOString(), until: new Date(pause.until).toISOString(), held },
		released: [],
	};
}

export async function resumeAlerts(store: NoiseStore, s: NoiseSettings, by: string, now: number): Promise<CommandResult> {
	const old = await store.clearPause();
	const quiet = inQuietHours(now, s.quiet);
	const { released, count } = quiet ? { released: [], count: await store.heldCount() } : await summarizeHeld(store, s, now, old ?? undefined, false);
	const reply = !old
		? 'Alerts were not paused.'
		: `:arrow_forward: Stripe alerts are back on. ${quiet ? `Quiet hours hold ${count} alert(s) until they end.` : `${count} held alert(s) are summarized in their channels now.`}`;
	return { reply, pause: null, held: count, log: { action: 'resume', by, at: new Date(now).toISOString(), held: count }, released };
}

export async function pauseStatus(store: NoiseStore, s: NoiseSettings, by: string, now: number): Promise<CommandResult> {
	const { active } = await currentPause(store, now);
	const held = await store.heldCount();
	const quiet = inQuietHours(now, s.quiet);
	const reply = active
		? `Paused until ${when(active.until, s.timeZone)} (by ${/^[UW][A-Z0-9_]+$/.test(active.by) ? `<@${active.by}>` : escapeMrkdwn(active.by)}); ${held} alert(s) held.`
		: quiet
			? `Quiet hours (${s.quiet?.label}); ${held} alert(s) held.`
			: `Alerts are not paused${held ? `; ${held} alert(s) wait for the next release` : ''}.`;
	return { reply, pause: active, held, log: { action: 'pause_status', by, at: new Date(now).toISOString(), held }, released: [] };
}

/** `/stripe pause 2h | resume | pause status` as typed; a text that is no such command gets a reply that says what is. */
export async function applyNoiseCommand(store: NoiseStore, s: NoiseSettings, by: string, text: string, now: number): Promise<CommandResult & { ok: boolean }> {
	let cmd: ReturnType<typeof parseNoiseCommand>;
	try {
		cmd = parseNoiseCommand(text);
	} catch (error) {
		return { ...failed(by, now, `${(error as Error).message}.`), ok: false };
	}
	if (!cmd) return { ...failed(by, now, 'Use `/stripe pause 30m` (or 2h, 1d), `/stripe resume` or `/stripe pause status`.'), ok: false };
	const r = cmd.kind === 'pause' ? await pauseAlerts(store, s, by, cmd.ms, now) : cmd.kind === 'resume' ? await resumeAlerts(store, s, by, now) : await pauseStatus(store, s, by, now);
	return { ...r, ok: true };
}

function failed(by: string, now: number, reply: string): CommandResult {
	return { reply, pause: null, held: 0, log: { action: 'pause_status', by, at: new Date(now).toISOString(), held: 0 }, released: [] };
}
