/**
 * Connect accounts, their capabilities and persons, and the applications connected to yours: what is enabled,
 * what is due and by when (the deadline with the time left), why something is disabled. No personal data.
 */
import type { TemplateContext } from '../../templateContext';
import { date, enumf, flag, ref, status, text, type Fact, type ObjectView } from './kit';

const due = (prefix: string): Fact => (ctx) => {
	const list = ctx.get(`${prefix}.currently_due`);
	const past = ctx.get(`${prefix}.past_due`);
	const n = Array.isArray(list) ? list.length : 0;
	const p = Array.isArray(past) ? past.length : 0;
	ctx.add('Information due', n || p ? `${n} item${n === 1 ? '' : 's'} due${p ? `, ${p} past due` : ''}` : undefined, 'status');
	return p ? `${p} requirement${p === 1 ? '' : 's'} past due` : undefined;
};

const disabled = (path: string): Fact => (ctx) => {
	const v = ctx.enumv(path);
	ctx.add('Disabled because', v, 'status');
	return v && `disabled: ${v.toLowerCase()}`;
};

const troubled = (ctx: TemplateContext, prefix: string) => {
	const past = ctx.get(`${prefix}.past_due`);
	return (Array.isArray(past) && past.length > 0) || !!ctx.get(`${prefix}.disabled_reason`);
};

export const accountView: ObjectView = {
	label: 'Connected account',
	category: 'other',
	emoji: '🏢',
	facts: [
		flag('Charges', 'charges_enabled', 'enabled', 'disabled'),
		flag('Payouts', 'payouts_enabled', 'enabled', 'disabled'),
		disabled('requirements.disabled_reason'),
		due('requirements'),
		date('Deadline', 'requirements.current_deadline', { head: 'deadline' }),
		enumf('Business type', 'business_type'),
		text('Country', 'country', 'status', 4),
		(ctx) => void ctx.add('Currency', ctx.currency('default_currency'), 'status'),
	],
	severity: (ctx) => (troubled(ctx, 'requirements') ? 'warning' : undefined),
	next: (ctx) => (troubled(ctx, 'requirements') ? 'Ask the account holder to complete the information due in their Stripe dashboard before the deadline.' : undefined),
};

export const capabilityView: ObjectView = {
	label: 'Capability',
	category: 'other',
	emoji: '🏢',
	facts: [
		(ctx) => void ctx.add('Capability', ctx.enumv('id'), 'status'),
		status(),
		disabled('requirements.disabled_reason'),
		due('requirements'),
		date('Deadline', 'requirements.current_deadline', { head: 'deadline' }),
		ref('Account', 'account'),
	],
	severity: (ctx) => (ctx.get('status') === 'inactive' || troubled(ctx, 'requirements') ? 'warning' : undefined),
};

export const personView: ObjectView = {
	label: 'Person',
	category: 'other',
	emoji: '🪪',
	facts: [status('verification.status', 'Verification'), due('requirements'), ref('Account', 'account')],
	severity: (ctx) => (troubled(ctx, 'requirements') ? 'warning' : undefined),
};

export const applicationView: ObjectView = {
	label: 'Application',
	category: 'other',
	emoji: '🔌',
	facts: [text('Name', 'name', 'description', 60)],
	title: (_ctx, verb) => (verb.key === 'authorized' ? 'Application connected' : verb.key === 'deauthorized' ? 'Application disconnected' : undefined),
};
