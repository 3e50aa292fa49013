import { markHandled, type Template } from '../templateContext';
import { line, planText } from './common';

/** customer.subscription.deleted: churn — plan, when it ended, the customer's reason. */
export const subscriptionDeleted: Template = (ctx) => {
	const plan = planText(ctx);
	const reason = ctx.enumv('cancellation_details.reason');
	const feedback = ctx.enumv('cancellation_details.feedback');
	const comment = ctx.text('cancellation_details.comment', { max: 300 });
	ctx
		.add('Plan', plan, 'amount')
		.add('Reason', line(reason, feedback), 'status')
		.add('Comment', comment, 'description')
		.add('Ended', ctx.date(ctx.get('ended_at') ?? ctx.get('canceled_at')), 'dates')
		.add('Started', ctx.date(ctx.get('start_date') ?? ctx.get('start')), 'dates')
		.addCustomer()
		.addId('Subscription', 'id')
		.addMetadata();
	return ctx.model({
		category: 'subscription',
		severity: 'warning',
		emoji: '👋',
		title: 'Subscription canceled',
		headline: line(plan?.split('\n')[0], feedback ?? reason),
		actions: markHandled(ctx.objectId),
	});
};
