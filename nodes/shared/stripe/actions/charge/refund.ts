import type { Stripe } from '../../../sdkTypes';

import type { StripeActionContext, StripeCallResult } from '../types';
import { ActionInputError, callFacts, requireId } from '../types';

/** Currencies without minor units (https://docs.stripe.com/currencies#zero-decimal). */
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);

/** "12.50" in usd → 1250; "500" in jpy → 500. */
export function toMinorUnits(text: string, currency: string): number {
	const clean = text.trim().replace(/[\s,]/g, '');
	if (!/^\d+(\.\d{1,2})?$/.test(clean)) throw new ActionInputError(`"${text.slice(0, 30)}" is not an amount (for example 12.50)`);
	const zero = ZERO_DECIMAL.has(currency.toLowerCase());
	if (zero && clean.includes('.')) throw new ActionInputError(`${currency.toUpperCase()} has no decimals`);
	const value = zero ? Number(clean) : Math.round(Number(clean) * 100);
	if (!Number.isSafeInteger(value) || value <= 0) throw new ActionInputError('The amount must be more than zero');
	return value;
}

/** Resolves the amount of a partial refund in minor units; null for a full refund. */
export async function refundAmount(ctx: StripeActionContext, id: string): Promise<number | null> {
	if (ctx.params.amount !== undefined && ctx.params.amount !== null && ctx.params.amount !== 0) {
		if (!Number.isSafeInteger(ctx.params.amount) || ctx.params.amount < 0) {
			throw new ActionInputError('The refund amount must be a whole number of the smallest currency unit (cents)');
		}
		return ctx.params.amount;
	}
	const text = (ctx.params.amountText ?? '').trim();
	if (!text) return null;
	const source = id.startsWith('pi_') ? await ctx.stripe.paymentIntents.retrieve(id) : await ctx.stripe.charges.retrieve(id);
	return toMinorUnits(text, source.currency);
}

/**
 * Refunds a charge (ch_/py_) or a payment intent (pi_), fully or partly, with a reason
 * (POST /v1/refunds). Moves money.
 */
export async function refund(ctx: StripeActionContext, amount?: number | null): Promise<StripeCallResult> {
	const id = requireId(ctx.objectId, ['ch_', 'py_', 'pi_'], 'charge or payment intent');
	const resolved = amount !== undefined ? amount : await refundAmount(ctx, id);
	const params: Stripe.RefundCreateParams = {
		...(id.startsWith('pi_') ? { payment_intent: id } : { charge: id }),
		...(resolved ? { amount: resolved } : {}),
		...(ctx.params.refundReason ? { reason: ctx.params.refundReason } : {}),
		metadata: ctx.metadata,
	};
	const created = await ctx.stripe.refunds.create(params, { idempotencyKey: ctx.idempotencyKey });
	return { ...callFacts(created), summary: `${created.id} ${created.status ?? 'created'}`, result: refundFacts(created) };
}

/** The main facts of a refund, for an action's `result` (no customer data). */
export function refundFacts(created: Stripe.Refund): Record<string, unknown> {
	return {
		object: 'refund',
		id: created.id,
		status: created.status,
		amount: created.amount,
		currency: created.currency,
		reason: created.reason ?? null,
		charge: typeof created.charge === 'string' ? created.charge : (created.charge?.id ?? null),
		payment_intent: typeof created.payment_intent === 'string' ? created.payment_intent : (created.payment_intent?.id ?? null),
	};
}
