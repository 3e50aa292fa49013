import { HIDDEN, isSensitiveKey } from '../typed';
import { act, amountOf, markHandled, type Template } from '../templateContext';
import { line, plainMoney, titled } from './common';

/** checkout.session.completed: total, payment status, mode, customer, custom fields. Buttons: Refund (paid payments), Mark handled. */
export const checkoutSessionCompleted: Template = (ctx) => {
	const amount = ctx.num('amount_total');
	const money = ctx.money(amount);
	const paid = ctx.get('payment_status') === 'paid';
	const custom = ctx.get('custom_fields');
	const customLines: string[] = [];
	if (Array.isArray(custom)) {
		custom.slice(0, 5).forEach((_f, i) => {
			const label = ctx.text(`custom_fields.${i}.label.custom`, { max: 40 }) ?? ctx.free(ctx.get(`custom_fields.${i}.key`), 40);
			const type = ctx.get(`custom_fields.${i}.type`);
			// A field whose key or label names personal data (VAT number, phone, address...) is hidden whatever it holds.
			const names = [ctx.get(`custom_fields.${i}.key`), ctx.get(`custom_fields.${i}.label.custom`)];
			const sensitive = names.some((n) => typeof n === 'string' && isSensitiveKey(n));
			const value = typeof type !== 'string' ? undefined : sensitive ? HIDDEN.value : ctx.text(`custom_fields.${i}.${type}.value`, { max: 120 });
			if (label && value) customLines.push(`${label}: ${value}`);
		});
	}
	ctx
		.add('Total', money, 'amount')
		.add('Payment', line(ctx.enumv('payment_status'), ctx.enumv('mode')), 'status')
		.addCustomer({
			name: ['customer_details.name'],
			email: ['customer_details.email', 'customer_email'],
			phone: ['customer_details.phone'],
			address: ['customer_details.address'],
		})
		.add('Custom fields', customLines.join('\n') || undefined, 'description')
		.add('Completed', ctx.date(ctx.get('created')), 'dates')
		.addId('Session', 'id')
		.addId('Payment', 'payment_intent')
		.addId('Subscription', 'subscription')
		.addId('Invoice', 'invoice')
		.addMetadata();
	const pi = ctx.id('payment_intent');
	return ctx.model({
		category: 'checkout',
		severity: paid ? 'success' : 'info',
		emoji: '🛒',
		title: titled('Checkout completed', plainMoney(ctx, amount)),
		headline: line(money && `*${money}*`, ctx.enumv('payment_status'), ctx.enumv('mode')),
		amount: amountOf(ctx, amount),
		linkId: pi ?? ctx.id('subscription') ?? ctx.id('customer'),
		actions: [
			...(paid && ctx.get('mode') === 'payment' ? act(pi, { action: 'refund', label: 'Refund', style: 'danger' }) : []),
			...markHandled(pi ?? ctx.objectId),
		],
	});
};
