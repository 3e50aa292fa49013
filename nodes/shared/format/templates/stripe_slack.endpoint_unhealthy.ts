/**
 * stripe_slack.endpoint_unhealthy: the trigger's webhook endpoint stopped working (nodes/shared/stripe/endpointHealth.ts):
 * disabled by Stripe, deleted, no longer listing the trigger's event types, or deliveries failing. One message per
 * change of problems, never one per check; critical, so it passes a pause (noise/policy.ts) and leaves on Needs
 * Attention. The Dashboard link and button open the endpoint.
 */
import { safeEventType, type Template, type TemplateContext } from '../templateContext';
import { dashboardUrl, safeAccountId } from '../dashboard';
import { code, link } from '../mrkdwn';
import { count, plural } from '../notices';

function problemsOf(ctx: TemplateContext): string[] {
	const p = ctx.get('problems');
	return Array.isArray(p) ? p.filter((x): x is string => typeof x === 'string') : [];
}

function catchUpWords(ctx: TemplateContext): string {
	const every = count(ctx, 'catchUpEveryMinutes');
	return every ? `n8n catches up every ${plural(every, 'minute')}` : 'n8n catches up on its schedule';
}

export const endpointUnhealthy: Template = (ctx) => {
	const problems = problemsOf(ctx);
	const endpoint = ctx.id('endpointId');
	const id = endpoint ? `the webhook endpoint ${code(endpoint)}` : 'the webhook endpoint';
	const url = endpoint && dashboardUrl({ id: endpoint, livemode: ctx.livemode, account: safeAccountId(ctx.event.account) ?? ctx.opts.dashboardAccount });
	const fixIt = url ? `fix it in the Dashboard: ${link(url, 'the endpoint in Stripe')}` : 'fix it in the Stripe Dashboard (Developers → Webhooks)';
	const missing = (Array.isArray(ctx.get('missingTypes')) ? (ctx.get('missingTypes') as unknown[]) : []).map(safeEventType).filter((t): t is string => !!t);
	const failing = count(ctx, 'failingDeliveries');
	// One line per problem, the gravest first (it is also the title and the headline).
	const lines: Array<{ title: string; text: string }> = [];
	if (problems.includes('missing'))
		lines.push({ title: 'Stripe webhook endpoint is gone', text: `Stripe no longer has ${id} — no events are sent; ${catchUpWords(ctx)}. Publish the workflow again to register a new endpoint, or set the trigger's Endpoint ID.` });
	if (problems.includes('disabled')) lines.push({ title: 'Stripe disabled the webhook endpoint', text: `Stripe disabled ${id} — events are not delivered; ${catchUpWords(ctx)}, but ${fixIt}` });
	if (problems.includes('missing_event_types')) {
		const shown = missing.slice(0, 10).map(code).join(', ');
		lines.push({
			title: 'Stripe webhook endpoint no longer sends some event types',
			text: `${id.replace(/^t/, 'T')} no longer sends ${missing.length ? plural(missing.length, 'of the trigger’s event types', 'of the trigger’s event types') : 'some of the trigger’s event types'}${shown ? `: ${shown}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}` : ''} — add them to the endpoint, or publish the workflow again; ${fixIt}`,
		});
	}
	if (problems.includes('delivery_failing'))
		lines.push({
			title: 'Stripe cannot deliver events to n8n',
			text: `${failing !== undefined ? plural(failing, 'event') : 'Several events'} since the last check could not be delivered to ${id} — ${catchUpWords(ctx)}, but check that n8n's webhook URL answers (proxy, firewall, n8n down).`,
		});
	if (!lines.length) lines.push({ title: 'Stripe webhook endpoint needs attention', text: `Check ${id}; ${fixIt}` });
	ctx
		.add('Problems', plural(problems.length || 1, 'problem'), 'status')
		.add('Since', ctx.dateWithRelative(ctx.get('since')), 'dates')
		.add('Endpoint', endpoint && code(endpoint), 'ids');
	return ctx.model({
		category: 'other',
		severity: 'critical',
		emoji: '🚨',
		title: lines[0].title,
		headline: lines[0].text,
		details: lines.slice(1).map((l) => l.text),
		actions: [],
		linkId: endpoint,
	});
};
