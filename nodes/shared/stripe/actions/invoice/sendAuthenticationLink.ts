import type { StripeActionContext, StripeCallResult } from '../types';
import { ActionInputError, requireId } from '../types';
import { sendReminder } from './sendReminder';

/**
 * Emails the hosted invoice page to a customer whose payment needs authentication (3-D Secure), so they can
 * complete it there (POST /v1/invoices/:id/send, as the reminder). Refused when the invoice is no longer open.
 */
export async function sendAuthenticationLink(ctx: StripeActionContext): Promise<StripeCallResult> {
	const id = requireId(ctx.objectId, ['in_'], 'invoice');
	const current = await ctx.stripe.invoices.retrieve(id);
	if (current.status !== 'open') {
		throw new ActionInputError(`Invoice ${id} is ${current.status ?? 'not open'}: there is nothing left to authenticate`, 'invoice_not_open');
	}
	const sent = await sendReminder(ctx);
	return { ...sent, summary: `payment page of invoice ${id} sent to the customer` };
}
