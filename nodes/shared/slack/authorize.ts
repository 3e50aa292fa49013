import { isMoneyMoving } from './actionLabels';

/**
 * Who may act on which button. A rule applies to the action_ids that start with its prefix (an empty prefix
 * matches every action); for a click, the rules with the longest matching prefix decide, and the click is
 * allowed when the user is listed in one of them, directly or as a member of a listed user group. "*" as a
 * user id allows everyone. A rule with no users and no groups allows nobody.
 * Clicks that no rule matches follow `unmatched`: by default, money-moving actions are denied and others allowed.
 */

export interface AuthorizationRule {
	actionPrefix: string;
	userIds: string[];
	userGroupIds: string[];
}

export type UnmatchedPolicy = 'denyMoneyMoving' | 'deny' | 'allow';

export interface AuthorizationPolicy {
	rules: AuthorizationRule[];
	unmatched: UnmatchedPolicy;
}

export interface AuthorizationDecision {
	allowed: boolean;
	/** How the decision was made, for logs and the trigger's output. */
	reason:
		| 'user_listed'
		| 'group_member'
		| 'everyone'
		| 'not_listed'
		| 'unmatched_allowed'
		| 'unmatched_denied'
		| 'group_lookup_failed';
	/** The prefix of the deciding rules, if any. */
	rulePrefix?: string;
	groupId?: string;
	error?: string;
}

/** A name without its @ (a user group's handle or a person's name) → the group's or the person's id. */
export type NameResolver = (name: string) => Promise<{ groupId?: string; userId?: string } | undefined>;

/** Lists the user ids in a Slack user group (usergroups.users.list). */
export type UserGroupLister = (groupId: string) => Promise<string[]>;

/** Splits "U1, U2\nU3" into ids. */
export function splitIds(text: string | string[] | undefined | null): string[] {
	if (Array.isArray(text)) return text.flatMap((t) => splitIds(t));
	return (text ?? '')
		.split(/[\s,;]+/)
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

/**
 * A short-lived cache of user-group members. Entries live `ttlMs` (default 60 s); concurrent lookups of the
 * same group share one request; failures are not cached.
 */
export class UserGroupCache {
	private readonly entries = new Map<string, { members: Set<string>; expires: number }>();

	private readonly inFlight = new Map<string, Promise<Set<string>>>();

	constructor(
		readonly ttlMs = 60_000,
		private readonly now: () => number = Date.now,
	) {}

	async members(namespace: string, groupId: string, lister: UserGroupLister): Promise<Set<string>> {
		const key = `${namespace}\u0000${groupId}`;
		const hit = this.entries.get(key);
		if (hit && hit.expires > this.now()) return hit.members;
		const pending = this.inFlight.get(key);
		if (pending) return await pending;
		const request = (async () => {
			try {
				const members = new Set(await lister(groupId));
				this.entries.set(key, { members, expires: this.now() + this.ttlMs });
				return members;
			} finally {
				this.inFlight.delete(key);
			}
		})();
		this.inFlight.set(key, request);
		return await request;
	}

	clear(): void {
		this.entries.clear();
	}
}

/** The cache shared by every trigger in this n8n process. */
export const sharedUserGroupCache = new UserGroupCache();

export function matchingRules(rules: AuthorizationRule[], actionId: string): AuthorizationRule[] {
	const matches = rules.filter((r) => actionId.startsWith(r.actionPrefix.trim()));
	if (matches.length === 0) return [];
	const longest = Math.max(...matches.map((r) => r.actionPrefix.trim().length));
	return matches.filter((r) => r.actionPrefix.trim().length === longest);
}

export async function authorize(
	policy: AuthorizationPolicy,
	actionId: string,
	userId: string,
	lister: UserGroupLister,
	options: { cache?: UserGroupCache; namespace?: string; resolveName?: NameResolver } = {},
): Promise<AuthorizationDecision> {
	const rules = matchingRules(policy.rules, actionId);
	if (rules.length === 0) {
		const allowed =
			policy.unmatched === 'allow' || (policy.unmatched === 'denyMoneyMoving' && !isMoneyMoving(actionId));
		return { allowed, reason: allowed ? 'unmatched_allowed' : 'unmatched_denied' };
	}
	const rulePrefix = rules[0].actionPrefix.trim();
	const userIds = new Set(rules.flatMap((r) => r.userIds));
	if (userIds.has(userId)) return { allowed: true, reason: 'user_listed', rulePrefix };
	if (userIds.has('*')) return { allowed: true, reason: 'everyone', rulePrefix };
	const groupIds = [...new Set(rules.flatMap((r) => r.userGroupIds))];
	const cache = options.cache ?? sharedUserGroupCache;
	const namespace = options.namespace ?? '';
	let lastError: string | undefined;
	for (const entry of groupIds) {
		let groupId = entry;
		if (entry.startsWith('@')) {
			// A name in words (@finance, @alice): a user group's handle or a person, looked up in Slack.
			let found: { groupId?: string; userId?: string } | undefined;
			try {
				found = await options.resolveName?.(entry.slice(1));
			} catch (error) {
				// Slack could not be asked (no users:read scope, Slack down): not the same as a name it does not know.
				lastError = `Slack could not be asked who "${entry}" is: ${(error as Error).message}`;
				continue;
			}
			if (found?.userId === userId) return { allowed: true, reason: 'user_listed', rulePrefix };
			if (!found?.groupId) {
				if (!found) lastError = `"${entry}" is not a user group or a person in this Slack workspace`;
				continue;
			}
			groupId = found.groupId;
		}
		try {
			const members = await cache.members(namespace, groupId, lister);
			if (members.has(userId)) return { allowed: true, reason: 'group_member', rulePrefix, groupId };
		} catch (error) {
			lastError = `Could not list the members of user group ${groupId}: ${(error as Error).message}`;
		}
	}
	// Fail closed: an unreadable group never grants access.
	if (lastError) return { allowed: false, reason: 'group_lookup_failed', rulePrefix, error: lastError };
	return { allowed: false, reason: 'not_listed', rulePrefix };
}
