import type { Stripe } from '../../sdkTypes';

/** What one Stripe action needs. */
export interface StripeActionContext {
	stripe: Stripe;
	objectId: string;
	/** Sent as Idempotency-Key on every call that changes something. */
	idempotencyKey: string;
	params: StripeActionParams;
	/** Added to objects that support metadata; identical for every click of the same button. */
	metadata: Record<string, string>;
}

export interface StripeActionParams {
	/** Refund: amount in the smallest currency unit (null: full refund). */
	amount?: number | null;
	/** Refund: amount as typed in a modal, in the charge's currency ("12.50"). */
	amountText?: string | null;
	refundReason?: 'requested_by_customer' | 'duplicate' | 'fraudulent' | null;
	cancelAt?: 'periodEnd' | 'now';
	evidenceText?: string | null;
	submitEvidence?: boolean;
}

/** What an action returns when Stripe accepted the call. */
export interface StripeCallResult {
	/** Short text for people: "re_123 succeeded". */
	summary: string;
	/** Main facts of the resulting object. */
	result: Record<string, unknown>;
	stripeRequestId: string | null;
	/** Stripe answered from its idempotency cache (Idempotent-Replayed: true). */
	replayed: boolean;
	/** The object Stripe returned, as plain JSON: output only with "Include Raw Stripe Object". */
	object?: Record<string, unknown> | null;
}

/** Thrown for a click that cannot be acted on (wrong kind of id, missing evidence): becomes ok:false. */
export class ActionInputError extends Error {
	constructor(
		message: string,
		readonly code = 'invalid_input',
	) {
		super(message);
		this.name = 'ActionInputError';
	}
}

type WithLastResponse = { lastResponse?: { requestId?: string; headers?: Record<string, string | string[] | undefined> } };

/** The request facts of a Stripe response, and the object itself as plain JSON (without stripe-node's lastResponse). */
export function callFacts(response: unknown): { stripeRequestId: string | null; replayed: boolean; object: Record<string, unknown> | null } {
	const last = (response as WithLastResponse | null)?.lastResponse;
	const replayedHeader = last?.headers?.['idempotent-replayed'];
	const replayed = (Array.isArray(replayedHeader) ? replayedHeader[0] : replayedHeader) === 'true';
	const object =
		response && typeof response === 'object'
			? (JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(response).filter(([key]) => key !== 'lastResponse')))) as Record<string, unknown>)
			: null;
	return { stripeRequestId: last?.requestId ?? null, replayed, object };
}

export function requireId(objectId: string, prefixes: string[], what: string): string {
	const id = (objectId ?? '').trim();
	if (!id) throw new ActionInputError(`No ${what} id: the button has no value`);
	if (!prefixes.some((p) => id.startsWith(p))) {
		throw new ActionInputError(`"${id.slice(0, 60)}" is not a ${what} id (expected ${prefixes.join(' or ')}…)`);
	}
	return id;
}
