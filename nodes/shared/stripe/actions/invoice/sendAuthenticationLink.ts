import type { StripeActionContext, StripeCallResult } from '../types';
import { ActionInputError, callFacts, requireId } from '../types';

/**
 * Emails the hosted invoice page to a customer whose payment needs authentication (3-D Secure), so they can
 * complete it there (POST /v1/invoices/:id/send). Refused when the invoice is no longer open.
 */
export async function sendAuthenticationLink(ctx: StripeActionContext): Promise<StripeCallResult> {
	const id = requireId(ctx.objectId, ['in_'], 'invoice');
	const current = await ctx.stripe.invoices.retrieve(id);
	if (current.status !== 'open') {
		throw new ActionInputError(`Invoice ${id} is ${current.status ?? 'not open'}: there is nothing left to authenticate`, 'invoice_not_open');
	}
	const invoice = await ctx.stripe.invoices.sendInvoice(id, {}, { idempotencyKey: ctx.idempotencyKey });
	return {
		...callFacts(invoice),
		summary: `payment page of invoice ${invoice.id} sent to the customer`,
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
