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
			// "eu_vat" → "EU VAT": the acronyms of tax id types in capitals.
			const v = ctx.enumv('type')?.replace(/\b(eu|gb|us|au|ca|ch|no|za|vat|gst|hst|pst|qst|abn|arn|ein|rfc|tin|oss|uid|nif|cif|nit|ruc|rut|brn|uen|cn|in|jp|kr|sg)\b/gi, (m) => m.toUpperCase());
			ctx.add('Type', v, 'status');
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
			const flat = ctx.get('rate_type') === 'flat_amount' ? ctx.money(ctx.get('flat_amount.amount'), ctx.get('flat_amount.currency')) : undefined;
			const v = flat ?? (pct !== undefined ? `${pct}%` : undefined);
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
