/**
 * Issuing (cards you issue): authorizations, transactions, cards, cardholders, disputes, tokens and card
 * designs: amounts in their currency, merchant, approval and decline reasons, statuses. No cardholder data.
 */
import { cardFact, cardLine, expiryFact } from './card';
import { enumf, firstAmount, flag, money, reason, ref, status, text, type ObjectView } from './kit';
import { DECLINE_CODES } from './reasons';

const merchant = text('Merchant', 'merchant_data.name', 'description', 60);

export const issuingAuthorizationView: ObjectView = {
	label: 'Issuing authorization',
	category: 'payment',
	emoji: '💳',
	amount: (ctx) => firstAmount(ctx, ['pending_request.amount'], 'pending_request.currency') ?? firstAmount(ctx, ['amount']),
	facts: [
		money('Amount', 'amount'),
		money('Merchant amount', 'merchant_amount', { currency: 'merchant_currency' }),
		money('Requested', 'pending_request.amount', { currency: 'pending_request.currency' }),
		flag('Approved', 'approved', 'yes', 'no'),
		reason('Declined because', 'request_history.0.reason', DECLINE_CODES, { head: true }),
		status(),
		merchant,
		(ctx) => void ctx.add('Card', cardLine(ctx, 'card'), 'payment_method'),
		ref('Card id', 'card.id'),
	],
	title: (_ctx, verb) => (verb.key === 'request' ? 'Card authorization to approve' : undefined),
	next: (_ctx, verb) => (verb.key === 'request' ? 'Approve or decline it within 2 seconds (your webhook endpoint does this).' : undefined),
};

export const issuingTransactionView: ObjectView = {
	label: 'Issuing transaction',
	category: 'payment',
	emoji: '💳',
	amount: ['amount'],
	facts: [money('Amount', 'amount'), money('Merchant amount', 'merchant_amount', { currency: 'merchant_currency' }), enumf('Type', 'type'), merchant, ref('Card', 'card'), ref('Authorization', 'authorization')],
};

export const issuingCardView: ObjectView = {
	label: 'Issued card',
	category: 'other',
	emoji: '💳',
	facts: [
		cardFact('Card'),
		status(),
		enumf('Type', 'type'),
		enumf('Canceled because', 'cancellation_reason'),
		expiryFact(''),
		ref('Cardholder', 'cardholder'),
	],
};

export const issuingCardholderView: ObjectView = {
	label: 'Cardholder',
	category: 'other',
	emoji: '🪪',
	facts: [status(), enumf('Type', 'type'), enumf('Disabled because', 'requirements.disabled_reason')],
	severity: (ctx) => (ctx.get('requirements.disabled_reason') ? 'warning' : undefined),
};

export const issuingDisputeView: ObjectView = {
	label: 'Issuing dispute',
	category: 'dispute',
	emoji: '⚖️',
	amount: ['amount'],
	facts: [money('Amount', 'amount'), status(), enumf('Reason', 'evidence.reason'), enumf('Lost because', 'loss_reason'), ref('Transaction', 'transaction')],
};

export const issuingTokenView: ObjectView = {
	label: 'Card token',
	category: 'other',
	emoji: '📱',
	facts: [status(), enumf('Network', 'network'), enumf('Wallet', 'wallet_provider'), (ctx) => void ctx.add('Token last 4', ctx.redactor.field('last4', ctx.get('last4')), 'payment_method'), ref('Card', 'card')],
};

export const issuingDesignView: ObjectView = {
	label: 'Card design',
	category: 'other',
	emoji: '🎨',
	facts: [
		status(),
		text('Name', 'name', 'description', 60),
		(ctx) => void ctx.add('Rejected because', [ctx.enumv('rejection_reasons.card_logo.0'), ctx.enumv('rejection_reasons.carrier_text.0')].filter(Boolean).join(', ') || undefined, 'status'),
	],
};
