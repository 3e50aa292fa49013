/**
 * The state of the Slack stand-in (SlackState): users, user groups, channels, messages and ephemeral messages,
 * what was rejected, the clicks and commands sent; ts strings, channel references (as Slack resolves them),
 * and the message helpers the Web API (slack.ts) and response_url (slackInteractivity.ts) share: adding and
 * editing a message, Block Kit checks, a message as the API returns it.
 */
import { parseAndValidateBlocks } from './blockkit';
import { BOT, TEAM, seedSlack, type SlackChannel, type SlackUser } from './seed';
import type { Obj } from './util';

export interface SlackMessage {
	channel: string;
	ts: string;
	thread_ts: string | null;
	text: string;
	blocks: Obj[] | null;
	/** Earlier versions, oldest first, each with the time of the edit that replaced it. */
	edits: { text: string; blocks: Obj[] | null; edited_at: string }[];
	deleted: boolean;
	user: string;
	bot_id: string | null;
	files?: Obj[];
	reply_count?: number;
}

export interface EphemeralMessage {
	channel: string;
	ts: string;
	user: string;
	thread_ts: string | null;
	text: string;
	blocks: Obj[] | null;
	deleted?: boolean;
}

export interface SlackOptions {
	tokens: string[];
	signingSecret: string;
	verificationToken: string;
	interactivityUrl: string | null;
	/** Request URL of the slash commands (default: the interactivity URL). */
	commandUrl?: string | null;
	rateLimit: { burst: number; perSecond: number };
	/** How long a click waits for the interactivity URL (Slack: 3 s). */
	clickTimeoutMs: number;
	now: () => number; // ms
	baseUrl: () => string;
}

const MAX_TEXT = 40000; // chat.postMessage truncates text after 40,000 characters

export class SlackState {
	users: SlackUser[] = [];
	usergroups: Record<string, { id: string; handle: string; users: string[] }> = {};
	channels: SlackChannel[] = [];
	messages: SlackMessage[] = [];
	ephemeral: EphemeralMessage[] = [];
	rejected: { method: string; error: string; channel?: string; messages?: string[] }[] = [];
	clicks: { channel: string; ts: string; action_id: string; user_id: string; status: number; error?: string }[] = [];
	commands: { command: string; text: string; user_id: string; channel: string; status: number; error?: string }[] = [];
	protected buckets = new Map<string, { tokens: number; last: number }>();
	protected responseUrls = new Map<string, { channel: string; ts: string; user: string; ephemeral: boolean; created: number; uses: number }>();
	protected files = new Map<string, { id: string; name: string; length: number; uploaded: number | null }>();
	private lastTsMicros = 0;

	constructor(public opts: SlackOptions) {
		this.reset();
	}

	reset(): void {
		const s = seedSlack();
		this.users = s.users;
		this.usergroups = s.usergroups;
		this.channels = s.channels;
		this.messages = [];
		this.ephemeral = [];
		this.rejected = [];
		this.clicks = [];
		this.commands = [];
		this.buckets.clear();
		this.responseUrls.clear();
		this.files.clear();
	}

	/** Unique, increasing ts strings based on the clock: "1700000000.000100". */
	nextTs(): string {
		const micros = Math.max(this.opts.now() * 1000, this.lastTsMicros + 100);
		this.lastTsMicros = micros;
		const sec = Math.floor(micros / 1e6);
		return `${sec}.${String(Math.floor(micros % 1e6)).padStart(6, '0')}`;
	}

	/** Resolves "C_PAYMENTS", "#payments", "payments" (and a user id, as a DM) like Slack does. */
	resolveChannel(ref: unknown): SlackChannel | undefined {
		if (typeof ref !== 'string' || !ref) return undefined;
		const byId = this.channels.find((c) => c.id === ref);
		if (byId) return byId;
		const name = ref.replace(/^#/, '');
		const byName = this.channels.find((c) => c.name === name);
		if (byName) return byName;
		const user = this.users.find((u) => u.id === ref || `@${u.name}` === ref);
		if (user) {
			const id = `D_${user.id.replace(/^U_/, '')}`;
			let dm = this.channels.find((c) => c.id === id);
			if (!dm) {
				dm = { id, name: `@${user.name}`, is_private: true, topic: `Direct messages with ${user.real_name}`, created: Math.floor(this.opts.now() / 1000) };
				this.channels.push(dm);
			}
			return dm;
		}
		return undefined;
	}

	findMessage(channel: string, ts: string): SlackMessage | undefined {
		return this.messages.find((m) => m.channel === channel && m.ts === ts);
	}

	protected err(error: string, extra: Obj = {}): Obj {
		return { ok: false, error, ...extra };
	}

	protected blocksOrError(raw: unknown): { blocks: Obj[] | undefined } | { error: Obj } {
		const r = parseAndValidateBlocks(raw);
		if (!r.ok) return { error: this.err(r.error, { errors: r.messages, response_metadata: { messages: r.messages } }) };
		return { blocks: r.blocks };
	}

	protected publicMessage(m: SlackMessage): Obj {
		return {
			type: 'message',
			subtype: m.bot_id ? 'bot_message' : undefined,
			text: m.text,
			user: m.user,
			bot_id: m.bot_id ?? undefined,
			app_id: m.bot_id ? BOT.app_id : undefined,
			ts: m.ts,
			thread_ts: m.thread_ts ?? undefined,
			blocks: m.blocks ?? undefined,
			files: m.files,
			team: TEAM.id,
			edited: m.edits.length ? { user: m.user, ts: m.edits[m.edits.length - 1].edited_at } : undefined,
		};
	}

	/** Adds a message to a channel (used by chat.postMessage, response_url and file shares). */
	protected addMessage(channel: string, text: string, blocks: Obj[] | undefined, threadTs: string | null, extra: Partial<SlackMessage> = {}): SlackMessage {
		const m: SlackMessage = {
			channel,
			ts: this.nextTs(),
			thread_ts: threadTs,
			text: text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text,
			blocks: blocks ?? null,
			edits: [],
			deleted: false,
			user: BOT.user_id,
			bot_id: BOT.bot_id,
			...extra,
		};
		this.messages.push(m);
		if (threadTs) {
			const parent = this.findMessage(channel, threadTs);
			if (parent) parent.reply_count = (parent.reply_count ?? 0) + 1;
		}
		return m;
	}

	protected editMessage(m: SlackMessage, text: string | undefined, blocks: Obj[] | undefined): void {
		m.edits.push({ text: m.text, blocks: m.blocks, edited_at: this.nextTs() });
		if (text !== undefined) m.text = text;
		if (blocks !== undefined) m.blocks = blocks;
	}
}
