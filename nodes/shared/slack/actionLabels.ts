import { ACTION_PREFIX, ACTIONS, MONEY_MOVING_ACTIONS } from '../actions';

/** Words for each action, used in denials ("You are not allowed to …"), status lines and audit notes. */
export interface ActionWords {
	/** "refund this payment" (after "You are not allowed to") */
	imperative: string;
	/** "Refunded" (status line: "Refunded by <@U…> at 10:42 UTC") */
	done: string;
	/** "Refund" (noun, for failures: "Refund by <@U…> failed") */
	noun: string;
	/** "refunded" (audit note: "<@U…> refunded ch_…") */
	verb: string;
}

const WORDS: Record<string, ActionWords> = {
	[ACTIONS.retryPayment]: { imperative: 'retry this payment', done: 'Payment retried', noun: 'Payment retry', verb: 'retried the payment of' },
	[ACTIONS.sendReminder]: { imperative: 'send an invoice reminder', done: 'Reminder sent', noun: 'Invoice reminder', verb: 'sent a reminder for' },
	[ACTIONS.refund]: { imperative: 'refund this payment', done: 'Refunded', noun: 'Refund', verb: 'refunded' },
	[ACTIONS.cancelSubscription]: {
		imperative: 'cancel this subscription',
		done: 'Subscription set to cancel at period end',
		noun: 'Subscription cancellation',
		verb: 'set to cancel at period end',
	},
	[ACTIONS.cancelSubscriptionNow]: {
		imperative: 'cancel this subscription',
		done: 'Subscription canceled',
		noun: 'Subscription cancellation',
		verb: 'canceled',
	},
	[ACTIONS.acceptDispute]: { imperative: 'accept this dispute', done: 'Dispute accepted', noun: 'Dispute acceptance', verb: 'accepted the dispute' },
	[ACTIONS.submitEvidence]: {
		imperative: 'submit dispute evidence',
		done: 'Evidence submitted',
		noun: 'Evidence submission',
		verb: 'submitted evidence for',
	},
	[ACTIONS.approveReview]: { imperative: 'approve this payment', done: 'Review approved', noun: 'Review approval', verb: 'approved the review' },
	[ACTIONS.refundFraudWarning]: {
		imperative: 'refund this payment as fraudulent',
		done: 'Refunded as fraudulent',
		noun: 'Fraud refund',
		verb: 'refunded as fraudulent the charge of',
	},
	[ACTIONS.capturePayment]: { imperative: 'capture this payment', done: 'Payment captured', noun: 'Capture', verb: 'captured' },
	[ACTIONS.voidInvoice]: { imperative: 'void this invoice', done: 'Invoice voided', noun: 'Void', verb: 'voided' },
	[ACTIONS.sendAuthenticationLink]: {
		imperative: 'send the payment page to the customer',
		done: 'Payment page sent',
		noun: 'Payment page',
		verb: 'sent the payment page of',
	},
	[ACTIONS.markHandled]: { imperative: 'mark this as handled', done: 'Marked as handled', noun: 'Mark as handled', verb: 'marked as handled' },
	[ACTIONS.openDashboard]: { imperative: 'open the dashboard', done: 'Opened', noun: 'Open dashboard', verb: 'opened' },
};

export function actionWords(actionId: string): ActionWords {
	const known = WORDS[actionId];
	if (known) return known;
	const name = actionId.startsWith(ACTION_PREFIX) ? actionId.slice(ACTION_PREFIX.length) : actionId;
	const spaced = name.replace(/[_.-]+/g, ' ').trim() || 'this action';
	return { imperative: `use "${spaced}"`, done: `"${spaced}" done`, noun: `"${spaced}"`, verb: `used "${spaced}" on` };
}

export function isMoneyMoving(actionId: string): boolean {
	return MONEY_MOVING_ACTIONS.has(actionId);
}
