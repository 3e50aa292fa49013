import type { StripeActionContext, StripeCallResult } from '../types';
import { callFacts, requireId } from '../types';

/** Captures the authorized amount of an uncaptured payment (POST /v1/payment_intents/:id/capture). Moves money. */
export async function capture(ctx: StripeActionContext): Promise<StripeCallResult> {
	const id = requireId(ctx.objectId, ['pi_'], 'payment intent');
	const intent = await ctx.stripe.paymentIntents.capture(id, {}, { idempotencyKey: ctx.idempotencyKey });
	return {
		...callFacts(intent),
		summary: `payment ${intent.id} ${intent.status === 'succeeded' ? 'captured' : `is ${intent.status}`}`,
		result: {
			object: 'payment_intent',
			id: intent.id,
			status: intent.status,
			amount: intent.amount,
			amount_received: intent.amount_received,
			amount_capturable: intent.amount_capturable,
			currency: intent.currency,
			latest_charge: typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? null),
		},
	};
}
