/**
 * Invoices: amount due, paid, remaining and overpaid; the due date with the time left or past; the
 * finalization error in words; and, per event, the next step and its button (Send reminder, Void invoice,
 * Send authentication link).
 */
import { act, markHandled, type ActionSpec, type TemplateContext } from '../../templateContext';
import { invoiceSubscriptionId } from '../common';
import { count, customer, firstAmount, date, description, enumf, money, reason, status, whenClause, type ObjectView, type Verb } from './kit';
import { API_ERRORS } from './reasons';

const OPEN = (ctx: TemplateContext) => ctx.get('status') === 'open';

function headPath(verb: Verb): string[] {
	switch (verb.key) {
		case 'paid':
		case 'payment_succeeded':
			return ['amount_paid', 'total'];
		case 'overpaid':
			return ['amount_overpaid', 'amount_paid'];
		case 'created':
		case 'updated':
		case 'deleted':
		case 'upcoming':
		case 'finalization_failed':
			return ['amount_due', 'total'];
		default:
			return ['amount_remaining', 'amount_due', 'total'];
	}
}

const NEXT: Record<string, string> = {
	overdue: 'Send the customer a reminder, or void the invoice if it should not be paid.',
	will_be_due: 'Nothing yet. Send a reminder if this customer often pays late.',
	finalization_failed: 'Fix the cause above in the Stripe dashboard (for example the customer’s address for tax), then finalize the invoice again.',
	marked_uncollectible: 'Stripe stops collecting it. Void it if it will never be paid, or keep it open for your records.',
	payment_action_required: 'The customer must authenticate the payment: send them the hosted invoice page.',
	payment_attempt_required: 'Retry the payment or ask the customer for another payment method.',
	overpaid: 'Refund the overpaid amount, or keep it as credit on the customer’s balance.',
	voided: 'Nothing to collect: the invoice is void.',
};

function actions(ctx: TemplateContext, verb: Verb): ActionSpec[] {
	const id = ctx.objectId;
	const voidIt = () => act(id, { action: 'voidInvoice', label: 'Void invoice', style: 'danger' });
	switch (verb.key) {
		case 'overdue':
			return [...act(id, { action: 'sendReminder', label: 'Send reminder', style: 'primary' }), ...(OPEN(ctx) ? voidIt() : []), ...markHandled(id)];
		case 'will_be_due':
			return OPEN(ctx) ? act(id, { action: 'sendReminder', label: 'Send reminder' }) : [];
		case 'payment_action_required':
			return [...act(id, { action: 'sendAuthenticationLink', label: 'Send authentication link', style: 'primary' }), ...markHandled(id)];
		case 'marked_uncollectible':
			return [...(ctx.get('status') === 'uncollectible' || OPEN(ctx) ? voidIt() : []), ...markHandled(id)];
		case 'finalization_failed':
		case 'overpaid':
		case 'payment_attempt_required':
			return markHandled(id);
		default:
			return [];
	}
}

export const invoiceView: ObjectView = {
	label: 'Invoice',
	category: 'invoice',
	emoji: '🧾',
	amount: (ctx, verb) => firstAmount(ctx, headPath(verb)),
	facts: [
		money('Amount due', 'amount_due'),
		money('Paid', 'amount_paid', { skipZero: true }),
		money('Remaining', 'amount_remaining', { unlessSameAs: 'amount_due' }),
		(ctx, verb) => (ctx.get('status') === 'paid' || verb.key === 'overpaid' ? money('Overpaid', 'amount_overpaid', { skipZero: true })(ctx, verb) : undefined),
		(ctx, verb) => {
			const due = ctx.get('due_date');
			const v = ctx.dayWithRelative(due);
			ctx.add(verb.key === 'overdue' ? 'Was due' : 'Due', v, 'dates');
			return v && ['overdue', 'will_be_due', 'finalized', 'sent', 'payment_action_required', 'marked_uncollectible'].includes(verb.key) ? `due ${v}` : undefined;
		},
		(ctx, verb) => ((ctx.num('next_payment_attempt') ?? 0) * 1000 > ctx.opts.now ? date('Next payment attempt', 'next_payment_attempt', { time: true })(ctx, verb) : undefined),
		reason('Could not finalize', 'last_finalization_error.code', API_ERRORS, { message: 'last_finalization_error.message', head: true }),
		(ctx, verb) => {
			if (verb.key !== 'payment_action_required') return;
			const w = 'The customer must authenticate the payment (3D Secure or their bank’s page)';
			ctx.add('Why', w, 'status');
			return 'customer must authenticate';
		},
		status(),
		(ctx) => void ctx.add('Invoice', ctx.text('number', { max: 60 }), 'status'),
		enumf('Collection', 'collection_method'),
		count('Attempts', 'attempt_count'),
		(ctx) => {
			const sub = invoiceSubscriptionId(ctx);
			ctx.add('Subscription', sub ? `\`${sub}\`` : undefined, 'status');
		},
		customer(),
		description(),
	],
	when: (ctx, verb) => (['overdue', 'will_be_due', 'sent', 'finalized', 'payment_action_required'].includes(verb.key) ? whenClause(ctx, 'due', ctx.get('due_date')) : undefined),
	severity: (ctx, verb) => (verb.key === 'overdue' && (ctx.num('amount_remaining') ?? 0) > 0 ? 'warning' : undefined),
	emojiFor: (_ctx, verb) => (verb.key === 'overdue' ? '⏰' : verb.key === 'voided' ? '🗑️' : undefined),
	next: (_ctx, verb) => NEXT[verb.key],
	actions,
	changeKeys: ['collection_method', 'auto_advance'],
};
