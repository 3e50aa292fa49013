/**
 * Subscriptions: the plan and what it costs per period, trial end, period end, cancellation date and reason,
 * pause and pending update, with the next step for trial ends, pauses and expired updates.
 */
import { normalizeCurrency } from '../../money';
import type { TemplateContext } from '../../templateContext';
import { planText } from '../common';
import { customer, date, reason, status, whenClause, type HeadAmount, type ObjectView } from './kit';
import { SUBSCRIPTION_CANCELLATION } from './reasons';

/** The sum of the items' prices × quantities, when they share one currency. */
export function subscriptionAmount(ctx: TemplateContext): HeadAmount | undefined {
	const items = ctx.get('items.data');
	let total = 0;
	let cur: string | undefined;
	if (Array.isArray(items) && items.length) {
		for (const it of items.slice(0, 50)) {
			const unit = ctx.num('price.unit_amount', it) ?? ctx.num('plan.amount', it);
			const c = normalizeCurrency(ctx.get('price.currency', it) ?? ctx.get('plan.currency', it));
			if (unit === undefined || !c || (cur && c !== cur)) return undefined;
			cur = c;
			total += unit * (ctx.num('quantity', it) ?? 1);
		}
		return { value: total, currency: cur };
	}
	const unit = ctx.num('plan.amount');
	return unit === undefined ? undefined : { value: unit * (ctx.num('quantity') ?? 1), currency: ctx.get('plan.currency') };
}

const periodEnd = (ctx: TemplateContext) => ctx.get('items.data.0.current_period_end') ?? ctx.get('current_period_end');

const NEXT: Record<string, string> = {
	trial_will_end: 'Check that the customer has a payment method: the first paid invoice follows the trial.',
	paused: 'Collection is paused: no invoices are paid until the subscription resumes. Resume it in Stripe once the customer has a payment method.',
	pending_update_expired: 'The customer did not pay for the change before it expired: the subscription stays on its previous plan.',
};

export const subscriptionView: ObjectView = {
	label: 'Subscription',
	category: 'subscription',
	emoji: '🔁',
	amount: (ctx) => subscriptionAmount(ctx),
	facts: [
		(ctx) => void ctx.add('Plan', planText(ctx), 'amount'),
		status(),
		(ctx, verb) => {
			const v = ctx.dayWithRelative(ctx.get('trial_end'));
			ctx.add('Trial ends', v, 'dates');
			return verb.key === 'trial_will_end' && v ? `trial ends ${v}` : undefined;
		},
		date('Current period ends', 'items.data.0.current_period_end'),
		date('Current period ends', 'current_period_end'),
		date('Cancels', 'cancel_at', { head: 'cancels' }),
		date('Ended', 'ended_at'),
		reason('Why canceled', 'cancellation_details.reason', SUBSCRIPTION_CANCELLATION),
		reason('Customer feedback', 'cancellation_details.feedback', SUBSCRIPTION_CANCELLATION),
		(ctx) => {
			const b = ctx.enumv('pause_collection.behavior');
			ctx.add('Collection paused', b && `${b}${ctx.get('pause_collection.resumes_at') ? `, resumes ${ctx.dayWithRelative(ctx.get('pause_collection.resumes_at'))}` : ''}`, 'status');
		},
		date('Pending update expires', 'pending_update.expires_at', { time: true }),
		customer(),
	],
	when: (ctx, verb) => {
		if (verb.key === 'trial_will_end') return whenClause(ctx, 'trial ends', ctx.get('trial_end'));
		if (verb.key === 'resumed') return whenClause(ctx, 'next renewal', periodEnd(ctx));
		return undefined;
	},
	emojiFor: (_ctx, verb) => (verb.key === 'paused' ? '⏸️' : verb.key === 'resumed' ? '▶️' : verb.key === 'trial_will_end' ? '⏳' : undefined),
	next: (_ctx, verb) => NEXT[verb.key],
	changeKeys: ['cancel_at_period_end', 'trial_end', 'pause_collection'],
};
