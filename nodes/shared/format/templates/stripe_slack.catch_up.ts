/**
 * stripe_slack.catch_up: the trigger's report of a catch-up (nodes/shared/stripe/notices.ts CatchUpNoticeData):
 * "Caught up 12 missed events (14:02–14:55 UTC) — n8n was down", the types caught up, and when the catch-up
 * reached the edge of what Stripe keeps, that older events may be gone. A warning: it leaves on Needs Attention.
 */
import { safeEventType, type Template } from '../templateContext';
import { code } from '../mrkdwn';
import { count, eventsPageUrl, plural, timeRange } from '../notices';

const REASONS: Record<string, string> = {
	n8n_down: 'n8n was down',
	unpublished: 'the workflow was unpublished',
	endpoint_failed: "Stripe's deliveries to n8n failed",
	first_start: 'events from before the trigger was activated',
	unknown: 'Stripe had not delivered them',
};

export const catchUp: Template = (ctx) => {
	const n = count(ctx, 'count') ?? 0;
	const from = count(ctx, 'from');
	const to = count(ctx, 'to');
	const reasonKey = ctx.get('reason');
	const reason = typeof reasonKey === 'string' && Object.prototype.hasOwnProperty.call(REASONS, reasonKey) ? REASONS[reasonKey] : REASONS.unknown;
	const range = from && to && to >= from ? ` (${timeRange(ctx, from, to)})` : '';
	const types = ctx.get('types');
	const typeLines = (Array.isArray(types) ? types : [])
		.slice(0, 10)
		.map((t) => {
			const type = safeEventType(ctx.get('type', t));
			const c = ctx.num('count', t);
			return type && c !== undefined && Number.isInteger(c) && c > 0 ? `${code(type)} × ${c.toLocaleString('en-US')}` : undefined;
		})
		.filter((l): l is string => !!l);
	const edge = ctx.get('windowEdgeReached') === true;
	const windowStart = count(ctx, 'windowStart');
	const edgeLine = edge
		? `:warning: Events older than ${(windowStart && ctx.date(windowStart)) || 'the catch-up window'} may be gone (Stripe keeps 30 days).`
		: undefined;
	ctx
		.add('Events', plural(n, 'event'), 'status')
		.add('Why', reasonKey === 'first_start' ? 'first activation' : reason, 'status')
		.add('Types', typeLines.join('\n') || undefined, 'status')
		.add('Endpoint', ctx.codeId('endpointId'), 'ids');
	const endpoint = ctx.id('endpointId');
	return ctx.model({
		category: 'other',
		severity: 'warning',
		emoji: '🔁',
		title: `Caught up ${plural(n, 'missed Stripe event')}`,
		headline:
			reasonKey === 'first_start'
				? `Caught up ${plural(n, 'event')}${range} — ${reason}`
				: `Caught up ${plural(n, 'missed event')}${range} — ${reason}`,
		details: [edgeLine, 'Each event runs once, in order, whether Stripe delivered it or the catch-up found it.'].filter((d): d is string => !!d),
		actions: [],
		...(endpoint ? { linkId: endpoint } : { link: { url: eventsPageUrl(ctx), label: 'Events in Stripe' } }),
	});
};
