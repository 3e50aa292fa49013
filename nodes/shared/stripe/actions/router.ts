import { ACTIONS } from '../../actions';
import { refund } from './charge/refund';
import { accept } from './dispute/accept';
import { submitEvidence } from './dispute/submitEvidence';
import { refundFraudWarning } from './earlyFraudWarning/refund';
import { retryPayment } from './invoice/retryPayment';
import { sendAuthenticationLink } from './invoice/sendAuthenticationLink';
import { sendReminder } from './invoice/sendReminder';
import { voidInvoice } from './invoice/void';
import { capture } from './paymentIntent/capture';
import { approve } from './review/approve';
import { cancel } from './subscription/cancel';
import type { StripeActionContext, StripeActionParams, StripeCallResult } from './types';

/** The node's explicit operations, and the action_id each one corresponds to. */
export const OPERATIONS = {
	retryInvoicePayment: ACTIONS.retryPayment,
	sendInvoiceReminder: ACTIONS.sendReminder,
	refund: ACTIONS.refund,
	cancelSubscription: ACTIONS.cancelSubscription,
	acceptDispute: ACTIONS.acceptDispute,
	submitDisputeEvidence: ACTIONS.submitEvidence,
	approveReview: ACTIONS.approveReview,
	refundEarlyFraudWarning: ACTIONS.refundFraudWarning,
	capturePayment: ACTIONS.capturePayment,
	voidInvoice: ACTIONS.voidInvoice,
	sendAuthenticationLink: ACTIONS.sendAuthenticationLink,
	markHandled: ACTIONS.markHandled,
} as const;

export type OperationName = keyof typeof OPERATIONS;

export interface RoutedAction {
	/** null: no Stripe call (mark handled). */
	run: ((ctx: StripeActionContext) => Promise<StripeCallResult>) | null;
	/** Parameters implied by the button (cancel now vs at period end). */
	params: Partial<StripeActionParams>;
}

/** Maps a button's action_id to its Stripe call; undefined for action_ids this package does not know. */
export function routeAction(actionId: string): RoutedAction | undefined {
	switch (actionId) {
		case ACTIONS.retryPayment:
			return { run: retryPayment, params: {} };
		case ACTIONS.sendReminder:
			return { run: sendReminder, params: {} };
		case ACTIONS.refund:
			return { run: async (ctx) => await refund(ctx), params: {} };
		case ACTIONS.cancelSubscription:
			return { run: cancel, params: { cancelAt: 'periodEnd' } };
		case ACTIONS.cancelSubscriptionNow:
			return { run: cancel, params: { cancelAt: 'now' } };
		case ACTIONS.acceptDispute:
			return { run: accept, params: {} };
		case ACTIONS.submitEvidence:
			return { run: submitEvidence, params: {} };
		case ACTIONS.approveReview:
			return { run: approve, params: {} };
		case ACTIONS.refundFraudWarning:
			return { run: refundFraudWarning, params: {} }; // always reason fraudulent, whatever the node's Reason says
		case ACTIONS.capturePayment:
			return { run: capture, params: {} };
		case ACTIONS.voidInvoice:
			return { run: voidInvoice, params: {} };
		case ACTIONS.sendAuthenticationLink:
			return { run: sendAuthenticationLink, params: {} };
		case ACTIONS.markHandled:
		case ACTIONS.openDashboard:
			return { run: null, params: {} };
		default:
			return undefined;
	}
}
