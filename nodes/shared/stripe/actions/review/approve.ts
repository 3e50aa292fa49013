import type { StripeActionContext, StripeCallResult } from '../types';
import { callFacts, requireId } from '../types';

/** Approves a Radar review: the payment goes ahead and the review closes (POST /v1/reviews/:id/approve). */
export async function approve(ctx: StripeActionContext): Promise<StripeCallResult> {
	const id = requireId(ctx.objectId, ['prv_'], 'Radar review');
	const review = await ctx.stripe.reviews.approve(id, {}, { idempotencyKey: ctx.idempotencyKey });
	return {
		...callFacts(review),
		summary: `review ${review.id} ${review.open ? 'is still open' : `closed (${review.closed_reason ?? 'approved'})`}`,
		result: {
			object: 'review',
			id: review.id,
			open: review.open,
			closed_reason: review.closed_reason ?? null,
			reason: review.reason,
			charge: typeof review.charge === 'string' ? review.charge : (review.charge?.id ?? null),
			payment_intent:
				typeof review.payment_intent === 'string' ? review.payment_intent : (review.payment_intent?.id ?? null),
		},
	};
}
