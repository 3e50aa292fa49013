import { actionWords } from './slack/actionLabels';
import type { KnownText } from './format/scanners';
import { escapeInline, escapeMrkdwn, mentionUser, scrubbedInline, truncate } from './slack/messageUpdate';

/**
 * The audit note posted in the message's thread after an action: who, what, on which object, when, the
 * Stripe request id and the result. It is meant to be read by people and searched later, so the facts sit
 * in one line of text and again as fields.
 */
export interface AuditInput {
	actionId: string;
	objectId: string;
	userId: string;
	userName?: string;
	at: Date;
	ok: boolean;
	stripeRequestId?: string | null;
	idempotencyKey?: string | null;
	/** "re_123 succeeded" */
	resultSummary?: string | null;
	errorMessage?: string | null;
	errorCode?: string | null;
	replayed?: boolean;
	skipped?: boolean;
	/** Names and streets of the Stripe object concerned, masked in the texts. */
	known?: KnownText;
}

export function auditTimestamp(date: Date): string {
	return `${date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '')} UTC`;
}

export function buildAuditNote(input: AuditInput): { text: string; blocks: Array<Record<string, unknown>> } {
	const words = actionWords(input.actionId);
	const who = mentionUser(input.userId, input.userName);
	const when = auditTimestamp(input.at);
	const object = scrubbedInline(input.objectId || '(none)', input.known);
	const result = input.ok
		? `succeeded${input.resultSummary ? `: ${scrubbedInline(input.resultSummary, input.known)}` : ''}`
		: `failed: ${scrubbedInline(input.errorMessage || 'unknown error', input.known)}${input.errorCode ? ` (${escapeInline(input.errorCode)})` : ''}`;
	const replay = input.replayed ? ' Repeated click: Stripe replayed the first result, nothing was done twice.' : '';
	const request = input.stripeRequestId ? escapeInline(input.stripeRequestId) : input.skipped ? 'no Stripe call' : 'none';
	const text = truncate(
		`Audit: ${who} ${input.ok ? words.verb : `tried: ${words.imperative} —`} ${object} at ${when}. Result: ${result}. Stripe request: ${request}.${replay}`,
		3000,
	);
	const fields = [
		`*Who*\n${who}${input.userName ? ` (${escapeInline(input.userName)})` : ''}`,
		`*What*\n${escapeInline(words.noun)} — \`${escapeMrkdwnCode(input.actionId)}\``,
		`*Object*\n\`${escapeMrkdwnCode(input.objectId || '(none)')}\``,
		`*When*\n${when}`,
		`*Stripe request*\n${input.stripeRequestId ? `\`${escapeMrkdwnCode(input.stripeRequestId)}\`` : request}`,
		`*Result*\n${input.ok ? ':white_check_mark:' : ':x:'} ${result}`,
	].map((t) => ({ type: 'mrkdwn', text: truncate(t, 2000) }));
	const blocks: Array<Record<string, unknown>> = [
		{ type: 'section', block_id: 'stripe_slack_audit', text: { type: 'mrkdwn', text: truncate(`:memo: ${text}`, 3000) } },
		{ type: 'section', block_id: 'stripe_slack_audit_fields', fields },
	];
	if (input.idempotencyKey || replay) {
		blocks.push({
			type: 'context',
			elements: [
				{
					type: 'mrkdwn',
					text: truncate(
						`${input.idempotencyKey ? `Idempotency-Key \`${escapeMrkdwnCode(input.idempotencyKey)}\`` : ''}${replay}`,
						2000,
					),
				},
			],
		});
	}
	return { text, blocks };
}

function escapeMrkdwnCode(text: string): string {
	return escapeMrkdwn(text).replace(/`/g, "'");
}
