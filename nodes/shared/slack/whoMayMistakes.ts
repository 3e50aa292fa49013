/**
 * A name in Who May Do What that Slack does not know (issue #28): "Who May Refund is "@finanse": Slack has no
 * user group or person with that name." No n8n imports.
 *
 * The Slack Action Trigger decides a click before any other node runs, so a misspelt group cannot fail a
 * run: the person who clicked is refused (and told why, privately). This says it where the people who set
 * the workflow up look, the way `../delivery/mistakes.ts` does for channels: once per setting and value a day
 * (remembered through the thread store's lease: memory, file or Redis, so a restart does not say it again),
 * to "Report mistakes to" (the trigger's option, else the Settings node's), else the "Alerts channel"; with no
 * target it is logged. The trigger's output item carries it as `mistake`.
 */
import { mistakeMessage, reportOnce, reportTarget, type Mistake, type ReportOutcome } from '../delivery/mistakes';
import type { JsonObject } from '../webhook';
import { splitIds } from './authorize';
import { WHO_MAY_NAMES, whoList, whoMayFor, type WhoMay } from './whoMay';
import type { DeskSettings, MistakeReporting } from './triggerTypes';

/** Where names are typed: Who May Do What, and the older ID fields (a "@name" there is looked up too). */
export interface NamedSettings extends DeskSettings {
	rules?: Array<{ actionPrefix?: string; userIds?: string; userGroupIds?: string }>;
}

/** One "@name" as typed: the setting holding it, the setting's whole text, and the panel it is in. */
export interface TypedName {
	setting: string;
	text: string;
	name: string;
	/** Where the setting is in the trigger's panel ("Who May Do What"). */
	place: string;
	/** The Who May Do What key, for the ones that are. */
	key?: keyof WhoMay;
}

/** Every "@name" typed in the trigger's settings, once per setting. */
export function typedNames(settings: NamedSettings): TypedName[] {
	const out: TypedName[] = [];
	const add = (setting: string, text: string | undefined, names: string[], place: string, key?: keyof WhoMay) => {
		for (const name of new Set(names.filter((n) => n.startsWith('@') && n.length > 1))) out.push({ setting, text: (text ?? '').trim(), name, place, key });
	};
	for (const key of Object.keys(WHO_MAY_NAMES) as Array<keyof WhoMay>) {
		const text = settings.whoMay?.[key];
		if (typeof text === 'string' && text.trim()) add(WHO_MAY_NAMES[key], text, whoList(text).userGroupIds, 'Who May Do What', key);
	}
	add('Lookup Allowed User Group IDs', settings.lookupUserGroupIds, splitIds(settings.lookupUserGroupIds).map((n) => n.toLowerCase()), 'Options');
	for (const rule of settings.rules ?? []) {
		add('Allowed User Group IDs', rule.userGroupIds, splitIds(rule.userGroupIds).map((n) => n.toLowerCase()), 'Authorization Rules');
	}
	return out;
}

/** The mistake a name Slack does not know makes. `node`: the trigger's name in the workflow ("Slack Requests"). */
export function unknownNameMistake(typed: TypedName, node: string): Mistake {
	const alone = typed.text.replace(/^@/, '').toLowerCase() === typed.name.slice(1);
	return {
		setting: typed.setting,
		value: typed.text || typed.name,
		problem: alone ? 'Slack has no user group or person with that name' : `Slack has no user group or person named "${typed.name}"`,
		fix: `Check the spelling in ${node} → ${typed.place} (user groups: Slack → People → User groups; a person: their display name or member ID U…), then publish the workflow`,
	};
}

export type NameLookup = (name: string) => Promise<{ groupId?: string; userId?: string } | undefined>;

/**
 * The names Slack does not know, as mistakes. `lookup` takes a name without its @ and throws when Slack cannot
 * be asked: then nothing is claimed to be wrong (a missing scope or an outage is not a typo).
 */
export async function unknownNames(settings: NamedSettings, lookup: NameLookup, node: string): Promise<Mistake[]> {
	const mistakes: Mistake[] = [];
	for (const typed of typedNames(settings)) {
		let found: Awaited<ReturnType<NameLookup>>;
		try {
			found = await lookup(typed.name.slice(1));
		} catch {
			return [];
		}
		if (!found || (!found.groupId && !found.userId)) mistakes.push(unknownNameMistake(typed, node));
	}
	return mistakes;
}

/** The Slack text of a report. */
export function whoMayReportText(m: Mistake, workflow: string): string {
	return `:warning: *A setting of "${workflow}" cannot work.* ${mistakeMessage(m)}.\nUntil it is fixed, the buttons and lookups it covers are refused to the people it means; this is said once a day.`;
}

export interface MistakeReport {
	mistake: Mistake;
	outcome: ReportOutcome;
}

/** Reports each mistake once (per setting, value and scope, for a day); `send` posts a text to a channel or a member. */
export async function reportMistakes(
	mistakes: Mistake[],
	how: MistakeReporting,
	send: (to: string, text: string) => Promise<void>,
	ttlMs?: number,
): Promise<MistakeReport[]> {
	const reports: MistakeReport[] = [];
	const lease = mistakes.length ? how.lease?.() : undefined;
	for (const mistake of mistakes) {
		const to = reportTarget(how.targets, mistake);
		const outcome = await reportOnce(lease, mistake, to, (target) => send(target, whoMayReportText(mistake, how.workflow)), ttlMs, how.scope);
		reports.push({ mistake, outcome });
	}
	return reports;
}

/** One line for n8n's log. */
export function reportLogLine(r: MistakeReport): string {
	const o = r.outcome;
	const where = 'why' in o ? `NOT reported in Slack: ${o.why}` : o.reported === 'now' ? `reported in Slack to ${o.to}` : `already reported in Slack to ${o.to}`;
	return `Slack Action Trigger: ${mistakeMessage(r.mistake)} (${where})`;
}

/** The `mistake` field of the trigger's output item: the one about this action's setting first. */
export function mistakeField(reports: MistakeReport[], actionId: string): JsonObject | undefined {
	if (!reports.length) return undefined;
	const key = whoMayFor(actionId);
	const mine = reports.find((r) => key && r.mistake.setting === WHO_MAY_NAMES[key]) ?? reports[0];
	const o = mine.outcome;
	return {
		setting: mine.mistake.setting,
		value: mine.mistake.value,
		problem: mine.mistake.problem,
		fix: mine.mistake.fix,
		message: mistakeMessage(mine.mistake),
		reported: o.reported,
		...('why' in o ? { reportedTo: null, notReportedBecause: o.why } : { reportedTo: o.to }),
		...(reports.length > 1 ? { others: reports.filter((r) => r !== mine).map((r) => mistakeMessage(r.mistake)) } : {}),
	};
}

const TARGET_SETTINGS = ['Report mistakes to', 'Alerts channel'];

/**
 * Where to report, from the trigger's own "Report Mistakes To" option, else the fields of the Settings node
 * that runs after it (the Set node named Settings, else the first Set node with such a field). Only values
 * typed as text count: an expression cannot be read before the workflow runs.
 */
export function reportTargets(option: string | undefined, nodesAfter: Array<{ name: string; type: string; parameters?: unknown }>): Record<string, string> {
	const fieldsOf = (parameters: unknown): Record<string, string> => {
		const out: Record<string, string> = {};
		const list = (parameters as { assignments?: { assignments?: Array<{ name?: unknown; value?: unknown }> } } | undefined)?.assignments?.assignments ?? [];
		for (const a of list) {
			if (typeof a.name === 'string' && TARGET_SETTINGS.includes(a.name) && typeof a.value === 'string' && !a.value.startsWith('=')) out[a.name] = a.value;
		}
		return out;
	};
	const sets = nodesAfter.filter((n) => n.type === 'n8n-nodes-base.set').map((n) => ({ name: n.name, fields: fieldsOf(n.parameters) }));
	const settings = (sets.find((n) => n.name === 'Settings' && Object.keys(n.fields).length) ?? sets.find((n) => Object.keys(n.fields).length))?.fields ?? {};
	const own = (option ?? '').trim();
	return own ? { ...settings, 'Report mistakes to': own } : settings;
}
