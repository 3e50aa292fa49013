import type { Stripe } from '../sdkTypes';

import { auditTimestamp } from '../audit';
import { safeStripeId } from '../format/dashboard';
import { escapeMrkdwn, safeText } from '../format/mrkdwn';
import { redactOutgoing } from '../format/redact';
import { clickIdempotencyKey } from '../idempotency';
import { idType } from './query';
import { customerOf, stripeErrorMessage } from './lookup';

/**
 * Team actions on an alert or a card (pure, apart from markContacted's Stripe call): the "Assigned to"
 * line, the redacted escalation summary with a link to the original, the ticket fields, and the customer
 * metadata that records a contact.
 */

type Block = Record<string, unknown>;

const USER_ID = /^[UW][A-Z0-9_]{1,40}$/;
export const mention = (id: string | null | undefined): string => (id && USER_ID.test(id) ? `<@${id}>` : 'someone');
export const isUserId = (id: unknown): id is string => typeof id === 'string' && USER_ID.test(id);

/** The message with "Assigned to @x" (replacing an earlier assignment line) and the picker showing x. */
export function assignedMessage(original: { text: string; blocks: unknown[] }, assignee: string, by: string, at: Date): { text: string; blocks: Block[] } {
	const blocks = (original.blocks ?? [])
		.filter((b): b is Block => !!b && typeof b === 'object' && (b as Block).block_id !== 'desk_assigned')
		.map((b) => {
			if (b.type !== 'actions' || !Array.isArray(b.elements)) return b;
			return { ...b, elements: (b.elements as Block[]).map((e) => (e && e.type === 'users_select' ? { ...e, initial_user: assignee } : e)) };
		});
	const line = `:bust_in_silhouette: Assigned to ${mention(assignee)} by ${mention(by)} at ${auditTimestamp(at)}`;
	blocks.push({ type: 'context', block_id: 'desk_assigned', elements: [{ type: 'mrkdwn', text: line }] });
	const plainLine = line.replace(/<@([A-Z0-9_]+)>/g, '@$1').replace(/^:bust_in_silhouette: /, '');
	const base = (original.text ?? '').split('\nAssigned to ')[0];
	return { text: `${base}\n${plainLine}`.trim().slice(0, 3000), blocks: blocks.slice(-50) };
}

export function assignmentNote(assignee: string, by: string, subject: string | undefined, at: Date): string {
	return `:bust_in_silhouette: ${mention(by)} assigned this${subject ? ` (\`${escapeMrkdwn(subject)}\`)` : ''} to ${mention(assignee)} at ${auditTimestamp(at)}.`;
}

/** Text of the message's header and sections, as people read it (our links become their labels). */
export function messageGist(original: { text: string; blocks: unknown[] }, maxLines = 6): string[] {
	const lines: string[] = [];
	for (const raw of original.blocks ?? []) {
		const b = raw as { type?: string; text?: { text?: string }; fields?: Array<{ text?: string }>; block_id?: string };
		if (b.block_id === 'desk_assigned' || b.block_id === 'stripe_slack_status') continue;
		if ((b.type === 'header' || b.type === 'section') && typeof b.text?.text === 'string') lines.push(b.text.text);
		if (b.type === 'section' && Array.isArray(b.fields)) lines.push(b.fields.map((f) => (f.text ?? '').replace(/\n/g, ': ')).join(' · '));
	}
	if (!lines.length && original.text) lines.push(original.text);
	return lines
		.map((l) =>
			l
				.replace(/<(https?:[^|>]+)\|([^>]*)>/g, '$2')
				.replace(/<[^>]*>/g, '')
				.replace(/&lt;|&gt;/g, ''),
		)
		.map((l) => l.trim())
		.filter(Boolean)
		.slice(0, maxLines);
}

/** The escalation: a redacted summary of the original, who escalated it, a link to it, and an optional group mention. */
export function escalationMessage(input: {
	original: { text: string; blocks: unknown[] };
	by: string;
	permalink: string | null;
	userGroupId?: string | null;
	note?: string | null;
	at: Date;
}): { text: string; blocks: Block[] } {
	// The original is our own (already redacted) message; the scanners run again in case it was not.
	const gist = messageGist(input.original).map((l) => redactOutgoing(l).replace(/[<>]/g, ''));
	const group = input.userGroupId && /^S[A-Z0-9_]{1,40}$/.test(input.userGroupId) ? `<!subteam^${input.userGroupId}> ` : '';
	const head = `${group}:rotating_light: Escalated by ${mention(input.by)} at ${auditTimestamp(input.at)}`;
	const link = input.permalink && /^https?:\/\/[^\s<>|]+$/.test(input.permalink) ? `<${input.permalink}|View the original message>` : 'The original message could not be linked.';
	const blocks: Block[] = [
		{ type: 'section', block_id: 'desk_escalation', text: { type: 'mrkdwn', text: head.slice(0, 3000) } },
		{ type: 'section', block_id: 'desk_escalation_summary', text: { type: 'mrkdwn', text: (gist.length ? gist.map((l) => `> ${l}`).join('\n') : '> (no summary)').slice(0, 3000) } },
	];
	if (input.note) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Note:* ${safeText(input.note)}`.slice(0, 3000) } });
	blocks.push({ type: 'context', block_id: 'desk_escalation_link', elements: [{ type: 'mrkdwn', text: link }] });
	const text = `${head.replace(/<[^>]*>/g, (m) => (m.startsWith('<@') ? m.slice(1, -1) : m.startsWith('<!subteam') ? '@group' : ''))}: ${gist[0] ?? ''}`.slice(0, 3000);
	return { text, blocks };
}

export interface TicketFields {
	title: string;
	description: string;
	customerId: string | null;
	objectId: string | null;
	requestedBy: { id: string; name: string };
	source: { team: string | null; channel: string | null; messageTs: string | null; permalink: string | null };
	createdAt: string;
}

/** The fields of a support ticket for a helpdesk node (redacted text of the alert, ids, who, where). */
export function ticketFields(input: {
	original: { text: string; blocks: unknown[] };
	objectId: string | null;
	customerId: string | null;
	user: { id: string; name: string };
	team: string | null;
	channel: string | null;
	messageTs: string | null;
	permalink: string | null;
	at: Date;
}): TicketFields {
	const gist = messageGist(input.original, 10).map((l) => redactOutgoing(l.replace(/[*_`~]/g, '')));
	const objectId = input.objectId ? (safeStripeId(input.objectId) ?? null) : null;
	return {
		title: (gist[0] ?? `Stripe ${objectId ?? 'alert'}`).replace(/:[a-z0-9_+-]+:\s*/g, '').slice(0, 200),
		description: [...gist.slice(1), input.permalink ? `Slack: ${input.permalink}` : ''].filter(Boolean).join('\n').slice(0, 4000),
		customerId: input.customerId ? (safeStripeId(input.customerId) ?? null) : null,
		objectId,
		requestedBy: { id: input.user.id, name: input.user.name },
		source: { team: input.team, channel: input.channel, messageTs: input.messageTs, permalink: input.permalink },
		createdAt: input.at.toISOString(),
	};
}

export interface ContactedResult {
	ok: boolean;
	customerId: string | null;
	/** The contact was already recorded from this message: nothing was written twice. */
	replayed: boolean;
	metadata: Record<string, string> | null;
	stripeRequestId: string | null;
	idempotencyKey: string | null;
	error: string | null;
}

/**
 * Writes last_contacted_at and last_contacted_by (the agent's Slack id) into the customer's metadata, with
 * an Idempotency-Key per message and object: a second click on the same message writes nothing again.
 */
export async function markContacted(
	stripe: Stripe,
	input: { objectId: string; userId: string; team: string; channel: string | null; messageTs: string | null; at: Date },
): Promise<ContactedResult> {
	const fail = (error: string, customerId: string | null = null, key: string | null = null): ContactedResult => ({
		ok: false, customerId, replayed: false, metadata: null, stripeRequestId: null, idempotencyKey: key, error,
	});
	const type = idType(input.objectId);
	if (!type) return fail(`"${input.objectId.slice(0, 60)}" is not a Stripe id the desk can find a customer for`);
	let key: string | null = null;
	let customerId: string | null = null;
	try {
		customerId = await customerOf(stripe, input.objectId, type);
		if (!customerId) return fail(`${input.objectId} has no customer attached`);
		key =
			input.channel && input.messageTs
				? clickIdempotencyKey({ teamId: input.team, channel: input.channel, messageTs: input.messageTs, actionId: 'stripe_slack.mark_contacted', objectId: customerId })
				: null;
		const metadata = { last_contacted_at: input.at.toISOString(), last_contacted_by: input.userId };
		const updated = await stripe.customers.update(customerId, { metadata }, key ? { idempotencyKey: key } : undefined);
		const last = (updated as unknown as { lastResponse?: { requestId?: string; headers?: Record<string, string> } }).lastResponse;
		return {
			ok: true,
			customerId,
			replayed: last?.headers?.['idempotent-replayed'] === 'true',
			metadata: { last_contacted_at: String(updated.metadata?.last_contacted_at ?? ''), last_contacted_by: String(updated.metadata?.last_contacted_by ?? '') },
			stripeRequestId: last?.requestId ?? null,
			idempotencyKey: key,
			error: null,
		};
	} catch (error) {
		const e = error as Error & { type?: string; rawType?: string; statusCode?: number; code?: string };
		// The same message's key with another time: the contact was recorded by the first click.
		if ((e.rawType ?? e.type) === 'idempotency_error' || e.type === 'StripeIdempotencyError') {
			return { ok: true, customerId, replayed: true, metadata: null, stripeRequestId: null, idempotencyKey: key, error: null };
		}
		return fail(stripeErrorMessage(e), customerId, key);
	}
}
