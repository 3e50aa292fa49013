/**
 * Tax ids (the customer's VAT or other number: its type, country and verification, never the number) and tax rates.
 */
import { enumf, flag, status, text, type ObjectView } from './kit';

export const taxIdView: ObjectView = {
	label: 'Tax id',
	category: 'customer',
	emoji: '🧾',
	facts: [
		(ctx) => {
			const v = ctx.enumv('type');
			ctx.add('Type', v && v.replace(/^(\w+) /, (m) => m.toUpperCase()), 'status');
			return v;
		},
		text('Country', 'country', 'status', 4),
		status('verification.status', 'Verification'),
		(ctx) => void ctx.addId('Customer', 'customer'),
	],
};

export const taxRateView: ObjectView = {
	label: 'Tax rate',
	category: 'other',
	emoji: '🧾',
	facts: [
		(ctx) => {
			const pct = ctx.num('percentage') ?? ctx.num('effective_percentage');
			const v = pct !== undefined ? `${pct}%` : undefined;
			ctx.add('Rate', v, 'amount');
			return v;
		},
		text('Name', 'display_name', 'description', 40),
		text('Jurisdiction', 'jurisdiction', 'description', 40),
		enumf('Tax type', 'tax_type'),
		flag('Inclusive', 'inclusive', 'yes: included in prices', 'no: added to prices'),
		flag('Active', 'active', 'yes', 'no'),
	],
};
