/**
 * The Stripe triggers' own notices (nodes/shared/stripe/notices.ts: catch-up reports, endpoint-health alerts) as
 * the formatter reads them (pure): a notice becomes an event-like value whose `data.object` is the notice's data
 * (`object: "stripe_slack.notice"`, `id`: the endpoint for health notices, so the alert and its recovery note
 * share a thread), and the templates stripe_slack.*.ts render it. Notices carry no amount: they never go to
 * "Below Minimum" and are never counted as money.
 */
import { isTriggerNotice, NOTICE_OBJECT } from '../stripe/notices';
import { safeStripeId } from './dashboard';
import { escapeMrkdwn } from './mrkdwn';
import type { StripeEventLike, TemplateContext } from './templateContext';

export const NOTICE_TYPES: ReadonlySet<string> = new Set(['stripe_slack.catch_up', 'stripe_slack.endpoint_unhealthy', 'stripe_slack.endpoint_recovered']);

/** A notice type (`stripe_slack.catch_up`, ...): its message also goes to Needs Attention. */
export function isNoticeType(type: unknown): boolean {
	return typeof type === 'string' && NOTICE_TYPES.has(type);
}

/** A trigger notice as an event the templates read; anything else as it is. */
export function noticeAsEvent(x: unknown): unknown {
	if (!isTriggerNotice(x)) return x;
	const n = x as unknown as Record<string, unknown>;
	const data = n.data && typeof n.data === 'object' && !Array.isArray(n.data) ? (n.data as Record<string, unknown>) : {};
	const endpoint = safeStripeId(data.endpointId);
	const object: Record<string, unknown> = { ...data, object: NOTICE_OBJECT };
	delete object.id;
	if (endpoint && n.type !== 'stripe_slack.catch_up') object.id = endpoint;
	const event: StripeEventLike = { id: n.id, object: 'event', type: String(n.type ?? ''), created: n.created, livemode: n.livemode === true, data: { object } };
	return event;
}

/** A whole number at a path of the notice, or undefined. */
export function count(ctx: TemplateContext, path: string): number | undefined {
	const n = ctx.num(path);
	return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

export function plural(n: number, one: string, many = `${one}s`): string {
	return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function parts(ts: number, timeZone: string, o: Intl.DateTimeFormatOptions): Record<string, string> {
	let f: Intl.DateTimeFormat;
	try {
		f = new Intl.DateTimeFormat('en-US', { ...o, timeZone });
	} catch {
		f = new Intl.DateTimeFormat('en-US', { ...o, timeZone: 'UTC' });
	}
	const out: Record<string, string> = {};
	for (const p of f.formatToParts(new Date(ts * 1000))) out[p.type] = p.value;
	return out;
}

/** "14:02–14:55 UTC" within one day, "Dec 5, 14:02 – Dec 6, 09:10 UTC" across days (safe mrkdwn). */
export function timeRange(ctx: TemplateContext, from: number, to: number): string {
	const o: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' };
	const a = parts(from, ctx.opts.timeZone, o);
	const b = parts(to, ctx.opts.timeZone, o);
	const hm = (p: Record<string, string>) => `${p.hour}:${p.minute}`;
	const day = (p: Record<string, string>) => `${p.month} ${p.day}`;
	const text = day(a) === day(b) ? `${hm(a)}–${hm(b)} ${b.timeZoneName}` : `${day(a)}, ${hm(a)} – ${day(b)}, ${hm(b)} ${b.timeZoneName}`;
	return escapeMrkdwn(text);
}

/** The Dashboard's page of events (test or live, of a connected account when known). */
export function eventsPageUrl(ctx: TemplateContext): string {
	const acct = typeof ctx.event.account === 'string' && /^acct_[A-Za-z0-9]{6,64}$/.test(ctx.event.account) ? ctx.event.account : ctx.opts.dashboardAccount;
	return `https://dashboard.stripe.com/${acct && /^acct_[A-Za-z0-9]{6,64}$/.test(acct) ? `${acct}/` : ''}${ctx.livemode ? '' : 'test/'}events`;
}
