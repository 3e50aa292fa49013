/**
 * The message that replaces the alerts held during a pause or quiet hours: one per channel, with the count of
 * each kind of alert, the totals per currency, the window, who paused, the first few alerts (their redacted
 * fallback text) and a link to the window's events in the Stripe Dashboard. Nothing of the held alerts is
 * dropped: every one is counted.
 */
import { formatMoney } from '../format/money';
import { escapeMrkdwn, humanize, link, truncateMrkdwn } from '../format/mrkdwn';
import { redactOutgoing } from '../format/redact';
import type { Block, SlackMessage } from '../format/types';
import type { HeldAlert, PauseState } from './store';

/** How many held alerts the summary lists line by line (the rest are counted). */
export const LISTED = 10;

function hhmm(ms: number, timeZone: string): string {
	return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
}

export interface SummaryContext {
	pause: PauseState | null;
	/** when the release happens (ms) */
	now: number;
	timeZone: string;
}

/** One Slack message per channel, channels in the order their first alert was held. */
export function heldSummaries(alerts: HeldAlert[], ctx: SummaryContext): SlackMessage[] {
	const byChannel = new Map<string, HeldAlert[]>();
	for (const a of alerts) {
		const list = byChannel.get(a.channel) ?? [];
		list.push(a);
		byChannel.set(a.channel, list);
	}
	return [...byChannel.entries()].map(([channel, list]) => summaryFor(channel, list, ctx));
}

function summaryFor(channel: string, list: HeldAlert[], ctx: SummaryContext): SlackMessage {
	const from = Math.min(...list.map((a) => a.at));
	const to = ctx.now;
	const paused = list.some((a) => a.why === 'pause');
	const window = `${hhmm(from, ctx.timeZone)}–${hhmm(to, ctx.timeZone)} ${escapeMrkdwn(ctx.timeZone)}`;
	const who = paused && ctx.pause?.by && /^[UW][A-Z0-9_]+$/.test(ctx.pause.by) ? `, paused by <@${ctx.pause.by}>` : '';
	const title = paused ? 'While alerts were paused' : 'During quiet hours';
	const n = list.length;
	const head = `:double_vertical_bar: *${title}* (${window}${who}): *${n} alert${n === 1 ? '' : 's'} held*`;

	const kinds = new Map<string, number>();
	for (const a of list) {
		const k = a.metadata.event_type ? humanize(redactOutgoing(String(a.metadata.event_type))) : 'Other';
		kinds.set(k, (kinds.get(k) ?? 0) + 1);
	}
	const kindLine = [...kinds.entries()].sort((x, y) => y[1] - x[1]).map(([k, c]) => `${c} × ${escapeMrkdwn(k)}`).join(' · ');

	const totals = new Map<string, number>();
	for (const a of list) {
		const cur = a.metadata.currency?.toUpperCase();
		if (cur && typeof a.metadata.amount === 'number') totals.set(cur, (totals.get(cur) ?? 0) + a.metadata.amount);
	}
	const totalLine = [...totals.entries()].sort().map(([c, v]) => formatMoney(v, c)).join(' · ');

	// The held texts again through the pipeline (#29): an item that did not come from the formatter is redacted here.
	const lines = list.slice(0, LISTED).map((a) => `• ${hhmm(a.at, ctx.timeZone)} ${truncateMrkdwn(redactOutgoing(a.text), 150)}`);
	if (n > LISTED) lines.push(`… and ${n - LISTED} more`);

	const livemode = list.some((a) => a.metadata.livemode === true);
	const sec = (ms: number) => Math.floor(ms / 1000);
	const url = `https://dashboard.stripe.com/${livemode ? '' : 'test/'}events?created%5Bgte%5D=${sec(from)}&created%5Blte%5D=${sec(to)}`;

	const blocks: Block[] = [
		{ type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(head, 3000) } },
		{ type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(`*By kind:* ${kindLine}${totalLine ? `\n*Totals:* ${totalLine}` : ''}`, 3000) } },
		{ type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(lines.join('\n'), 3000) } },
		{ type: 'context', elements: [{ type: 'mrkdwn', text: link(url, 'The events of this window in the Stripe Dashboard') }] },
	];
	const text = `${title}: ${n} alert${n === 1 ? '' : 's'} held${totalLine ? ` (${totalLine})` : ''}`;
	return {
		text,
		blocks,
		channel,
		metadata: {
			event_id: null,
			object_id: null,
			object_type: null,
			livemode,
			category: 'summary',
			severity: 'info',
			event_type: null,
			event_count: n,
			created: sec(to),
		},
	};
}
