/**
 * Which verified Stripe events the trigger passes on (pure, no n8n imports).
 *
 * - Event types: exact names (`invoice.paid`) or patterns where `*` stands for any run of characters,
 *   dots included: `invoice.*` matches `invoice.paid` and `invoice.payment_action_required`,
 *   `customer.*` also matches `customer.subscription.created`, `*` matches everything.
 *   An empty list means every event type.
 * - Mode: live events only, test events only, or both (Stripe's `livemode` flag).
 * - Connected accounts: when ids are given, only events whose `account` is one of them
 *   (Connect events carry the connected account's id; events of the platform account itself have none).
 */

export type LiveModeFilter = 'any' | 'live' | 'test';

export interface EventFilterConfig {
	types?: string[];
	mode?: LiveModeFilter;
	/** acct_... ids; empty or undefined = any account */
	accounts?: string[];
}

export interface FilterableEvent {
	type?: unknown;
	livemode?: unknown;
	account?: unknown;
}

export type FilterResult = { pass: true } | { pass: false; reason: string };

/** Split a comma/space/newline separated list typed by a user. */
export function splitList(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(splitList);
	if (typeof value !== 'string') return [];
	return value
		.split(/[\s,]+/)
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

const patternCache = new Map<string, RegExp>();

function toRegExp(pattern: string): RegExp {
	let re = patternCache.get(pattern);
	if (!re) {
		const escaped = pattern
			.split('*')
			.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
			.join('.*');
		re = new RegExp(`^${escaped}$`);
		if (patternCache.size > 1000) patternCache.clear();
		patternCache.set(pattern, re);
	}
	return re;
}

export function isWildcard(pattern: string): boolean {
	return pattern.includes('*');
}

export function matchesEventType(type: string, patterns: string[] | undefined): boolean {
	const list = (patterns ?? []).map((p) => p.trim()).filter((p) => p !== '');
	if (list.length === 0) return true;
	for (const p of list) {
		if (p === '*' || p === type) return true;
		if (isWildcard(p) && toRegExp(p).test(type)) return true;
	}
	return false;
}

export function filterEvent(event: FilterableEvent, config: EventFilterConfig): FilterResult {
	const type = typeof event.type === 'string' ? event.type : '';
	if (!matchesEventType(type, config.types)) {
		return { pass: false, reason: `event type "${type}" is not one of the selected event types` };
	}
	const mode = config.mode ?? 'any';
	if (mode !== 'any') {
		const isLive = event.livemode === true;
		if (mode === 'live' && !isLive) return { pass: false, reason: 'test-mode event, but only live events are selected' };
		if (mode === 'test' && isLive) return { pass: false, reason: 'live event, but only test events are selected' };
	}
	const accounts = (config.accounts ?? []).map((a) => a.trim()).filter((a) => a !== '');
	if (accounts.length > 0) {
		const account = typeof event.account === 'string' ? event.account : '';
		if (!accounts.includes(account)) {
			return {
				pass: false,
				reason: account
					? `event from connected account ${account}, which is not selected`
					: 'event from the platform account itself, but only connected account events are selected',
			};
		}
	}
	return { pass: true };
}

/**
 * The `enabled_events` to register with Stripe for a list of patterns. Stripe accepts exact names and `*`
 * only, so any other wildcard widens the registration to `*` and the trigger filters locally.
 */
export function enabledEventsForRegistration(patterns: string[] | undefined): string[] {
	const list = (patterns ?? []).map((p) => p.trim()).filter((p) => p !== '');
	if (list.length === 0 || list.some(isWildcard)) return ['*'];
	return Array.from(new Set(list)).sort();
}
