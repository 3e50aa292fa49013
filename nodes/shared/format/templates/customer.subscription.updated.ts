import { act, markHandled, type Template } from '../templateContext';
import { line, planText } from './common';

const TROUBLE = new Set(['past_due', 'unpaid', 'incomplete_expired']);

/** customer.subscription.updated: plan change, cancel at period end (set or reverted), status change, trial end. */
export const subscriptionUpdated: Template = (ctx) => {
	const prev = ctx.prev ?? {};
	const changes: string[] = [];
	let severity: 'info' | 'warning' | 'critical' | 'success' = 'info';
	let title = 'Subscription updated';

	const planChanged = 'items' in prev || 'plan' in prev;
	const newPlan = planText(ctx);
	if (planChanged) {
		const oldPlan = planText(ctx, prev);
		changes.push(`*Plan:* ${oldPlan ? oldPlan.replace(/\n/g, ', ') : '_previous plan_'} → ${newPlan ? newPlan.replace(/\n/g, ', ') : '_new plan_'}`);
		title = 'Subscription plan changed';
	}
	const cape = ctx.get('cancel_at_period_end');
	const cancelAt = ctx.get('cancel_at') ?? ctx.get('items.data.0.current_period_end') ?? ctx.get('current_period_end');
	if ('cancel_at_period_end' in prev || 'cancel_at' in prev) {
		if (cape === true || (typeof ctx.get('cancel_at') === 'number' && prev.cancel_at === null)) {
			changes.push(`*Cancels at period end:* ${ctx.dateWithRelative(cancelAt) ?? 'yes'}`);
			const reason = ctx.enumv('cancellation_details.reason');
			const feedback = ctx.enumv('cancellation_details.feedback');
			const comment = ctx.text('cancellation_details.comment', { max: 200 });
			if (reason || feedback || comment) changes.push(`*Why:* ${line(reason, feedback, comment)}`);
			title = 'Subscription set to cancel';
			severity = 'warning';
		} else {
			changes.push('*Cancellation reverted*: the subscription will renew');
			title = 'Subscription cancellation reverted';
			severity = 'success';
		}
	}
	const status = ctx.get('status');
	if ('status' in prev) {
		changes.push(`*Status:* ${ctx.enumv('status', prev) ?? '_unknown_'} → ${ctx.enumv('status') ?? '_unknown_'}`);
		if (typeof status === 'string' && TROUBLE.has(status)) {
			severity = 'critical';
			title = `Subscription ${status === 'past_due' ? 'past due' : status === 'unpaid' ? 'unpaid' : 'expired'}`;
		}
	}
	if ('trial_end' in prev) {
		changes.push(`*Trial end:* ${ctx.date(prev.trial_end) ?? '_none_'} → ${ctx.dateWithRelative(ctx.get('trial_end')) ?? '_none_'}`);
		if (!planChanged && severity === 'info') title = 'Subscription trial changed';
	}
	if ('quantity' in prev) changes.push(`*Quantity:* ${String(ctx.num('quantity', prev) ?? '?')} → ${String(ctx.num('quantity') ?? '?')}`);
	const otherKeys = Object.keys(prev).filter((k) => !['items', 'plan', 'cancel_at_period_end', 'cancel_at', 'canceled_at', 'cancellation_details', 'status', 'trial_end', 'quantity'].includes(k));
	if (otherKeys.length) changes.push(`_Also changed: ${otherKeys.slice(0, 8).map((k) => ctx.free(k, 40)).join(', ')}${otherKeys.length > 8 ? '…' : ''}_`);

	ctx
		.add('Plan', newPlan, 'amount')
		.add('Status', ctx.enumv('status'), 'status')
		.add('Trial ends', ctx.get('trial_end') ? ctx.dateWithRelative(ctx.get('trial_end')) : undefined, 'dates')
		.addCustomer()
		.addId('Subscription', 'id')
		.addMetadata();
	const id = ctx.objectId;
	return ctx.model({
		category: 'subscription',
		severity,
		emoji: severity === 'critical' ? '🚨' : severity === 'warning' ? '⚠️' : '🔄',
		title,
		headline: changes[0],
		details: changes.slice(1).length ? [changes.slice(1).join('\n')] : undefined,
		actions: [
			...(typeof status === 'string' && TROUBLE.has(status) && status !== 'incomplete_expired'
				? act(id, { action: 'cancelSubscription', label: 'Cancel at period end', style: 'danger' })
				: []),
			...(severity !== 'info' && severity !== 'success' ? markHandled(id) : []),
		],
	});
};
