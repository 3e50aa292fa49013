/** Stripe Climate orders and products: tonnes, amount, expected delivery. */
import { count, date, enumf, money, status, text, type ObjectView } from './kit';

export const climateOrderView: ObjectView = {
	label: 'Climate order',
	category: 'other',
	emoji: '🌱',
	amount: ['amount_total'],
	facts: [
		money('Total', 'amount_total'),
		money('Fees', 'amount_fees'),
		count('Tonnes', 'metric_tons'),
		status(),
		count('Expected delivery year', 'expected_delivery_year', 'dates'),
		date('Delayed', 'delayed_at'),
		enumf('Canceled because', 'cancellation_reason'),
	],
};

export const climateProductView: ObjectView = {
	label: 'Climate product',
	category: 'other',
	emoji: '🌱',
	// Prices per tonne are keyed by currency; the USD one is the headline.
	amount: (ctx) => {
		const n = ctx.num('current_prices_per_metric_ton.usd.amount_total');
		return n === undefined ? undefined : { value: n, currency: 'usd' };
	},
	facts: [text('Name', 'name', 'description', 80), (ctx) => void ctx.add('Price per tonne', ctx.money(ctx.get('current_prices_per_metric_ton.usd.amount_total'), 'usd'), 'amount'), count('Tonnes available', 'metric_tons_available'), count('Delivery year', 'delivery_year', 'dates')],
};
