import type { StripeActionContext, StripeCallResult } from '../types';
import { ActionInputError, callFacts, requireId } from '../types';

/**
 * Adds evidence text to a dispute and, unless told otherwise, submits it to the bank
 * (POST /v1/disputes/:id with evidence[uncategorized_text] and submit=true).
 */
export async function submitEvidence(ctx: StripeActionContext): Promise<StripeCallResult> {
	const id = requireId(ctx.objectId, ['du_', 'dp_'], 'dispute');
	const text = (ctx.params.evidenceText ?? '').trim();
	if (!text) throw new ActionInputError('No evidence text was given', 'missing_evidence');
	if (text.length > 20_000) throw new ActionInputError('The evidence text is longer than Stripe allows (20,000 characters)');
	const submit = ctx.params.submitEvidence !== false;
	const dispute = await ctx.stripe.disputes.update(
		id,
		{ evidence: { uncategorized_text: text }, submit, metadata: ctx.metadata },
		{ idempotencyKey: ctx.idempotencyKey },
	);
	return {
		...callFacts(dispute),
		summary: `evidence for dispute ${dispute.id} ${submit ? 'submitted' : 'saved'} (${dispute.status})`,
		result: { object: 'dispute', id: dispute.id, status: dispute.status, submitted: submit },
	};
}
