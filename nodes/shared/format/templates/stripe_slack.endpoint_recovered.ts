/**
 * stripe_slack.endpoint_recovered: every problem of the trigger's webhook endpoint is gone (sent once, after an
 * endpoint_unhealthy alert). Threads under the alert (same object: the endpoint) and passes a pause like it.
 */
import type { Template } from '../templateContext';
import { plural } from '../notices';

const FIXED: Record<string, string> = {
	disabled: 'enabled again',
	missing: 'found again',
	missing_event_types: 'lists the trigger’s event types again',
	delivery_failing: 'deliveries succeed again',
};

export const endpointRecovered: Template = (ctx) => {
	const id = ctx.codeId('endpointId') ?? 'The webhook endpoint';
	const resolved = ctx.get('resolved');
	const fixed = (Array.isArray(resolved) ? resolved : [])
		.filter((p): p is string => typeof p === 'string' && Object.prototype.hasOwnProperty.call(FIXED, p))
		.map((p) => FIXED[p]);
	ctx.add('Fixed', fixed.length ? plural(fixed.length, 'problem') : undefined, 'status').add('Healthy since', ctx.date(ctx.get('since')), 'dates').add('Endpoint', ctx.codeId('endpointId'), 'ids');
	return ctx.model({
		category: 'other',
		severity: 'success',
		emoji: '✅',
		title: 'Stripe webhook endpoint is healthy again',
		headline: `${id === 'The webhook endpoint' ? id : `The webhook endpoint ${id}`} receives events again${fixed.length ? ` (${fixed.join(', ')})` : ''}.`,
		details: ['Events missed meanwhile are caught up from Stripe’s event list, each once.'],
		actions: [],
		linkId: ctx.id('endpointId'),
	});
};
