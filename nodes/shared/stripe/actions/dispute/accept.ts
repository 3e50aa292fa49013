import type { StripeActionContext, StripeCallResult } from '../types';
import { callFacts, requireId } from '../types';

/** Accepts (closes) a dispute: the money stays with the cardholder (POST /v1/disputes/:id/close). */
export async function accept(ctx: StripeActionContext): Promise<StripeCallResult> {
	const id = requireId(ctx.objectId, ['du_', 'dp_'], 'dispute');
	const dispute = await ctx.stripe.disputes.close(id, {}, { idempotencyKey: ctx.idempotencyKey });
	return {
		...callFacts(dispute),
		summary: `dispute ${dispute.id} ${dispute.status}`,
		result: { object: 'dispute', id: dispute.id, status: dispute.status, amount: dispute.amount, currency: dispute.currency },
	};
}
