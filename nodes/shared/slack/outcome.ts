import type { SlackInteraction } from './interaction';

/** What the Stripe Action node outputs for one click, and what Slack Action Response reports. */
export interface ActionOutcome {
	ok: boolean;
	/** The action_id that was performed (stripe_slack.refund, …). */
	action: string;
	objectId: string;
	/** Stripe's request id of the call (req_…), when a call was made. */
	stripeRequestId: string | null;
	idempotencyKey: string | null;
	/** True when Stripe (or this process) replayed an earlier identical call instead of doing it again. */
	replayed: boolean;
	/** No Stripe call was needed (mark handled, link button). */
	skipped?: boolean;
	/** Short human text: "re_123 succeeded", "invoice in_123 paid". */
	summary: string;
	result?: Record<string, unknown> | null;
	error?: { message: string; type: string; code?: string | null; statusCode?: number | null; declineCode?: string | null } | null;
	performedBy?: { id: string; name: string } | null;
	performedAt: string;
	interaction?: SlackInteraction | null;
	/**
	 * The unredacted values. performAction fills it; the Stripe Action node outputs it only when
	 * "Include Raw Stripe Object" is on (see stripe/outcomePrivacy.ts), and redacts the fields above otherwise.
	 */
	raw?: ActionOutcomeRaw;
}

/** What "Include Raw Stripe Object" adds to the output: may hold personal data. */
export interface ActionOutcomeRaw {
	/** The Stripe object the action returned (refund, invoice, subscription, dispute), as Stripe sent it. */
	object: Record<string, unknown> | null;
	/** The error before scanning: its message as written, and the error body Stripe sent (`stripe`), if any. */
	error: (NonNullable<ActionOutcome['error']> & { stripe?: unknown }) | null;
	/** The click as it came in, with the modal inputs as typed. */
	interaction: SlackInteraction | null;
}
