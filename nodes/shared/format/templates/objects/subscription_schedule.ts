/** Subscription schedules: status, the current phase and its end, when it was canceled, released or completed. */
import { customer, date, enumf, ref, status, type ObjectView } from './kit';

export const subscriptionScheduleView: ObjectView = {
	label: 'Subscription schedule',
	category: 'subscription',
	emoji: '🗓️',
	facts: [
		status(),
		(ctx) => {
			const phases = ctx.get('phases');
			ctx.add('Phases', Array.isArray(phases) ? String(phases.length) : undefined, 'status');
		},
		date('Current phase', 'current_phase.start_date'),
		(ctx, verb) => date('Current phase ends', 'current_phase.end_date', { head: ['created', 'updated', 'expiring'].includes(verb.key) ? 'phase ends' : undefined })(ctx, verb),
		date('Canceled', 'canceled_at', { time: true, head: 'canceled' }),
		date('Completed', 'completed_at', { time: true, head: 'completed' }),
		date('Released', 'released_at', { time: true, head: 'released' }),
		enumf('At the end', 'end_behavior'),
		ref('Subscription', 'subscription'),
		ref('Released subscription', 'released_subscription'),
		customer(),
	],
	next: (_ctx, verb) =>
		verb.key === 'canceled' ? 'The schedule and its subscription are canceled: no further phases or invoices.' : verb.key === 'expiring' ? 'The schedule ends in 7 days: extend it or let the subscription continue on its own.' : undefined,
};
