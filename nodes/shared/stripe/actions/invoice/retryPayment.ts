import type { StripeActionContext, StripeCallResult } from '../types';
import { callFacts, requireId } from '../types';

/** Pays an open invoice again with its default payment method (POST /v1/invoices/:id/pay). Moves money. */
export async function retryPayment(ctx: StripeActionContext): Promise<StripeCallResult> {
	const id = requireId(ctx.objectId, ['in_'], 'invoice');
	const invoice = await ctx.stripe.invoices.pay(id, {}, { idempotencyKey: ctx.idempotencyKey });
	return {
		...callFacts(invoice),
		summary: `invoice ${invoice.id} ${invoice.status === 'paid' ? 'paid' : `is ${invoice.status ?? 'unknown'}`}`,
		result: {
			object: 'invoice',
			id: invoice.id,
			status: invoice.status,
			amount_paid: invoice.amount_paid,
			amount_due: invoice.amount_due,
			currency: invoice.currency,
			customer: typeof invoice.customer === 'string' ? invoice.customer : (invoice.customer?.id ?? null),
		},
	};
}
