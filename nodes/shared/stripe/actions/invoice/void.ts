import type { StripeActionContext, StripeCallResult } from '../types';
import { callFacts, requireId } from '../types';

/**
 * Voids an open (or uncollectible) invoice: nothing more is collected on it and it cannot be paid or voided again
 * (POST /v1/invoices/:id/void). Moves money: the amount due is written off.
 */
export async function voidInvoice(ctx: StripeActionContext): Promise<StripeCallResult> {
	const id = requireId(ctx.objectId, ['in_'], 'invoice');
	const invoice = await ctx.stripe.invoices.voidInvoice(id, {}, { idempotencyKey: ctx.idempotencyKey });
	return {
		...callFacts(invoice),
		summary: `invoice ${invoice.id} ${invoice.status === 'void' ? 'voided' : `is ${invoice.status ?? 'unknown'}`}`,
		result: {
			object: 'invoice',
			id: invoice.id,
			status: invoice.status,
			amount_due: invoice.amount_due,
			amount_remaining: invoice.amount_remaining,
			currency: invoice.currency,
		},
	};
}
