import type { Template } from '../templateContext';
import { line, planText } from './common';

/** customer.subscription.created: plan, status, trial end, period. */
export const subscriptionCreated: Template = (ctx) => {
	const plan = planText(ctx);
	const status = ctx.enumv('status');
	const trialEnd = ctx.get('trial_end');
	ctx
		.add('Plan', plan, 'amount')
		.add('Status', status, 'status')
		.add('Trial ends', ctx.dateWithRelative(trialEnd), 'dates')
		.add('Current period ends', ctx.date(ctx.get('items.data.0.current_period_end') ?? ctx.get('current_period_end')), 'dates')
		.addCustomer()
		.addDescription()
		.addId('Subscription', 'id')
		.addMetadata();
	const price = ctx.get('items.data.0.price') ?? ctx.get('plan');
	const amount = ctx.get('unit_amount', price) ?? ctx.get('amount', price);
	return ctx.model({
		category: 'subscription',
		severity: 'success',
		emoji: '🎉',
		title: ctx.get('status') === 'trialing' ? 'New trial subscription' : 'New subscription',
		headline: line(plan?.split('\n')[0], status),
		amount: typeof amount === 'number' && ctx.currency('currency', price) ? { value: amount, currency: ctx.currency('currency', price) as string } : undefined,
		actions: [],
	});
};
