import type { WebClient } from '../sdkTypes';

import { redactOutgoing } from '../format/redact';
import type { KnownText } from '../format/scanners';
import { outcomeKnown } from '../stripe/outcomePrivacy';

import { buildAuditNote } from '../audit';
import type { SlackInteraction } from './interaction';
import { completedMessage, scrubbedInline, statusLine, truncate, type SlackMessageBody } from './messageUpdate';
import type { ActionOutcome } from './outcome';
import { postEphemeralReply, postToResponseUrl } from './slackApi';

/**
 * What Slack Action Response does, apart from n8n. Each function reports how it delivered, and throws a
 * plain Error with Slack's reason when it could not.
 */

export interface SlackTarget {
	client: WebClient;
	apiBaseUrl?: string;
}

export type UpdateMethod = 'auto' | 'responseUrl' | 'chatUpdate';

/** The click, and the outcome of its action when there is one, found in an input item. */
export function resolveInput(json: Record<string, unknown>): { interaction: SlackInteraction | null; outcome: ActionOutcome | null } {
	const isClick = (v: unknown): v is SlackInteraction =>
		!!v &&
		typeof v === 'object' &&
		typeof (v as SlackInteraction).actionId === 'string' &&
		!!(v as SlackInteraction).user &&
		((v as SlackInteraction).type === 'block_actions' || (v as SlackInteraction).type === 'view_submission');
	const outcome = typeof json.ok === 'boolean' && typeof json.action === 'string' ? (json as unknown as ActionOutcome) : null;
	const interaction = outcome?.interaction && isClick(outcome.interaction) ? outcome.interaction : isClick(json) ? json : null;
	return { interaction, outcome };
}

/** The `text` of every text object in blocks a workflow wrote (Post Message), through `redactOutgoing`; links stay. */
export function redactBlockTexts(blocks: unknown, known?: KnownText): unknown {
	if (Array.isArray(blocks)) return blocks.map((b) => redactBlockTexts(b, known));
	if (!blocks || typeof blocks !== 'object') return blocks;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(blocks)) out[k] = k === 'text' && typeof v === 'string' ? redactOutgoing(v, { known }) : redactBlockTexts(v, known);
	return out;
}

/** The status line and the "done" message for an outcome. */
export function doneMessage(
	interaction: SlackInteraction,
	outcome: ActionOutcome | null,
	options: { text?: string; keepButtons?: boolean; originalBlocks?: unknown[]; originalText?: string } = {},
): SlackMessageBody {
	const ok = outcome ? outcome.ok : true;
	const detail = outcome?.result && typeof outcome.result.id === 'string' ? outcome.result.id : null;
	const line = {
		actionId: outcome?.action ?? interaction.actionId,
		userId: outcome?.performedBy?.id ?? interaction.user.id,
		userName: outcome?.performedBy?.name ?? interaction.user.name,
		at: outcome?.performedAt ? new Date(outcome.performedAt) : new Date(),
		ok,
		detail,
		errorMessage: outcome?.error?.message ?? null,
		replayed: outcome?.replayed,
		known: outcomeKnown(outcome),
	};
	const body = completedMessage({
		...line,
		originalText: options.originalText ?? interaction.message?.text ?? '',
		originalBlocks: options.originalBlocks ?? interaction.message?.blocks ?? [],
		keepButtons: options.keepButtons,
	});
	if (options.text) {
		// A custom status text replaces the generated line (escaped: it is text, not markup).
		const last = body.blocks[body.blocks.length - 1] as { elements: Array<{ text: string }> };
		// The fallback text too (#29: it went out as typed): the same redaction as every text that leaves.
		const status = scrubbedInline(options.text, outcomeKnown(outcome));
		last.elements[0].text = truncate(status, 2900);
		body.text = truncate(`${options.originalText ?? interaction.message?.text ?? ''}\n${status}`.trim(), 3900);
	}
	return body;
}

async function originalFromHistory(target: SlackTarget, interaction: SlackInteraction): Promise<{ text: string; blocks: unknown[] } | null> {
	if (!interaction.channel || !interaction.messageTs) return null;
	try {
		const res = await target.client.conversations.history({
			channel: interaction.channel,
			latest: interaction.messageTs,
			inclusive: true,
			limit: 1,
		});
		const message = res.messages?.find((m) => m.ts === interaction.messageTs);
		return message ? { text: message.text ?? '', blocks: (message.blocks as unknown[]) ?? [] } : null;
	} catch {
		return null;
	}
}

/**
 * Replaces the original message (for example its buttons by "Refunded by … : succeeded"). `auto` uses
 * chat.update for a normal message and the response_url for an ephemeral one, and falls back to the other.
 */
export async function updateOriginalMessage(
	target: SlackTarget,
	interaction: SlackInteraction,
	outcome: ActionOutcome | null,
	options: { method?: UpdateMethod; text?: string; keepButtons?: boolean } = {},
): Promise<{ via: 'chat.update' | 'response_url' | 'thread_reply'; ts: string | null }> {
	let original: { text: string; blocks: unknown[] } | null = interaction.message
		? { text: interaction.message.text, blocks: interaction.message.blocks }
		: null;
	if (!original) original = await originalFromHistory(target, interaction);
	if (!original) {
		// A modal submission carries no copy of the message: report in its thread instead of overwriting it.
		if (!interaction.channel) throw new Error('The click has neither the original message nor a channel to reply in');
		const body = doneMessage(interaction, outcome, { text: options.text, originalBlocks: [], originalText: '' });
		const res = await target.client.chat.postMessage({
			channel: interaction.channel,
			text: body.text,
			blocks: body.blocks as never,
			...(interaction.messageTs ? { thread_ts: interaction.threadTs ?? interaction.messageTs } : {}),
		});
		return { via: 'thread_reply', ts: res.ts ?? null };
	}
	const body = doneMessage(interaction, outcome, {
		text: options.text,
		keepButtons: options.keepButtons,
		originalBlocks: original.blocks,
		originalText: original.text,
	});
	const method = options.method ?? 'auto';
	const viaApi = async () => {
		if (!interaction.channel || !interaction.messageTs) throw new Error('no channel and message ts for chat.update');
		const res = await target.client.chat.update({
			channel: interaction.channel,
			ts: interaction.messageTs,
			text: body.text,
			blocks: body.blocks as never,
		});
		return { via: 'chat.update' as const, ts: (res.ts as string | undefined) ?? interaction.messageTs };
	};
	const viaUrl = async () => {
		if (!interaction.responseUrl) throw new Error('no response_url');
		await postToResponseUrl(
			interaction.responseUrl,
			{ replace_original: true, text: body.text, blocks: body.blocks },
			{ apiBaseUrl: target.apiBaseUrl },
		);
		return { via: 'response_url' as const, ts: interaction.messageTs };
	};
	const order =
		method === 'responseUrl'
			? [viaUrl]
			: method === 'chatUpdate'
				? [viaApi]
				: interaction.isEphemeral || !interaction.channel || !interaction.messageTs
					? [viaUrl, viaApi]
					: [viaApi, viaUrl];
	const errors: string[] = [];
	for (const attempt of order) {
		try {
			return await attempt();
		} catch (error) {
			errors.push((error as Error).message);
		}
	}
	throw new Error(`Could not update the original message: ${errors.join('; ')}`);
}

/** The reply in the message's thread that records who did what, when, with which Stripe request and result. */
export async function addAuditNote(
	target: SlackTarget,
	interaction: SlackInteraction,
	outcome: ActionOutcome | null,
	options: { note?: string; channel?: string } = {},
): Promise<{ channel: string; ts: string | null; text: string }> {
	const channel = options.channel || interaction.channel;
	if (!channel) throw new Error('No channel to post the audit note in');
	const note = buildAuditNote({
		actionId: outcome?.action ?? interaction.actionId,
		objectId: outcome?.objectId ?? interaction.value,
		userId: outcome?.performedBy?.id ?? interaction.user.id,
		userName: outcome?.performedBy?.name ?? interaction.user.name,
		at: outcome?.performedAt ? new Date(outcome.performedAt) : new Date(),
		ok: outcome ? outcome.ok : true,
		stripeRequestId: outcome?.stripeRequestId ?? null,
		idempotencyKey: outcome?.idempotencyKey ?? null,
		resultSummary: outcome?.summary ?? null,
		errorMessage: outcome?.error?.message ?? null,
		errorCode: outcome?.error?.code ?? null,
		replayed: outcome?.replayed,
		skipped: outcome?.skipped,
		known: outcomeKnown(outcome),
	});
	const blocks = [...note.blocks];
	if (options.note) {
		blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*Note:* ${scrubbedInline(options.note, outcomeKnown(outcome))}`, 3000) } });
	}
	const threadTs = interaction.isEphemeral ? null : (interaction.threadTs ?? interaction.messageTs);
	const res = await target.client.chat.postMessage({
		channel,
		text: note.text,
		blocks: blocks as never,
		...(threadTs && channel === interaction.channel ? { thread_ts: threadTs } : {}),
		unfurl_links: false,
		unfurl_media: false,
	});
	return { channel, ts: res.ts ?? null, text: note.text };
}

export function outcomeText(interaction: SlackInteraction, outcome: ActionOutcome | null): string {
	if (!outcome) return 'Done.';
	const line = statusLine({
		actionId: outcome.action,
		userId: outcome.performedBy?.id ?? interaction.user.id,
		userName: outcome.performedBy?.name ?? interaction.user.name,
		at: new Date(outcome.performedAt),
		ok: outcome.ok,
		detail: outcome.result && typeof outcome.result.id === 'string' ? outcome.result.id : null,
		errorMessage: outcome.error?.message ?? null,
		replayed: outcome.replayed,
		known: outcomeKnown(outcome),
	});
	return outcome.ok ? line : `:warning: ${line}`;
}

export async function postEphemeral(
	target: SlackTarget,
	interaction: SlackInteraction,
	text: string,
	options: { userId?: string; known?: KnownText } = {},
): Promise<{ via: string }> {
	const via = await postEphemeralReply(
		{
			client: target.client,
			apiBaseUrl: target.apiBaseUrl,
			channel: interaction.isEphemeral ? null : interaction.channel,
			userId: options.userId || interaction.user.id,
			responseUrl: interaction.responseUrl,
			threadTs: interaction.threadTs,
		},
		{ text: redactOutgoing(text, { known: options.known }) },
	);
	return { via };
}

export async function postMessage(
	target: SlackTarget,
	message: { channel: string; text: string; blocks?: unknown[]; threadTs?: string | null; known?: KnownText },
): Promise<{ channel: string; ts: string | null }> {
	const res = await target.client.chat.postMessage({
		channel: message.channel,
		text: redactOutgoing(message.text, { known: message.known }),
		...(message.blocks && message.blocks.length ? { blocks: redactBlockTexts(message.blocks, message.known) as never } : {}),
		...(message.threadTs ? { thread_ts: message.threadTs } : {}),
	});
	return { channel: (res.channel as string | undefined) ?? message.channel, ts: res.ts ?? null };
}

/** Update + audit note + ephemeral on failure: the default "Report Action Result". */
export async function reportResult(
	target: SlackTarget,
	interaction: SlackInteraction,
	outcome: ActionOutcome | null,
	options: { method?: UpdateMethod; auditNote?: boolean; ephemeralOnFailure?: boolean; ephemeralOnSuccess?: boolean; note?: string } = {},
): Promise<{ ok: boolean; updated: unknown; auditNote: unknown; ephemeral: unknown; errors: string[] }> {
	const errors: string[] = [];
	const attempt = async <T>(fn: () => Promise<T>): Promise<T | null> => {
		try {
			return await fn();
		} catch (error) {
			errors.push((error as Error).message);
			return null;
		}
	};
	const updated = await attempt(async () => await updateOriginalMessage(target, interaction, outcome, { method: options.method }));
	const auditNote =
		options.auditNote === false ? null : await attempt(async () => await addAuditNote(target, interaction, outcome, { note: options.note }));
	const failed = outcome ? !outcome.ok : false;
	const wantEphemeral = failed ? options.ephemeralOnFailure !== false : options.ephemeralOnSuccess === true;
	const ephemeral = wantEphemeral ? await attempt(async () => await postEphemeral(target, interaction, outcomeText(interaction, outcome))) : null;
	return { ok: errors.length === 0, updated, auditNote, ephemeral, errors };
}
