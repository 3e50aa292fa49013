/** Credit notes: amount credited, the reason in words, how it was credited, the invoice. */
import { money, reason, ref, status, type ObjectView } from './kit';
import { REFUND_REASONS } from './reasons';

export const creditNoteView: ObjectView = {
	label: 'Credit note',
	category: 'invoice',
	emoji: '🧾',
	amount: ['total', 'amount'],
	facts: [
		money('Total', 'total'),
		money('Credited to balance', 'credit_amount', { skipZero: true }),
		money('Refunded', 'refund_amount', { skipZero: true }),
		money('Outside Stripe', 'out_of_band_amount', { skipZero: true }),
		reason('Reason', 'reason', REFUND_REASONS, { head: true }),
		(ctx) => void ctx.add('Kind', ctx.get('type') === 'pre_payment' ? 'Before payment (lowers the amount due)' : ctx.get('type') === 'post_payment' ? 'After payment (refund or credit)' : ctx.enumv('type'), 'status'),
		status(),
		(ctx) => void ctx.add('Number', ctx.text('number', { max: 40 }), 'status'),
		(ctx) => void ctx.add('Memo', ctx.text('memo', { max: 120 }), 'description'),
		ref('Invoice', 'invoice'),
		ref('Refund', 'refund'),
		(ctx) => void ctx.addId('Customer', 'customer'),
	],
	linkId: (ctx) => ctx.id('invoice'),
};
