/**
 * Burst coalescing (pure): which queued messages may be folded into one summary, how they are grouped,
 * and the summary message itself ("37 payments succeeded in the last 10 s: $4,210.00 USD, ¥52,000 JPY").
 *
 * Never folded: severity critical or warning, category dispute (and 'summary'), event types that contain
 * "failed" or "dispute", chat.update calls, messages without formatter metadata, messages marked
 * `foldable: false` (e.g. carrying a chart).
 */
import { redactOutgoing } from '../format/redact';
import { LIMITS } from '../format/limits';
import { formatMoney, normalizeCurrency } from '../format/money';
import { escapeMrkdwn, truncateMrkdwn } from '../format/mrkdwn';
import type { OutboundMessage } from './types';

const FOLDABLE_CATEGORIES = new Set(['payment', 'invoice', 'subscription', 'refund', 'checkout', 'customer', 'payout', 'other']);
const FOLDABLE_SEVERITIES = new Set(['info', 'success']);

export function isFoldable(m: OutboundMessage): boolean {
	if (m.foldable === false || m.updateTs) return false;
	const md = m.metadata;
	if (!md || typeof md.category !== 'string' || typeof md.severity !== 'string') return false;
	if (!FOLDABLE_CATEGORIES.has(md.category) || !FOLDABLE_SEVERITIES.has(md.severity)) return false;
	const type = typeof md.event_type === 'string' ? md.event_type.toLowerCase() : '';
	if (type.includes('failed') || type.includes('dispute')) return false;
	return true;
}

/** Messages with one key may be folded together: same category, severity, mode, thread and mentions. */
export function groupKey(m: OutboundMessage): string {
	const md = m.metadata ?? {};
	return JSON.stringify([md.category, md.severity, !!md.livemode, m.thread_ts ?? '', m.mention ?? '']);
}

const NOUN: Record<string, string> = {
	payment: 'payments',
	invoice: 'invoices',
	subscription: 'subscriptions',
	refund: 'refunds',
	checkout: 'checkouts',
	customer: 'customers',
	payout: 'payouts',
	other: 'events',
};

/** "payment_intent.succeeded" → "succeeded"; undefined when the types don't share their last word. */
function commonVerb(types: Array<string | null | undefined>): string | undefined {
	let verb: string | undefined;
	for (const t of types) {
		if (typeof t !== 'string' || !/^[a-z0-9_.]+$/.test(t)) return undefined;
		const last = t.split('.').pop() ?? '';
		if (verb === undefined) verb = last;
		else if (verb !== last) return undefined;
	}
	return verb ? verb.replace(/_/g, ' ') : undefined;
}

export function describeDuration(ms: number): string {
	const s = Math.max(1, Math.round(ms / 1000));
	if (s < 120) return `${s} s`;
	const m = Math.round(s / 60);
	return `${m} min`;
}

export interface Summary {
	text: string;
	blocks: unknown[];
	/** Totals per currency in minor units. */
	totals: Record<string, number>;
	count: number;
}

/**
 * The summary for folded messages. `spanMs`: how long the folded messages arrived over (shown as
 * "in the last N s"). Amounts are summed per currency in minor units (exact integers) and formatted
 * with money.ts; everything from the messages is escaped.
 */
export function buildSummary(messages: OutboundMessage[], spanMs: number, locale = 'en-US'): Summary {
	const count = messages.length;
	const first = messages[0]?.metadata ?? {};
	const category = typeof first.category === 'string' && NOUN[first.category] ? first.category : 'other';
	const verb = commonVerb(messages.map((m) => m.metadata?.event_type));
	const noun = NOUN[category];
	const what = verb ? `${noun} ${verb}` : category === 'other' ? 'events' : `${category} events`;
	const totals: Record<string, number> = {};
	let withoutAmount = 0;
	for (const m of messages) {
		const cur = normalizeCurrency(m.metadata?.currency);
		const amount = m.metadata?.amount;
		if (cur && typeof amount === 'number' && Number.isFinite(amount)) totals[cur] = (totals[cur] ?? 0) + Math.round(amount);
		else withoutAmount++;
	}
	const currencies = Object.keys(totals).sort((a, b) => Math.abs(totals[b]) - Math.abs(totals[a]) || a.localeCompare(b));
	const money = currencies.map((c) => `${formatMoney(totals[c], c, locale)} ${c}`);
	const shown = money.slice(0, 10);
	const moneyText = shown.length ? `: ${shown.join(', ')}${money.length > shown.length ? `, and ${money.length - shown.length} more currencies` : ''}` : '';
	const test = first.livemode === false ? '[TEST] ' : '';
	const headline = `${count.toLocaleString('en-US')} ${what} in the last ${describeDuration(spanMs)}`;
	const mention = messages[0]?.mention ? `${redactOutgoing(messages[0].mention)} ` : '';

	const sentence = escapeMrkdwn(`${test}${headline}${moneyText}`);
	const blocks: unknown[] = [];
	if (mention) blocks.push({ type: 'context', block_id: 'mention', elements: [{ type: 'mrkdwn', text: mention.trim() }] });
	blocks.push({ type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: truncateMrkdwn(`*${escapeMrkdwn(`${test}${headline}`)}*${escapeMrkdwn(moneyText)}`, LIMITS.sectionText) } });
	if (currencies.length > 1) {
		blocks.push({
			type: 'section',
			block_id: 'totals',
			fields: currencies.slice(0, LIMITS.sectionFields).map((c) => ({ type: 'mrkdwn', text: `*${c}*\n${escapeMrkdwn(formatMoney(totals[c], c, locale))}` })),
		});
	}
	// Ids and the mention come from the messages: an id the pipeline would change (a card number set as an
	// event id) is left out, the mention is redacted like any text that leaves (#29).
	const ids = messages
		.map((m) => m.metadata?.event_id)
		.filter((id): id is string => typeof id === 'string' && /^[A-Za-z0-9_]+$/.test(id) && redactOutgoing(id) === id);
	const idText = ids.length ? ` · ${ids.slice(0, 20).map((id) => '`' + id + '`').join(' ')}${ids.length > 20 ? ` and ${ids.length - 20} more` : ''}` : '';
	const note = `Folded ${count} messages into one to stay within Slack's rate limit${withoutAmount && currencies.length ? ` (${withoutAmount} without an amount)` : ''}${idText}`;
	blocks.push({ type: 'context', block_id: 'folded', elements: [{ type: 'mrkdwn', text: truncateMrkdwn(note, LIMITS.contextText) }] });
	return { text: truncateMrkdwn(`${mention}${sentence}`, LIMITS.fallbackText), blocks, totals, count };
}

/** A queued message as the coalescer sees it. */
export interface Queued {
	message: OutboundMessage;
	enqueuedAt: number;
	foldable: boolean;
	key: string;
	threshold: number;
	windowMs: number;
}

export type Plan<T extends Queued> =
	| { kind: 'single'; entry: T }
	| { kind: 'fold'; entries: T[]; spanMs: number }
	| { kind: 'wait'; until: number }
	| { kind: 'idle' };

/**
 * What to send next from a channel's queue (FIFO), at `now`:
 * - foldable messages are grouped by key and by window (a group holds the messages that arrived within
 *   `windowMs` of its first one); a group larger than its threshold is held until its window has closed
 *   and then sent as one summary;
 * - everything else goes one by one, oldest first.
 */
export function planNext<T extends Queued>(queue: readonly T[], now: number): Plan<T> {
	const groups = new Map<string, T[][]>();
	for (const q of queue) {
		if (!q.foldable) continue;
		let windows = groups.get(q.key);
		if (!windows) groups.set(q.key, (windows = []));
		const current = windows[windows.length - 1];
		if (current && q.enqueuedAt < current[0].enqueuedAt + current[0].windowMs) current.push(q);
		else windows.push([q]);
	}
	const held = new Set<T>();
	let earliestClose = Infinity;
	let readyFold: { entries: T[]; closesAt: number } | undefined;
	for (const windows of groups.values()) {
		for (const g of windows) {
			if (g.length <= g[0].threshold) continue;
			const closesAt = g[0].enqueuedAt + g[0].windowMs;
			if (closesAt <= now) {
				if (!readyFold || g[0].enqueuedAt < readyFold.entries[0].enqueuedAt) readyFold = { entries: g, closesAt };
			} else {
				earliestClose = Math.min(earliestClose, closesAt);
			}
			for (const q of g) held.add(q);
		}
	}
	// Oldest first: a ready fold goes when its first message is older than the oldest single one.
	const single = queue.find((q) => !held.has(q));
	if (readyFold && (!single || readyFold.entries[0].enqueuedAt <= single.enqueuedAt)) {
		const e = readyFold.entries;
		return { kind: 'fold', entries: e, spanMs: Math.max(now - e[0].enqueuedAt, e[e.length - 1].enqueuedAt - e[0].enqueuedAt) };
	}
	if (single) return { kind: 'single', entry: single };
	if (earliestClose < Infinity) return { kind: 'wait', until: earliestClose };
	return { kind: 'idle' };
}
