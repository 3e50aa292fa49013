/**
 * Settings that cannot work, said where people look (issue #28). No n8n imports.
 *
 * A Slack answer that no retry will change and that a person fixes in Settings (a channel the bot cannot post
 * to) becomes a `Mistake`: the setting's name, the value typed, what is wrong and how to fix it. It is reported
 * once in Slack ("Report mistakes to", else "Alerts channel": a channel, or a member ID for a direct message),
 * remembered per setting and value for a day in the thread store (memory, file or Redis: `claimCreate` is a
 * lease with a TTL), so a hundred events with the same typo make one Slack message; and every run that meets it
 * fails with the same words, so the execution names the setting too.
 */
import { createHash } from 'crypto';
import { isNoneWord, settingHolding } from '../settings';

export interface Mistake {
	/** The setting's name ("Payments channel"), or the parameter's ("Channel") when no setting holds the value. */
	setting: string;
	/** What was typed ("#revnue"). */
	value: string;
	/** What is wrong, in words ("Slack says channel_not_found"). */
	problem: string;
	/** What to do. */
	fix: string;
}

/** Slack's answers to a post that mean "this channel setting cannot work", and how to fix each. */
const CHANNEL_FIXES: Record<string, (bot: string, where: string) => string> = {
	channel_not_found: (bot, where) => `Check the name ${where} and invite the bot with /invite ${bot}`,
	not_in_channel: (bot) => `Invite the bot to the channel with /invite ${bot}, or choose a channel it is in`,
	is_archived: (_bot, where) => `The channel is archived: unarchive it in Slack, or choose another channel ${where}`,
};

/** True for a Slack error code that a person fixes in Settings (no retry helps). */
export function isSettingMistakeCode(code: string | undefined): boolean {
	return !!code && Object.prototype.hasOwnProperty.call(CHANNEL_FIXES, code);
}

/**
 * The mistake behind a post Slack refused with `code`, naming the setting that holds `channel` in the
 * Settings node's output (`settings`), or undefined when the code is not a settings mistake.
 * `bot`: the bot's name as Slack's auth.test gives it ("stripe-bot"), for the /invite hint.
 */
export function channelMistake(channel: string, code: string, settings: unknown, bot?: string): Mistake | undefined {
	const fix = CHANNEL_FIXES[code];
	if (!fix) return undefined;
	const setting = settingHolding(channel, settings);
	return {
		setting: setting ?? 'Channel',
		value: channel,
		problem: `Slack says ${code}`,
		fix: fix(bot ? `@${bot.replace(/^@/, '')}` : '@<your app>', setting ? 'in Settings' : "in the node's Channel"),
	};
}

/** An amount setting that cannot be read (the parser's words are the problem). */
export function amountMistake(setting: string, value: string, parserMessage: string): Mistake {
	const why = parserMessage.replace(/^Minimum amount ("[^"]*") /, 'the part $1 ');
	return { setting, value, problem: why, fix: 'Fix it in Settings' };
}

/** `Payments channel is "#revnue": Slack says channel_not_found. Check the name in Settings and invite the bot with /invite @stripe-bot` */
export function mistakeMessage(m: Mistake): string {
	return `${m.setting} is "${m.value}": ${m.problem}. ${m.fix}`;
}

/**
 * The key under which a report is remembered: one per setting and value (and `scope`, when given: the
 * workflow and node a setting belongs to, for settings typed in a node rather than in Settings).
 */
export function mistakeKey(m: Mistake, scope = ''): string {
	const what = `${m.setting}\u0000${m.value.trim()}${scope ? `\u0000${scope}` : ''}`;
	return `mistake:${createHash('sha256').update(what).digest('hex').slice(0, 32)}`;
}

/** Where to report: "Report mistakes to", else "Alerts channel", unless that is the broken value itself. */
export function reportTarget(settings: unknown, broken: Mistake): string | undefined {
	if (!settings || typeof settings !== 'object') return undefined;
	const s = settings as Record<string, unknown>;
	for (const name of ['Report mistakes to', 'Alerts channel']) {
		const v = typeof s[name] === 'string' ? (s[name] as string).trim() : '';
		if (v && !isNoneWord(v) && v !== broken.value.trim()) return v;
	}
	return undefined;
}

/** The Slack text of a report. `workflow`: the workflow's name. */
export function reportText(m: Mistake, workflow: string): string {
	return `:warning: *A setting of "${workflow}" cannot work.* ${mistakeMessage(m)}.\nUntil it is fixed (then publish the workflow), these messages are not posted; this is said once a day.`;
}

export interface ReportLease {
	claimCreate(key: string, ttlMs: number): Promise<string | null>;
	releaseCreate(key: string, token: string): Promise<void>;
}

export type ReportOutcome = { reported: 'now' | 'before'; to: string } | { reported: 'no'; why: string };

export const REPORT_TTL_MS = 24 * 3_600_000;

/**
 * Report a mistake once per TTL: the first caller to claim its key sends; the others learn it was reported.
 * A failed send is not remembered as reported (the next event tries again).
 */
export async function reportOnce(
	lease: ReportLease | undefined,
	m: Mistake,
	to: string | undefined,
	send: (to: string) => Promise<void>,
	ttlMs = REPORT_TTL_MS,
	scope = '',
): Promise<ReportOutcome> {
	if (!to) return { reported: 'no', why: 'no "Report mistakes to" or "Alerts channel" setting that works' };
	const key = mistakeKey(m, scope);
	let token: string | null = 'unclaimed';
	try {
		token = lease ? await lease.claimCreate(key, ttlMs) : 'unclaimed';
	} catch {
		token = 'unclaimed'; // the store is down: say it rather than stay silent
	}
	if (token === null) return { reported: 'before', to };
	try {
		await send(to);
		return { reported: 'now', to };
	} catch (error) {
		if (lease && token !== 'unclaimed') await lease.releaseCreate(key, token).catch(() => undefined);
		return { reported: 'no', why: `reporting to ${to} failed too: ${(error as Error).message}` };
	}
}

/** The words the run fails with: the mistake, and where it was reported. */
export function mistakeError(m: Mistake, outcome: ReportOutcome): { message: string; description: string } {
	const where =
		outcome.reported === 'now' ? ` (reported in Slack to ${outcome.to})` : outcome.reported === 'before' ? ` (already reported in Slack to ${outcome.to})` : '';
	return {
		message: `${mistakeMessage(m)}${where}`,
		description:
			outcome.reported === 'no'
				? `Not reported in Slack: ${outcome.why}. Fix the setting in the Settings node, then publish the workflow.`
				: `Fix the setting in the Settings node, then publish the workflow. Slack was told once (remembered for a day per setting and value), not once per event.`,
	};
}
