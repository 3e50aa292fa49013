import type { StripeActionContext, StripeCallResult } from '../types';
import { callFacts, requireId } from '../types';

/**
 * Cancels a subscription now (DELETE /v1/subscriptions/:id) or at the end of the current period
 * (POST /v1/subscriptions/:id with cancel_at_period_end=true).
 */
export async function cancel(ctx: StripeActionContext): Promise<StripeCallResult> {
	const id = requireId(ctx.objectId, ['sub_'], 'subscription');
	const subscription =
		ctx.params.cancelAt === 'now'
			? await ctx.stripe.subscriptions.cancel(id, {}, { idempotencyKey: ctx.idempotencyKey })
			: await ctx.stripe.subscriptions.update(
					id,
					{ cancel_at_period_end: true, metadata: ctx.metadata },
					{ idempotencyKey: ctx.idempotencyKey },
				);
	const summary =
		subscription.status === 'canceled'
			? `subscription ${subscription.id} canceled`
			: `subscription ${subscription.id} cancels at period end`;
	return {
		...callFacts(subscription),
		summary,
		result: {
			object: 'subscription',
			id: subscription.id,
			status: subscription.status,
			cancel_at_period_end: subscription.cancel_at_period_end,
			cancel_at: subscription.cancel_at ?? null,
			canceled_at: subscription.canceled_at ?? null,
		},
	};
}
