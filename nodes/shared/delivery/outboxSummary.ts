/**
 * What the outbox posts besides the waiting messages themselves (pure): the summary that folds many messages of
 * one channel that waited while Slack was unreachable ("14 alerts held while Slack was unreachable, 14:02 to
 * 14:55 UTC", each event's headline listed, totals per currency from coalesce.ts), and the one alert for messages
 * given up. Every text from the messages is redacted again and escaped.
 */
import { LIMITS } from '../format/limits';
import { formatMoney } from '../format/money';
import { escapeMrkdwn, truncateMrkdwn } from '../format/mrkdwn';
import { redactOutgoing } from '../format/redact';
import { buildSummary, isFoldable } from './coalesce';
import type { OutboxEntry } from './outboxTypes';
import type { OutboundMessage } from './types';

/** Entries per summary message (each listed on a line of its own). */
export const FOLD_CHUNK = 50;
const LINES_PER_SECTION = 12;

export function hhmm(ms: number, timeZone: string): string {
	try {
		return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
	} catch {
		return new Date(ms).toISOString().slice(11, 16);
	}
}

export function asOutbound(e: OutboxEntry): OutboundMessage {
	return { channel: e.channel, text: e.message.text, blocks: e.message.blocks, metadata: e.message.metadata, mention: e.message.mention, foldable: e.message.foldable };
}

/** May this entry go into an outage summary: a routine message (coalesce.ts's rule) without a thread. */
export function foldableEntry(e: OutboxEntry): boolean {
	return !e.threadKey && !e.updateParent && isFoldable(asOutbound(e));
}

export type DrainStep<E extends OutboxEntry> = { kind: 'single'; entry: E } | { kind: 'fold'; entries: E[] };

/**
 * The order in which a channel's waiting entries go out: every entry alone, oldest first, unless more than
 * `threshold` are foldable; then the foldable ones go in summaries of at most FOLD_CHUNK, each at the place of
 * its first entry, and the others (failures, disputes, warnings, threads) alone, in their order.
 */
export function planDrain<E extends OutboxEntry>(entries: E[], threshold: number): Array<DrainStep<E>> {
	const foldable = entries.filter(foldableEntry);
	if (foldable.length <= threshold) return entries.map((entry) => ({ kind: 'single', entry }));
	const chunks: E[][] = [];
	for (let i = 0; i < foldable.length; i += FOLD_CHUNK) chunks.push(foldable.slice(i, i + FOLD_CHUNK));
	const firstOf = new Map(chunks.map((c) => [c[0], c]));
	const steps: Array<DrainStep<E>> = [];
	for (const e of entries) {
		const chunk = firstOf.get(e);
		if (chunk) steps.push({ kind: 'fold', entries: chunk });
		else if (!foldableEntry(e)) steps.push({ kind: 'single', entry: e });
	}
	return steps;
}

function headline(e: OutboxEntry, timeZone: string): string {
	const id = e.eventId && /^[A-Za-z0-9_]+$/.test(e.eventId) && redactOutgoing(e.eventId) === e.eventId ? ` \`${e.eventId}\`` : '';
	const first = redactOutgoing(e.message.text.split('\n')[0] ?? '').trim();
	return `• ${hhmm(e.queuedAt, timeZone)}${id} ${truncateMrkdwn(escapeMrkdwn(first), 160)}`;
}

function listSections(lines: string[]): unknown[] {
	const blocks: unknown[] = [];
	for (let i = 0; i < lines.length; i += LINES_PER_SECTION) {
		blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(lines.slice(i, i + LINES_PER_SECTION).join('\n'), LIMITS.sectionText) } });
	}
	return blocks;
}

/**
 * One summary message for `entries` (one channel, oldest first). `part` numbers it when the waiting messages
 * need several ("1 of 3").
 */
export function outageSummary(entries: OutboxEntry[], ctx: { timeZone: string; locale?: string; part?: { n: number; of: number } }): OutboundMessage {
	const first = entries[0];
	const last = entries[entries.length - 1];
	const base = buildSummary(entries.map(asOutbound), Math.max(1000, last.queuedAt - first.queuedAt), ctx.locale ?? 'en-US');
	const n = entries.length;
	const part = ctx.part && ctx.part.of > 1 ? ` (part ${ctx.part.n} of ${ctx.part.of})` : '';
	const span = `${hhmm(first.queuedAt, ctx.timeZone)} to ${hhmm(last.queuedAt, ctx.timeZone)} ${ctx.timeZone}`;
	const head = `${n} alert${n === 1 ? '' : 's'} held while Slack was unreachable, ${span}${part}`;
	const totals = Object.entries(base.totals)
		.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || a[0].localeCompare(b[0]))
		.slice(0, 10)
		.map(([c, v]) => `${formatMoney(v, c, ctx.locale ?? 'en-US')} ${c}`)
		.join(', ');
	const mention = first.message.mention ? `${redactOutgoing(first.message.mention)} ` : '';
	const blocks: unknown[] = [];
	if (mention) blocks.push({ type: 'context', block_id: 'mention', elements: [{ type: 'mrkdwn', text: mention.trim() }] });
	blocks.push({ type: 'section', block_id: 'outage', text: { type: 'mrkdwn', text: truncateMrkdwn(`:hourglass: *${escapeMrkdwn(head)}*${totals ? `\nTotals: ${escapeMrkdwn(totals)}` : ''}`, LIMITS.sectionText) } });
	blocks.push(...listSections(entries.map((e) => headline(e, ctx.timeZone))));
	blocks.push({ type: 'context', block_id: 'folded', elements: [{ type: 'mrkdwn', text: `Slack Post kept these messages and posted them when Slack answered again: ${n} event${n === 1 ? '' : 's'}, each listed once.` }] });
	return {
		channel: first.channel,
		text: truncateMrkdwn(`${mention}${escapeMrkdwn(head)}`, LIMITS.fallbackText),
		blocks,
		foldable: false,
		metadata: { event_id: null, category: 'summary', severity: 'info', event_type: null, amount: null, currency: null, livemode: first.message.metadata?.livemode ?? null },
	};
}

/** The one alert for entries given up (too old, or refused by Slack once it answered again). */
export function giveUpAlert(
	channel: string,
	given: Array<{ entry: OutboxEntry; why: string }>,
	ctx: { timeZone: string; now: number },
): OutboundMessage {
	const n = given.length;
	const times = given.map((g) => g.entry.queuedAt);
	const span = `${hhmm(Math.min(...times), ctx.timeZone)} to ${hhmm(Math.max(...times), ctx.timeZone)} ${ctx.timeZone}`;
	const whys = [...new Set(given.map((g) => g.why))].join('; ');
	const ids = given.map((g) => g.entry.eventId).filter((id): id is string => !!id && /^[A-Za-z0-9_]+$/.test(id) && redactOutgoing(id) === id);
	const head = `${n} Stripe alert${n === 1 ? ' was' : 's were'} given up: not posted to this channel (${span})`;
	const lines = given.map((g) => headline(g.entry, ctx.timeZone));
	return {
		channel,
		text: truncateMrkdwn(`${head}. ${whys}`, LIMITS.fallbackText),
		blocks: [
			{ type: 'section', block_id: 'given_up', text: { type: 'mrkdwn', text: truncateMrkdwn(`:warning: *${escapeMrkdwn(head)}*\n${escapeMrkdwn(whys)}. Find them in the Stripe Dashboard by their event ids.`, LIMITS.sectionText) } },
			...listSections(lines.slice(0, 40 * LINES_PER_SECTION)),
			{ type: 'context', block_id: 'given_up_ids', elements: [{ type: 'mrkdwn', text: truncateMrkdwn(`Event ids: ${ids.map((id) => '`' + id + '`').join(' ') || 'none'}`, LIMITS.contextText) }] },
		],
		foldable: false,
		metadata: { event_id: null, category: 'summary', severity: 'warning', event_type: null, amount: null, currency: null },
	};
}
