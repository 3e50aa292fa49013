/**
 * Delivery of one formatted message (no n8n imports): mentions, threads per Stripe object, parent updates,
 * all through the process-wide pacer. The Slack Post node calls `deliver` once per input item, all items
 * at once, so that a burst inside one execution can be coalesced too.
 */
import type { Pacer } from './pacer';
import { resolveThread, type ThreadRecord, type ThreadStore } from './threads';
import type { DeliverySettings, Fate, OutboundMessage, SlackFailure } from './types';

// ------------------------------------------------------------------ mentions

const MENTION_ID = /^[SUW][A-Z0-9_]{2,30}$/;

/**
 * "S0123ABC, U0123ABC" → "<!subteam^S0123ABC> <@U0123ABC>". Only user-group ids (S…) and user ids (U… or
 * W…) in upper case are accepted (underscores too, for the sandbox's U_ALICE); anything else throws.
 */
export function renderMentions(spec: string | undefined): string {
	if (!spec || !spec.trim()) return '';
	const out: string[] = [];
	for (const raw of spec.split(/[,\s]+/)) {
		const id = raw.trim();
		if (!id) continue;
		if (!MENTION_ID.test(id)) {
			throw new Error(
				`Mention "${id.slice(0, 40)}" is not a Slack user group ID (S0123ABC) or user ID (U0123ABC); use IDs, comma-separated, not names or @handles`,
			);
		}
		const m = id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`;
		if (!out.includes(m)) out.push(m);
	}
	return out.join(' ');
}

/** The message with the mentions at the start of its text and in a context block at the top. */
export function withMention(m: OutboundMessage, mention: string): OutboundMessage {
	if (!mention) return m;
	const blocks = Array.isArray(m.blocks) ? [...m.blocks] : [];
	blocks.unshift({ type: 'context', block_id: 'mention', elements: [{ type: 'mrkdwn', text: mention }] });
	// Slack allows 50 blocks: drop the last one(s) of the original message rather than fail.
	while (blocks.length > 50) blocks.splice(blocks.length - 1, 1);
	return { ...m, text: `${mention} ${m.text}`, blocks, mention };
}

// ------------------------------------------------------------------ one delivery

export interface DeliveryRequest {
	message: OutboundMessage;
	/** Thread per Stripe object: the key (e.g. a subscription id). Empty: no thread. */
	threadKey?: string | null;
	/** Update the parent in place (chat.update) instead of replying, when this event is not older. */
	updateParent?: boolean;
	/** Event `created` (unix seconds), for "older never overwrites newer". */
	created: number;
}

export interface DeliveryResult {
	ok: boolean;
	channel: string;
	ts: string | null;
	thread_ts: string | null;
	folded?: { summaryTs: string; count: number };
	parentUpdated?: boolean;
	/** This message became the parent of its thread. */
	threadParent?: boolean;
	notes: string[];
	attempts?: number;
	error?: SlackFailure;
}

export interface DeliveryContext {
	pacer: Pacer;
	settings: DeliverySettings;
	store?: ThreadStore;
	/** Namespace of thread keys (connection + channel are added by `deliver`). */
	namespace?: string;
	/** Lease for creating a parent (ms). Default 5 min. */
	leaseMs?: number;
}

function fromFate(f: Fate, threadTs: string | null): DeliveryResult {
	if ('posted' in f) return { ok: true, channel: f.channel, ts: f.posted, thread_ts: threadTs, notes: [], attempts: f.attempts };
	if ('folded' in f) return { ok: true, channel: f.channel, ts: f.folded.summaryTs, thread_ts: threadTs, folded: f.folded, notes: [] };
	if ('skipped' in f) return { ok: true, channel: f.channel, ts: null, thread_ts: threadTs, notes: [f.skipped] };
	return { ok: false, channel: f.channel, ts: null, thread_ts: threadTs, notes: [], error: f.failed };
}

export async function deliver(ctx: DeliveryContext, req: DeliveryRequest): Promise<DeliveryResult> {
	const { pacer, settings } = ctx;
	const msg = req.message;
	const key = req.threadKey?.trim();
	if (!key || !ctx.store) return fromFate(await pacer.enqueue(msg, settings), null);

	const store = ctx.store;
	const storeKey = `${ctx.namespace ?? ''}${msg.channel}:${key}`;
	let parentFate: Fate | undefined;
	const resolution = await resolveThread(
		store,
		storeKey,
		async (): Promise<ThreadRecord | null> => {
			parentFate = await pacer.enqueue(msg, settings);
			return 'posted' in parentFate ? { channel: parentFate.channel, ts: parentFate.posted, created: req.created } : null;
		},
		{ leaseMs: ctx.leaseMs },
	);

	if (resolution.kind === 'parent') {
		const r = fromFate(parentFate!, null);
		if (r.ok && r.ts && !r.folded) {
			r.thread_ts = r.ts;
			r.threadParent = true;
		}
		return r;
	}
	if (resolution.kind === 'timeout') {
		const r = fromFate(await pacer.enqueue(msg, settings), null);
		r.notes.push('Another execution was still creating the thread parent; posted outside the thread');
		return r;
	}

	const parent = resolution.parent;
	if (req.updateParent) {
		if (req.created >= parent.created && (await store.setIfNewer(storeKey, { ...parent, created: req.created }))) {
			const created = req.created;
			const fate = await pacer.enqueue(
				{
					...msg,
					updateTs: parent.ts,
					foldable: false,
					stillWanted: async () => {
						const now = await store.get(storeKey);
						return !now || now.created <= created;
					},
				},
				settings,
			);
			const r = fromFate(fate, parent.ts);
			r.parentUpdated = r.ok && 'posted' in fate;
			if (r.ok && !r.ts) r.ts = parent.ts;
			return r;
		}
		const stored = await store.get(storeKey);
		const r = fromFate(await pacer.enqueue({ ...msg, thread_ts: parent.ts }, settings), parent.ts);
		r.parentUpdated = false;
		r.notes.push(
			`This event (created ${req.created}) is older than the state shown in the parent (created ${stored?.created ?? parent.created}): posted in the thread, parent left as it is`,
		);
		return r;
	}
	return fromFate(await pacer.enqueue({ ...msg, thread_ts: parent.ts }, settings), parent.ts);
}
