import type { Stripe } from '../../../sdkTypes';

import type { StripeActionContext, StripeCallResult } from '../types';
import { refundFacts } from '../charge/refund';
import { ActionInputError, callFacts, requireId } from '../types';

const idOf = (v: string | { id: string } | null | undefined): string | null => (typeof v === 'string' ? v : (v?.id ?? null));

/**
 * Refunds the charge of a Radar early fraud warning in full, reason `fraudulent` (Stripe advises a proactive refund
 * to avoid a dispute): GET /v1/radar/early_fraud_warnings/:id, then POST /v1/refunds. Moves money.
 * Refused when the warning is no longer actionable (refunded or disputed already) or its charge was refunded,
 * unless the refund was this very button's (a second click then gets Stripe's replay of the first).
 */
export async function refundFraudWarning(ctx: StripeActionContext): Promise<StripeCallResult> {
	const id = requireId(ctx.objectId, ['issfr_'], 'early fraud warning');
	const warning = await ctx.stripe.radar.earlyFraudWarnings.retrieve(id);
	const chargeId = idOf(warning.charge);
	if (!chargeId) throw new ActionInputError(`Early fraud warning ${id} has no charge to refund`, 'no_charge');
	const charge = await ctx.stripe.charges.retrieve(chargeId, { expand: ['refunds'] });
	const ours = (charge.refunds?.data ?? []).some(
		(r) =>
			r.metadata?.slack_action === ctx.metadata.slack_action &&
			r.metadata?.slack_message_ts === ctx.metadata.slack_message_ts &&
			ctx.metadata.slack_message_ts !== undefined,
	);
	if (!ours) {
		if (charge.refunded) throw new ActionInputError(`Charge ${charge.id} has already been refunded`, 'charge_already_refunded');
		if (!warning.actionable) {
			throw new ActionInputError(`Early fraud warning ${id} is no longer actionable (its charge was refunded or disputed)`, 'not_actionable');
		}
	}
	const params: Stripe.RefundCreateParams = { charge: charge.id, reason: 'fraudulent', metadata: ctx.metadata };
	const created = await ctx.stripe.refunds.create(params, { idempotencyKey: ctx.idempotencyKey });
	return {
		...callFacts(created),
		summary: `${created.id} ${created.status ?? 'created'} (early fraud warning ${id})`,
		result: { ...refundFacts(created), early_fraud_warning: id, fraud_type: warning.fraud_type },
	};
}
