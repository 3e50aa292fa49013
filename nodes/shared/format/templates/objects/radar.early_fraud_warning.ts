/**
 * Early fraud warnings: the fraud type in words, the charge, the amount when the charge is expanded, and a
 * Refund button while the warning is actionable: Stripe advises a proactive refund to avoid a dispute.
 */
import { act, markHandled } from '../../templateContext';
import { reason, ref, type ObjectView } from './kit';
import { FRAUD_TYPES } from './reasons';

export const earlyFraudWarningView: ObjectView = {
	label: 'Early fraud warning',
	category: 'dispute',
	emoji: '🚩',
	amount: ['charge.amount'],
	currencyPath: 'charge.currency',
	facts: [
		reason('Fraud type', 'fraud_type', FRAUD_TYPES, { head: true }),
		(ctx) => {
			const a = ctx.get('actionable');
			ctx.add('Actionable', a === true ? 'yes: refunding now avoids a dispute' : a === false ? 'no: already refunded or disputed' : undefined, 'status');
		},
		ref('Charge', 'charge'),
		ref('Payment', 'payment_intent'),
	],
	title: (_ctx, verb) => (verb.key === 'created' ? 'Early fraud warning' : undefined),
	severity: (ctx) => (ctx.get('actionable') === true ? 'critical' : 'warning'),
	next: (ctx) =>
		ctx.get('actionable') === true
			? 'The card issuer reported this payment as fraud. Refund it now: most warnings become disputes, and a refunded payment cannot be disputed.'
			: 'Nothing to do: the payment was already refunded or disputed.',
	actions: (ctx) =>
		ctx.get('actionable') === true
			? [...act(ctx.objectId, { action: 'refundFraudWarning', label: 'Refund', style: 'danger' }), ...markHandled(ctx.objectId)]
			: [],
	linkId: (ctx) => ctx.id('payment_intent') ?? ctx.id('charge'),
};
