import type { Stripe } from '../sdkTypes';

import { ACTIONS } from '../actions';
import { isMoneyMoving } from '../slack/actionLabels';
import { clickIdempotencyKey } from '../idempotency';
import type { SlackInteraction } from '../slack/interaction';
import { NOTE_INPUT, REFUND_AMOUNT_INPUT, REFUND_REASON_INPUT, EVIDENCE_INPUT } from '../slack/modal';
import type { ActionOutcome } from '../slack/outcome';
import { refundAmount } from './actions/charge/refund';
import { routeAction } from './actions/router';
import { ActionInputError, type StripeActionParams, type StripeCallResult } from './actions/types';
import { sleep } from '../timers';
import { attemptAsync } from '../attempt';

/**
 * Performs one click's Stripe action and always returns an outcome: a Stripe error or an unusable click
 * becomes ok:false with a clear message, never a thrown error, so that the workflow goes on to tell Slack.
 */

export interface PerformInput {
	stripe: Stripe;
	actionId: string;
	objectId: string;
	/** The click (from Slack Action Trigger); gives the idempotency key, the actor and the metadata. */
	interaction?: SlackInteraction | null;
	/** Explicit parameters (node parameters), overriding what the click implies. */
	params?: StripeActionParams;
	/** Used when there is no click to derive a key from. */
	idempotencyKey?: string;
	/** Money-moving actions need interaction.authorization.allowed === true. */
	requireAuthorization?: boolean;
	/** How long to keep trying while Stripe says another request with the same key is in progress. */
	conflictRetryMs?: number;
	now?: () => Date;
}

/** Calls in progress in this process, by idempotency key: a concurrent same click waits for the first. */
const inFlight = new Map<string, Promise<StripeCallResult>>();

type StripeLikeError = Error & {
	type?: string;
	rawType?: string;
	code?: string;
	decline_code?: string;
	statusCode?: number;
	requestId?: string;
	raw?: unknown;
};

export function describeStripeError(error: StripeLikeError): NonNullable<ActionOutcome['error']> & { requestId: string | null } {
	const type = error.rawType ?? error.type ?? 'error';
	const code = error.code ?? null;
	const base = (error.message || 'Stripe returned an error').trim();
	let message = base;
	if (error.type === 'StripeConnectionError' || type === 'api_connection_error') {
		message = `Could not reach Stripe: ${base}. The action may or may not have happened; clicking again is safe.`;
	} else if (error.type === 'StripeAuthenticationError' || type === 'authentication_error') {
		message = `Stripe refused the API key: ${base}`;
	} else if (error.type === 'StripePermissionError' || type === 'permission_error' || error.statusCode === 403) {
		message = `The Stripe key is not allowed to do this: ${base}`;
	} else if (error.statusCode === 409) {
		message = 'Another request for the same click is still running in Stripe; nothing was done twice. Check again in a moment.';
	} else if (type === 'idempotency_error') {
		message = 'This was already done from this message with different details; nothing was done twice.';
	} else if (type === 'card_error') {
		message = `The card was declined: ${base}${error.decline_code ? ` (${error.decline_code})` : ''}`;
	} else if (error.type === 'StripeRateLimitError' || error.statusCode === 429) {
		message = `Stripe is rate limiting requests; try again in a minute. (${base})`;
	}
	return {
		message,
		type,
		code,
		statusCode: error.statusCode ?? null,
		declineCode: error.decline_code ?? null,
		requestId: error.requestId ?? null,
	};
}

function firstString(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
	return null;
}

/** Reads a modal's inputs (evidence text, refund reason, amount, note) into parameters. */
export function paramsFromInputs(interaction: SlackInteraction | null | undefined): StripeActionParams {
	const inputs = interaction?.inputs ?? {};
	const params: StripeActionParams = {};
	const evidence = firstString(inputs[EVIDENCE_INPUT.actionId]);
	if (evidence) params.evidenceText = evidence;
	const reason = firstString(inputs[REFUND_REASON_INPUT.actionId]);
	if (reason === 'requested_by_customer' || reason === 'duplicate' || reason === 'fraudulent') params.refundReason = reason;
	const amount = firstString(inputs[REFUND_AMOUNT_INPUT.actionId]);
	if (amount && amount.trim()) params.amountText = amount;
	return params;
}

export function noteFromInputs(interaction: SlackInteraction | null | undefined): string | null {
	return firstString(interaction?.inputs?.[NOTE_INPUT.actionId]) || null;
}

function defined<T extends object>(obj: T): Partial<T> {
	return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>;
}

async function callOnce(key: string, run: () => Promise<StripeCallResult>, conflictRetryMs: number): Promise<{ res: StripeCallResult; coalesced: boolean }> {
	const pending = inFlight.get(key);
	if (pending) return { res: await pending, coalesced: true };
	const call = (async () => {
		const deadline = Date.now() + conflictRetryMs;
		for (;;) {
			const tried = await attemptAsync(run);
			if (tried.ok) return tried.value;
			// 409: Stripe is still working on the first request with this key (another n8n process). Wait for it.
			if ((tried.error as StripeLikeError).statusCode !== 409 || Date.now() >= deadline) throw tried.error;
			await sleep(1_000);
		}
	})();
	inFlight.set(key, call);
	try {
		return { res: await call, coalesced: false };
	} finally {
		inFlight.delete(key);
	}
}

export async function performAction(input: PerformInput): Promise<ActionOutcome> {
	const now = input.now ?? (() => new Date());
	const interaction = input.interaction ?? null;
	const performedBy = interaction ? { id: interaction.user.id, name: interaction.user.name } : null;
	const base = {
		action: input.actionId,
		objectId: input.objectId,
		performedBy,
		interaction,
	};
	const failure = (
		error: NonNullable<ActionOutcome['error']>,
		idempotencyKey: string | null,
		stripeRequestId: string | null = null,
		stripeBody?: unknown,
	): ActionOutcome => ({
		ok: false,
		...base,
		stripeRequestId,
		idempotencyKey,
		replayed: false,
		summary: error.message,
		result: null,
		error,
		performedAt: now().toISOString(),
		raw: { object: null, error: stripeBody === undefined ? { ...error } : { ...error, stripe: stripeBody }, interaction },
	});

	const route = routeAction(input.actionId);
	if (!route) {
		return failure(
			{ message: `The button "${input.actionId}" is not one this node knows how to perform`, type: 'unsupported_action', code: null },
			null,
		);
	}

	if (input.requireAuthorization !== false && isMoneyMoving(input.actionId)) {
		const auth = (interaction as unknown as { authorization?: { allowed?: boolean } } | null)?.authorization;
		if (interaction && auth?.allowed !== true) {
			return failure(
				{ message: 'This click was not authorized by the Slack Action Trigger, so nothing was done', type: 'not_authorized', code: null },
				null,
			);
		}
	}

	if (!route.run) {
		return {
			ok: true,
			...base,
			stripeRequestId: null,
			idempotencyKey: null,
			replayed: false,
			skipped: true,
			summary: 'no Stripe call needed',
			result: null,
			error: null,
			performedAt: now().toISOString(),
			raw: { object: null, error: null, interaction },
		};
	}

	const params: StripeActionParams = { ...route.params, ...paramsFromInputs(interaction), ...defined(input.params ?? {}) };
	const metadata: Record<string, string> = {};
	if (interaction) {
		// Identical for every click of this button, whoever clicks: a different value would break the replay.
		metadata.slack_action = input.actionId.slice(0, 500);
		if (interaction.channel) metadata.slack_channel = interaction.channel;
		if (interaction.messageTs) metadata.slack_message_ts = interaction.messageTs;
	}

	let idempotencyKey: string | null = null;
	try {
		// A partial refund's amount is part of the key, so it is resolved first.
		let amount: number | null | undefined;
		const stripeCtx = { stripe: input.stripe, objectId: input.objectId, idempotencyKey: '', params, metadata };
		if (input.actionId === ACTIONS.refund) {
			amount = await refundAmount(stripeCtx, input.objectId);
			params.amount = amount;
			params.amountText = null;
		}
		idempotencyKey =
			(input.idempotencyKey ?? '').trim() ||
			(interaction && interaction.channel && interaction.messageTs
				? clickIdempotencyKey({
						teamId: interaction.team.id,
						channel: interaction.channel,
						messageTs: interaction.messageTs,
						actionId: input.actionId,
						objectId: input.objectId,
						amount: amount ?? null,
					})
				: null);
		if (!idempotencyKey) {
			throw new ActionInputError(
				'No idempotency key: the click has no channel and message, and none was set in the node options',
				'missing_idempotency_key',
			);
		}
		stripeCtx.idempotencyKey = idempotencyKey;
		const run = route.run;
		const { res, coalesced } = await callOnce(idempotencyKey, async () => await run(stripeCtx), input.conflictRetryMs ?? 60_000);
		return {
			ok: true,
			...base,
			stripeRequestId: res.stripeRequestId,
			idempotencyKey,
			replayed: res.replayed || coalesced,
			summary: res.summary,
			result: res.result,
			error: null,
			performedAt: now().toISOString(),
			raw: { object: res.object ?? null, error: null, interaction },
		};
	} catch (error) {
		if (error instanceof ActionInputError) {
			return failure({ message: error.message, type: 'invalid_input', code: error.code }, idempotencyKey);
		}
		const described = describeStripeError(error as StripeLikeError);
		const { requestId, ...rest } = described;
		// stripe-node keeps the error body Stripe sent in `raw`.
		return failure(rest, idempotencyKey, requestId, (error as StripeLikeError).raw);
	}
}
