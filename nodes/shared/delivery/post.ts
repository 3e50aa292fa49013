/**
 * Slack Post's run, without n8n (the node reads its parameters and hands items here):
 *  - `openDelivery`: the pacer, thread store and namespace of one Slack connection, or a settings error;
 *  - `startPost`: one input item checked and queued for delivery (or an input error, kept for its output item);
 *  - `postOutput`: the output item of a delivered job, or the failure to report.
 */
import { createHash } from 'crypto';

import { deliver, withMention, type DeliveryContext, type DeliveryRequest, type DeliveryResult } from './deliver';
import { createdOf, threadKeyFor, type ThreadBy } from './items';
import { connectionKey, sharedPacer } from './pacer';
import { createDeliveryClient, slackTransport } from './slackTransport';
import { choosePacing, chooseThreadStore, type PacingChoice, type ThreadStoreChoice } from './stores';
import type { ThreadStore } from './threads';
import type { DeliveryMetadata, DeliverySettings, OutboundMessage } from './types';
import type { JsonObject } from '../webhook';

/** The delivery of one Slack connection (API base URL + bot token); a string is a settings error for the user. */
export function openDelivery(input: {
	botToken: string;
	apiBaseUrl: string;
	settings: DeliverySettings;
	threaded: boolean;
	threadStore?: ThreadStoreChoice;
	pacingStore?: PacingChoice;
	redisUrl: string;
}): DeliveryContext | string {
	const { botToken, apiBaseUrl, redisUrl } = input;
	let store: ThreadStore | undefined;
	if (input.threaded) {
		const chosen = chooseThreadStore(input.threadStore ?? 'automatic', redisUrl);
		if (typeof chosen === 'string') return chosen;
		store = chosen;
	}
	const connection = connectionKey(apiBaseUrl, botToken);
	const gates = choosePacing(input.pacingStore ?? 'automatic', redisUrl, connection);
	if (typeof gates === 'string') return gates;
	const pacer = sharedPacer(apiBaseUrl, botToken, () => slackTransport(createDeliveryClient({ botToken, apiBaseUrl })), gates);
	return { pacer, settings: input.settings, store, namespace: deliveryNamespace(apiBaseUrl, botToken) };
}

/** The namespace of a Slack connection in the thread store and the outbox (never the token itself). */
export function deliveryNamespace(apiBaseUrl: string, botToken: string): string {
	return `${createHash('sha256').update(connectionKey(apiBaseUrl, botToken)).digest('hex').slice(0, 16)}:`;
}

/** One item on its way to Slack. */
export interface PostJob {
	channel: string;
	message?: OutboundMessage;
	metadata: JsonObject;
	notes: string[];
	hasChart: boolean;
	result?: Promise<DeliveryResult>;
	inputError?: string;
}

/** Check one input item and queue it; never throws (a problem becomes the job's input error). */
export function startPost(
	delivery: DeliveryContext,
	item: { json: JsonObject; hasChart: boolean },
	how: {
		channel: () => string;
		threadBy: ThreadBy;
		customKey: () => string;
		updateParent: boolean;
		mention: string;
		/** Sends instead of `deliver` (the outbox's write-ahead send, outbox.ts). */
		send?: (req: DeliveryRequest) => Promise<DeliveryResult>;
	},
): PostJob {
	const json = item.json ?? {};
	const metadata = (json.metadata && typeof json.metadata === 'object' ? json.metadata : {}) as JsonObject;
	const job: PostJob = { channel: '', metadata, notes: [], hasChart: item.hasChart };
	try {
		job.channel = how.channel().trim();
		const text = typeof json.text === 'string' ? json.text : '';
		const blocks = Array.isArray(json.blocks) ? (json.blocks as unknown[]) : undefined;
		if (!job.channel) {
			job.inputError = 'No channel: set "Channel" or give the item a "channel" field';
			return job;
		}
		if (!text && !blocks?.length) {
			job.inputError = 'The item has no "text" or "blocks" to post (connect the Stripe Block Kit node before this one)';
			return job;
		}
		const threadKey = threadKeyFor(how.threadBy, metadata, how.threadBy === 'custom' ? how.customKey() : '');
		const { created, known } = createdOf(json, metadata);
		if (how.updateParent && !known) job.notes.push('The item has no event "created" time: its arrival time is used to order parent updates');
		job.message = withMention(
			{
				channel: job.channel,
				text: text || ' ',
				...(blocks ? { blocks } : {}),
				metadata: metadata as DeliveryMetadata,
				...(job.hasChart ? { foldable: false } : {}),
			},
			how.mention,
		);
		const req: DeliveryRequest = { message: job.message, threadKey, updateParent: how.updateParent, created };
		job.result = how.send ? how.send(req) : deliver(delivery, req);
	} catch (error) {
		job.inputError = (error as Error).message;
	}
	return job;
}

/**
 * The output of a job: `ok` with the posted message's place in Slack, or `failed` with the item to output
 * under "Continue On Fail" and the words of the error to raise otherwise.
 */
export function postOutput(
	job: PostJob,
	r: DeliveryResult | undefined,
	inputText: unknown,
): { ok: JsonObject } | { failed: JsonObject; error: string; description: string } {
	const notes = [...job.notes, ...(r?.notes ?? [])];
	if (r?.ok) {
		const json: JsonObject = { ok: true, channel: r.channel, ts: r.ts, thread_ts: r.thread_ts };
		if (r.folded) json.folded = { ...r.folded };
		if (r.parentUpdated !== undefined) json.parentUpdated = r.parentUpdated;
		if (r.threadParent) json.threadParent = true;
		if (notes.length) json.warnings = notes;
		json.metadata = job.metadata;
		return { ok: json };
	}
	const error = r?.error ?? { code: 'invalid_input', message: job.inputError ?? 'unknown error', attempts: 0 };
	const text = job.message?.text ?? (typeof inputText === 'string' ? inputText : '');
	return {
		failed: {
			ok: false,
			error: { code: error.code, message: error.message, attempts: error.attempts },
			message: { channel: job.channel, text, blocks: job.message?.blocks ?? [] },
			metadata: job.metadata,
			...(notes.length ? { warnings: notes } : {}),
		},
		error: `Slack did not take the message: ${error.code} — ${error.message}`,
		description: `Channel: ${job.channel || '(none)'}\nText: ${text.slice(0, 2000)}`,
	};
}
