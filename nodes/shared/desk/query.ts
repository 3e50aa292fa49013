/**
 * What a support agent asked for: the text of `/stripe …`, or the ids and emails found in a message the
 * "Look up in Stripe" shortcut was used on.
 */

export type LookupQuery =
	| { kind: 'help' }
	| { kind: 'email'; email: string }
	| { kind: 'id'; id: string; objectType: IdType }
	| { kind: 'invalid'; reason: string }
	/** `pause 2h`, `resume`, `pause status`: noise control (nodes/shared/noise) */
	| { kind: 'noise'; text: string };

export type IdType = 'customer' | 'invoice' | 'charge' | 'payment_intent' | 'subscription' | 'dispute';

const ID_TYPES: Array<[RegExp, IdType]> = [
	[/^cus_[A-Za-z0-9]{4,64}$/, 'customer'],
	[/^in_[A-Za-z0-9]{4,64}$/, 'invoice'],
	[/^(ch|py)_[A-Za-z0-9]{4,64}$/, 'charge'],
	[/^pi_[A-Za-z0-9]{4,64}$/, 'payment_intent'],
	[/^sub_[A-Za-z0-9]{4,64}$/, 'subscription'],
	[/^(du|dp)_[A-Za-z0-9]{4,64}$/, 'dispute'],
];

/** Emails as people type them; Stripe ids of the kinds the lookup understands. */
const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/g;
const ID = /(?<![A-Za-z0-9_])(?:cus|in|ch|py|pi|sub|du|dp)_[A-Za-z0-9]{4,64}(?![A-Za-z0-9_])/g;

export const USAGE = [
	'*Look up a customer’s billing in Stripe*',
	'`/stripe jenny@example.com`: by email',
	'`/stripe cus_…` · `in_…` · `ch_…` · `pi_…` · `sub_…` · `du_…`: by id (the customer of the object)',
	'`/stripe pause 2h` · `/stripe resume` · `/stripe pause status`: hold routine alerts for a while (critical ones still post)',
	'`/stripe help`: this help',
	'Or use the *Look up in Stripe* shortcut (⋯ on a message) to look up the ids and emails in it.',
	'The card is only visible to you; *Share in channel* posts it for everyone.',
].join('\n');

export function idType(id: string): IdType | undefined {
	return ID_TYPES.find(([re]) => re.test(id))?.[1];
}

/** `/stripe <text>`: one email or id, or help. Slack sends links and mailtos as <mailto:a@b|a@b>. */
export function parseQuery(text: string): LookupQuery {
	const raw = String(text ?? '')
		.replace(/<mailto:([^|>]+)(\|[^>]*)?>/g, '$1')
		.replace(/[<>]/g, ' ')
		.trim();
	if (!raw || /^(help|\?|-h|--help)$/i.test(raw)) return { kind: 'help' };
	if (/^(pause|resume|unpause)\b/i.test(raw)) return { kind: 'noise', text: raw.slice(0, 60) };
	if (raw.length > 254 || /\s/.test(raw)) return { kind: 'invalid', reason: 'Give one email or one Stripe id (cus_, in_, ch_, pi_, sub_ or du_).' };
	const type = idType(raw);
	if (type) return { kind: 'id', id: raw, objectType: type };
	const email = raw.match(EMAIL);
	if (email && email[0] === raw) return { kind: 'email', email: raw.toLowerCase() };
	if (/^[a-z]{2,6}_/.test(raw)) return { kind: 'invalid', reason: 'This kind of Stripe id cannot be looked up; use cus_, in_, ch_, pi_, sub_ or du_.' };
	return { kind: 'invalid', reason: 'That is neither an email nor a Stripe id (cus_, in_, ch_, pi_, sub_ or du_).' };
}

/** The lookups a message offers (ids first, then emails), without repeats, at most `max`. */
export function queriesInMessage(text: string, max = 5): LookupQuery[] {
	const s = String(text ?? '').replace(/<mailto:([^|>]+)(\|[^>]*)?>/g, '$1');
	const found: LookupQuery[] = [];
	const seen = new Set<string>();
	for (const id of s.match(ID) ?? []) {
		const type = idType(id);
		if (type && !seen.has(id)) {
			found.push({ kind: 'id', id, objectType: type });
			seen.add(id);
		}
	}
	for (const e of s.match(EMAIL) ?? []) {
		const email = e.toLowerCase();
		if (!seen.has(email)) {
			found.push({ kind: 'email', email });
			seen.add(email);
		}
	}
	return found.slice(0, max);
}

/** Stripe search query for an exact email (quotes and backslashes escaped). */
export function emailSearchQuery(email: string): string {
	return `email:'${email.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** What a query is, for logs: an email is masked, an id is shown. */
export function describeQuery(q: LookupQuery, maskEmail: (email: string) => string): string {
	if (q.kind === 'email') return maskEmail(q.email);
	if (q.kind === 'id') return q.id;
	return q.kind;
}
