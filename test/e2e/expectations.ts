/**
 * What every fixture event type must put into the sandbox Slack through the templates: shared by the
 * single-process template test and the queue-mode test.
 */
export interface SandboxMessage {
	channel: string;
	ts: string;
	thread_ts?: string | null;
	text: string;
	blocks?: Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>;
	edits: unknown[];
	deleted: boolean;
}

export interface Expectation {
	template: string;
	channels: string[];
	text: string;
	buttons: string[];
	/** the message is a reply in the thread started by this event type's message */
	threadOf?: string;
	mention?: string;
}

// Every fixture event type, the template that handles it, and what must reach Slack.
export const EXPECTED: Record<string, Expectation> = {
	'payment_intent.succeeded': { template: 'payments', channels: ['C_PAYMENTS'], text: 'Payment received: $10.99', buttons: ['stripe_slack.refund'] },
	'payment_intent.payment_failed': {
		template: 'payments',
		channels: ['C_PAYMENTS', 'C_BILLING_ALERTS'],
		text: 'Payment failed: $10.99',
		buttons: ['stripe_slack.open_dashboard'],
	},
	'charge.succeeded': { template: 'payments', channels: ['C_PAYMENTS'], text: 'Charge succeeded: $1.00', buttons: ['stripe_slack.refund'] },
	'charge.refunded': { template: 'payments', channels: ['C_PAYMENTS'], text: 'Charge refunded: $1.00', buttons: ['stripe_slack.mark_handled'] },
	'checkout.session.completed': {
		template: 'payments',
		channels: ['C_PAYMENTS'],
		text: 'Checkout completed: $10.99',
		buttons: ['stripe_slack.refund'],
	},
	'charge.dispute.created': {
		template: 'disputes',
		channels: ['C_DISPUTES'],
		text: 'Dispute opened: $10.00',
		buttons: ['stripe_slack.accept_dispute', 'stripe_slack.submit_evidence'],
		mention: '<!subteam^S_FINANCE>',
	},
	'customer.subscription.created': { template: 'subscriptions', channels: ['C_BILLING'], text: 'New subscription', buttons: ['stripe_slack.open_dashboard'] },
	'customer.subscription.updated': {
		template: 'subscriptions',
		channels: ['C_BILLING'],
		text: 'Subscription set to cancel',
		buttons: ['stripe_slack.mark_handled'],
		threadOf: 'customer.subscription.created',
	},
	'customer.subscription.deleted': {
		template: 'subscriptions',
		channels: ['C_BILLING'],
		text: 'Subscription canceled',
		buttons: ['stripe_slack.mark_handled'],
		threadOf: 'customer.subscription.created',
	},
	'invoice.paid': { template: 'subscriptions', channels: ['C_BILLING'], text: 'Invoice paid: $10.00', buttons: ['stripe_slack.open_dashboard'] },
	'invoice.payment_failed': {
		template: 'subscriptions',
		channels: ['C_BILLING'],
		text: 'Invoice payment failed: $10.00',
		buttons: ['stripe_slack.retry_payment', 'stripe_slack.send_reminder'],
	},
	'customer.updated': { template: 'subscriptions', channels: ['C_BILLING'], text: 'Customer billing details changed', buttons: ['stripe_slack.mark_handled'] },
};

// Personal and secret data planted in the fixtures (see test/fixtures/stripe/SOURCES.md): none may reach Slack.
export const NEVER_IN_SLACK = ['jenny.rosen@example.com', '+14155550123', '4155550123', '510 Townsend', 'pi_1PgafyB7WZ01zgkWSjxsAJo3_secret', 'Xt5EWLLDS7FJjGDx'];
