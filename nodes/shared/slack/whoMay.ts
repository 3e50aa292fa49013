/**
 * Who may do what, in words (issue #28): "Who May Refund: @finance", "Who May Look Up Customers: @support,
 * @finance". Each kind of action maps to authorization rules on its action ids, so these settings sit beside
 * the Action ID Prefix rules and do not replace them: a config with only rules works as before. A name is a
 * Slack user group's handle or a person's name (@finance, @alice), a member ID (U…/W…), a user group ID (S…),
 * "everyone" or "nobody". Names are looked up in Slack when a click is decided (authorize.ts, `@` entries).
 * No n8n imports.
 */
import { ACTIONS, MONEY_MOVING_ACTIONS } from '../actions';
import { LOOKUP_ACTIONS, TEAM_ACTIONS } from '../desk/actions';
import type { AuthorizationRule } from './authorize';

export interface WhoMay {
	lookUp?: string;
	refund?: string;
	moneyButtons?: string;
	teamActions?: string;
}

/** The words of each setting, as the trigger's panel shows them. */
export const WHO_MAY_NAMES: Record<keyof WhoMay, string> = {
	lookUp: 'Who May Look Up Customers',
	refund: 'Who May Refund',
	moneyButtons: 'Who May Use the Other Money Buttons',
	teamActions: 'Who May Use Team Actions',
};

const REFUNDS = [ACTIONS.refund, ACTIONS.refundFraudWarning];
/** Every other button that changes something in Stripe, or tells a customer. */
const OTHER_MONEY = [
	...[...MONEY_MOVING_ACTIONS].filter((a) => !REFUNDS.includes(a as (typeof REFUNDS)[number])),
	ACTIONS.sendReminder,
	ACTIONS.sendAuthenticationLink,
	ACTIONS.submitEvidence,
];

/** "@finance, @alice, U012AB, S0614, everyone" → the ids and names of a rule ("@…" names are looked up later). */
export function whoList(text: string | undefined): { userIds: string[]; userGroupIds: string[] } {
	const userIds: string[] = [];
	const userGroupIds: string[] = [];
	for (const raw of (text ?? '').split(/[\s,;]+|\band\b/i)) {
		const w = raw.trim().replace(/^<[@!](?:subteam\^)?([A-Z0-9]+)(?:\|[^>]*)?>$/, '$1');
		if (!w || /^(?:nobody|none|no one|-)$/i.test(w)) continue;
		if (/^(?:everyone|everybody|anyone|all|\*)$/i.test(w)) userIds.push('*');
		else if (/^[UW][A-Z0-9_]+$/.test(w)) userIds.push(w);
		else if (/^S[A-Z0-9_]+$/.test(w)) userGroupIds.push(w);
		else userGroupIds.push(`@${w.replace(/^@/, '').toLowerCase()}`);
	}
	return { userIds, userGroupIds };
}

/** The authorization rules the words give (one per action id), none for a setting left empty. */
export function rulesInWords(who: WhoMay | undefined): AuthorizationRule[] {
	const rules: AuthorizationRule[] = [];
	const add = (text: string | undefined, actions: readonly string[]) => {
		if (!text || !text.trim()) return;
		const list = whoList(text);
		for (const actionPrefix of actions) rules.push({ actionPrefix, ...list });
	};
	add(who?.refund, REFUNDS);
	add(who?.moneyButtons, OTHER_MONEY);
	add(who?.teamActions, [...TEAM_ACTIONS]);
	return rules;
}

/** The lookup allowlist the words give, or undefined when "Who May Look Up Customers" is empty. */
export function lookupInWords(who: WhoMay | undefined): { userIds: string[]; userGroupIds: string[] } | undefined {
	return who?.lookUp && who.lookUp.trim() ? whoList(who.lookUp) : undefined;
}

/** The Who May Do What setting that decides `actionId`, if one does. */
export function whoMayFor(actionId: string): keyof WhoMay | undefined {
	if (LOOKUP_ACTIONS.has(actionId)) return 'lookUp';
	if (REFUNDS.includes(actionId as (typeof REFUNDS)[number])) return 'refund';
	if (OTHER_MONEY.includes(actionId)) return 'moneyButtons';
	if (TEAM_ACTIONS.has(actionId)) return 'teamActions';
	return undefined;
}
