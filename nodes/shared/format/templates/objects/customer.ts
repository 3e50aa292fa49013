/** Customers (created, deleted): name and email as the redaction level allows, balance, delinquency. */
import { money, type ObjectView } from './kit';

export const customerView: ObjectView = {
	label: 'Customer',
	category: 'customer',
	emoji: '👤',
	facts: [
		(ctx) => void ctx.addCustomer({ name: ['name'], email: ['email'] }),
		money('Balance', 'balance', { skipZero: true }),
		(ctx) => void ctx.add('Delinquent', ctx.get('delinquent') === true ? 'yes: an invoice is past due' : undefined, 'status'),
		(ctx) => void ctx.add('Currency', ctx.currency(), 'status'),
		(ctx) => void ctx.addDescription(),
	],
};
