import type { StripeActionContext, StripeCallResult } from '../types';
import { callFacts, requireId } from '../types';

/** Emails the invoice to the customer again (POST /v1/invoices/:id/send). */
export async function sendReminder(ctx: StripeActionContext): Promise<StripeCallResult> {
	const id = requireId(ctx.objectId, ['in_'], 'invoice');
	const invoice = await ctx.stripe.invoices.sendInvoice(id, {}, { idempotencyKey: ctx.idempotencyKey });
	return {
		...callFacts(invoice),
		summary: `invoice ${invoice.id} sent to the customer`,
		result: {
			object: 'invoice',
			id: invoice.id,
			status: invoice.status,
			amount_due: invoice.amount_due,
			currency: invoice.currency,
			// No hosted_invoice_url: it opens the customer's invoice (name, address). It stays in the raw object.
		},
	};
}
