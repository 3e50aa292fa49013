/** Reserves: held and released amounts, why, and the plan's terms. */
import { date, enumf, money, ref, status, type ObjectView } from './kit';

export const reserveHoldView: ObjectView = {
	label: 'Reserve hold',
	category: 'payout',
	emoji: '🔒',
	amount: ['amount'],
	facts: [money('Amount held', 'amount'), enumf('Reason', 'reason'), date('Released after', 'release_schedule.release_after', { head: 'release after' }), date('Scheduled release', 'release_schedule.scheduled_release'), ref('Charge', 'source_charge')],
};

export const reservePlanView: ObjectView = {
	label: 'Reserve plan',
	category: 'payout',
	emoji: '🔒',
	facts: [
		status(),
		enumf('Type', 'type'),
		(ctx) => {
			const pct = ctx.num('percent');
			ctx.add('Share held', pct !== undefined && pct >= 0 && pct <= 100 ? `${pct}%` : undefined, 'amount');
		},
		date('Disabled', 'disabled_at'),
	],
};

export const reserveReleaseView: ObjectView = {
	label: 'Reserve release',
	category: 'payout',
	emoji: '🔓',
	amount: ['amount'],
	facts: [money('Amount released', 'amount'), enumf('Reason', 'reason'), date('Released', 'released_at', { time: true })],
};
