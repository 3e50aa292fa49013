import { ACTIONS } from '../actions';
import { safeStripeId } from '../format/dashboard';
import { truncatePlain } from '../format/mrkdwn';
import type { ButtonElement } from '../format/types';
import { DESK_ACTIONS } from './actions';

/**
 * The buttons of a billing card and the team buttons of an alert: the same Stripe action buttons (with
 * the same confirm dialogs for money-moving ones) as the formatter's alerts, and the team actions:
 * Assign (a user picker), Escalate, Mark contacted, Create ticket; on a private card, Share in channel.
 */

export interface Confirm {
	title: string;
	text: string;
	confirm: string;
}

const plain = (text: string, max = 75) => ({ type: 'plain_text' as const, text: truncatePlain(text, max), emoji: true });

export function button(actionId: string, label: string, value: string | undefined, options: { style?: 'primary' | 'danger'; confirm?: Confirm } = {}): ButtonElement | undefined {
	const id = value === undefined ? undefined : safeStripeId(value);
	if (value !== undefined && !id) return undefined;
	const b: ButtonElement = { type: 'button', text: plain(label), action_id: actionId, ...(id ? { value: id } : {}) };
	if (options.style) b.style = options.style;
	if (options.confirm) {
		b.confirm = {
			title: plain(options.confirm.title, 100),
			text: plain(options.confirm.text, 300),
			confirm: plain(options.confirm.confirm, 30),
			deny: plain('Cancel', 30),
			style: options.style === 'primary' ? 'primary' : 'danger',
		};
	}
	return b;
}

export interface StripeButtonTargets {
	openInvoice?: string;
	refundableCharge?: { id: string; amount: string };
	activeSubscription?: string;
	openDispute?: { id: string; amount: string };
}

/** Stripe action buttons for the objects on a card (the same action_ids and confirms as the alerts). */
export function stripeButtons(t: StripeButtonTargets): ButtonElement[] {
	const out: Array<ButtonElement | undefined> = [];
	if (t.openInvoice) {
		out.push(
			button(ACTIONS.retryPayment, 'Retry payment', t.openInvoice, {
				style: 'primary',
				confirm: { title: 'Retry this payment?', text: `Charge the customer again for invoice ${t.openInvoice}?`, confirm: 'Retry payment' },
			}),
			button(ACTIONS.sendReminder, 'Send reminder', t.openInvoice),
		);
	}
	if (t.refundableCharge) {
		out.push(
			button(ACTIONS.refund, 'Refund last payment', t.refundableCharge.id, {
				style: 'danger',
				confirm: { title: 'Refund this payment?', text: `Refund ${t.refundableCharge.amount} (${t.refundableCharge.id}) to the customer? This cannot be undone.`, confirm: 'Refund' },
			}),
		);
	}
	if (t.activeSubscription) {
		out.push(
			button(ACTIONS.cancelSubscription, 'Cancel at period end', t.activeSubscription, {
				style: 'danger',
				confirm: { title: 'Cancel this subscription?', text: `Cancel ${t.activeSubscription} at the end of the current period?`, confirm: 'Cancel subscription' },
			}),
		);
	}
	if (t.openDispute) {
		out.push(
			button(ACTIONS.submitEvidence, 'Submit evidence', t.openDispute.id),
			button(ACTIONS.acceptDispute, 'Accept dispute', t.openDispute.id, {
				style: 'danger',
				confirm: { title: 'Accept this dispute?', text: `Accept dispute ${t.openDispute.id} and lose ${t.openDispute.amount}? This cannot be undone.`, confirm: 'Accept dispute' },
			}),
		);
	}
	return out.filter((b): b is ButtonElement => !!b);
}

/** The team actions block (Assign, Escalate, Mark contacted, Create ticket) for an object, and Share for a private card. */
export function teamActionsBlock(objectId: string, options: { customerId?: string | null; share?: string | null; assignee?: string | null } = {}): Record<string, unknown> | undefined {
	const id = safeStripeId(objectId);
	if (!id) return undefined;
	const customer = options.customerId ? safeStripeId(options.customerId) : undefined;
	const elements: unknown[] = [
		{
			type: 'users_select',
			action_id: DESK_ACTIONS.assign,
			placeholder: plain('Assign to…'),
			...(options.assignee && /^[UW][A-Z0-9_]{1,40}$/.test(options.assignee) ? { initial_user: options.assignee } : {}),
		},
		button(DESK_ACTIONS.escalate, 'Escalate', id),
		customer ? button(DESK_ACTIONS.markContacted, 'Mark contacted', customer) : undefined,
		button(DESK_ACTIONS.createTicket, 'Create ticket', id),
		options.share ? button(DESK_ACTIONS.share, 'Share in channel', options.share, { style: 'primary' }) : undefined,
	].filter((e) => !!e);
	// The object id rides in the block_id, so a pick in the user picker knows what it is about.
	return { type: 'actions', block_id: `desk_team:${id}`, elements };
}

/** The Stripe object id carried by a team actions block_id ("desk_team:cus_…"), if any. */
export function objectIdOfTeamBlock(blockId: string | undefined | null): string | undefined {
	const m = /^desk_team:(.+)$/.exec(blockId ?? '');
	return m ? safeStripeId(m[1]) : undefined;
}

/** Adds the team actions to a formatted alert (after its buttons), for the Stripe object it is about. */
export function withTeamActions(message: { blocks: unknown[] }, object: Record<string, unknown>): void {
	const customer = typeof object.customer === 'string' ? object.customer : (object.customer as { id?: unknown } | null)?.id;
	const id = typeof object.id === 'string' ? object.id : '';
	const block = teamActionsBlock(id, { customerId: typeof customer === 'string' ? customer : object.object === 'customer' ? id : null });
	if (!block || message.blocks.length >= 50) return;
	// Before a closing context line (ids, dates), after everything else.
	const last = message.blocks[message.blocks.length - 1] as { type?: string } | undefined;
	message.blocks.splice(last?.type === 'context' ? message.blocks.length - 1 : message.blocks.length, 0, block);
}
