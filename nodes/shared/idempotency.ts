import { createHash } from 'crypto';

/**
 * The Stripe Idempotency-Key of one click: the same button of the same message acting on the same object
 * gives the same key, whoever clicks and however often Slack delivers it, so Stripe performs the call once
 * and replays its first answer. A partial refund adds its amount, so that a different amount is a different
 * request. The user is deliberately not part of the key: two people clicking Refund make one refund.
 */
export interface ClickIdentity {
	teamId: string;
	channel: string;
	messageTs: string;
	actionId: string;
	objectId: string;
	/** Partial refunds: the amount in the currency's smallest unit. */
	amount?: number | null;
}

export const IDEMPOTENCY_KEY_PREFIX = 'slack-click-v1-';

export function clickIdempotencyKey(click: ClickIdentity): string {
	const parts = [
		'v1',
		click.teamId ?? '',
		click.channel ?? '',
		click.messageTs ?? '',
		click.actionId ?? '',
		click.objectId ?? '',
		click.amount === undefined || click.amount === null ? '' : String(click.amount),
	];
	const digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
	return `${IDEMPOTENCY_KEY_PREFIX}${digest.slice(0, 48)}`;
}
