/**
 * A subset of the Slack Web API at /api/<method>, plus response_url endpoints, file uploads and
 * signed `block_actions` clicks sent to an interactivity URL.
 *
 * Slack conventions kept: HTTP 200 with `{"ok": false, "error": "..."}` for every error except rate
 * limiting (HTTP 429 + `Retry-After` seconds); form-encoded or JSON bodies; token in
 * `Authorization: Bearer` or a `token` argument; `ts` strings like "1700000000.000100".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseAndValidateBlocks } from './blockkit';
import { BOT, TEAM, seedSlack, type SlackChannel, type SlackUser } from './seed';
import { signedPost, triggerId } from './slackDesk';
import { parseFlatForm, randomId, sendJson, type Obj } from './util';

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

export interface ClickResult {
	status: number; // HTTP status the interactivity URL answered; 0 when it could not be reached
	error?: string;
	body?: string;
	response_url?: string;
	answeredInMs?: number;
}

const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
const RESPONSE_URL_MAX_USES = 5;
const MAX_TEXT = 40000; // chat.postMessage truncates text after 40,000 characters

export class SlackSandbox {
	users: SlackUser[] = [];
	usergroups: Record<string, { id: string; handle: string; users: string[] }> = {};
	channels: SlackChannel[] = [];
	messages: SlackMessage[] = [];
	ephemeral: EphemeralMessage[] = [];
	rejected: { method: string; error: string; channel?: string; messages?: string[] }[] = [];
	clicks: { channel: string; ts: string; action_id: string; user_id: string; status: number; error?: string }[] = [];
	commands: { command: string; text: string; user_id: string; channel: string; status: number; error?: string }[] = [];
	private buckets = new Map<string, { tokens: number; last: number }>();
	private responseUrls = new Map<string, { channel: string; ts: string; user: string; ephemeral: boolean; created: number; uses: number }>();
	private files = new Map<string, { id: string; name: string; length: number; uploaded: number | null }>();
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

	/** Token bucket per channel: `burst` messages at once, then `perSecond`. Returns seconds to wait, or 0. */
	private takeToken(channel: string): number {
		const { burst, perSecond } = this.opts.rateLimit;
		const now = this.opts.now();
		const b = this.buckets.get(channel) ?? { tokens: burst, last: now };
		b.tokens = Math.min(burst, b.tokens + ((now - b.last) / 1000) * perSecond);
		b.last = now;
		this.buckets.set(channel, b);
		if (b.tokens >= 1) {
			b.tokens -= 1;
			return 0;
		}
		return Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
	}

	// ------------------------------------------------------------------ Web API

	/** Handles /api/<method>. `fault` comes from the server's fault settings. */
	async handleApi(method: string, req: IncomingMessage, res: ServerResponse, rawBody: Buffer, fault: '429' | '5xx' | null): Promise<void> {
		const url = new URL(req.url || '/', 'http://sandbox');
		const args: Obj = Object.fromEntries(url.searchParams);
		const ctype = String(req.headers['content-type'] || '');
		const text = rawBody.toString('utf8');
		if (ctype.includes('application/json') && text.trim()) {
			try {
				Object.assign(args, JSON.parse(text));
			} catch {
				return this.fail(res, method, 'invalid_json');
			}
		} else if (ctype.includes('application/x-www-form-urlencoded') || (!ctype && text)) {
			Object.assign(args, parseFlatForm(text));
		}
		const auth = String(req.headers.authorization || '');
		const token = /^Bearer /i.test(auth) ? auth.slice(7).trim() : typeof args.token === 'string' ? args.token : '';
		if (!token) return this.fail(res, method, 'not_authed');
		if (!this.opts.tokens.includes(token)) return this.fail(res, method, 'invalid_auth');

		if (fault === '429') {
			this.rejected.push({ method, error: 'ratelimited' });
			return sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '1' });
		}
		if (fault === '5xx') {
			this.rejected.push({ method, error: 'internal_error' });
			return sendJson(res, 503, { ok: false, error: 'service_unavailable' });
		}

		const handler = this.methods[method];
		if (!handler) return this.fail(res, method, 'unknown_method');
		const out = handler(args);
		if ('retryAfter' in out) {
			this.rejected.push({ method, error: 'ratelimited', channel: out.channel });
			return sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(out.retryAfter) });
		}
		if (out.ok === false) {
			this.rejected.push({ method, error: String(out.error), ...(out.response_metadata ? { messages: out.response_metadata.messages } : {}) });
		}
		sendJson(res, 200, out);
	}

	private fail(res: ServerResponse, method: string, error: string): void {
		this.rejected.push({ method, error });
		sendJson(res, 200, { ok: false, error });
	}

	private err(error: string, extra: Obj = {}): Obj {
		return { ok: false, error, ...extra };
	}

	private blocksOrError(raw: unknown): { blocks: Obj[] | undefined } | { error: Obj } {
		const r = parseAndValidateBlocks(raw);
		if (!r.ok) return { error: this.err(r.error, { errors: r.messages, response_metadata: { messages: r.messages } }) };
		return { blocks: r.blocks };
	}

	private publicMessage(m: SlackMessage): Obj {
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
	private addMessage(channel: string, text: string, blocks: Obj[] | undefined, threadTs: string | null, extra: Partial<SlackMessage> = {}): SlackMessage {
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

	private editMessage(m: SlackMessage, text: string | undefined, blocks: Obj[] | undefined): void {
		m.edits.push({ text: m.text, blocks: m.blocks, edited_at: this.nextTs() });
		if (text !== undefined) m.text = text;
		if (blocks !== undefined) m.blocks = blocks;
	}

	private methods: Record<string, (a: Obj) => Obj | { retryAfter: number; channel: string }> = {
		'auth.test': () => ({
			ok: true, url: `${this.opts.baseUrl()}/`, team: TEAM.name, user: BOT.name, team_id: TEAM.id,
			user_id: BOT.user_id, bot_id: BOT.bot_id, is_enterprise_install: false,
		}),

		'chat.postMessage': (a) => {
			const ch = this.resolveChannel(a.channel);
			if (!ch) return this.err('channel_not_found');
			const wait = this.takeToken(ch.id);
			if (wait) return { retryAfter: wait, channel: ch.id };
			const b = this.blocksOrError(a.blocks);
			if ('error' in b) return b.error;
			const text = typeof a.text === 'string' ? a.text : '';
			if (!text && !b.blocks && !a.attachments) return this.err('no_text');
			const threadTs = a.thread_ts ? String(a.thread_ts) : null;
			const m = this.addMessage(ch.id, text, b.blocks, threadTs);
			return { ok: true, channel: ch.id, ts: m.ts, message: this.publicMessage(m) };
		},

		'chat.update': (a) => {
			const ch = this.resolveChannel(a.channel);
			if (!ch) return this.err('channel_not_found');
			const m = this.findMessage(ch.id, String(a.ts ?? ''));
			if (!m || m.deleted) return this.err('message_not_found');
			if (m.bot_id !== BOT.bot_id) return this.err('cant_update_message');
			const b = this.blocksOrError(a.blocks);
			if ('error' in b) return b.error;
			const text = typeof a.text === 'string' ? a.text : undefined;
			if (text === undefined && b.blocks === undefined) return this.err('no_text');
			this.editMessage(m, text, b.blocks);
			return { ok: true, channel: ch.id, ts: m.ts, text: m.text, message: this.publicMessage(m) };
		},

		'chat.postEphemeral': (a) => {
			const ch = this.resolveChannel(a.channel);
			if (!ch) return this.err('channel_not_found');
			const user = this.users.find((u) => u.id === a.user);
			if (!user) return this.err('user_not_found');
			const b = this.blocksOrError(a.blocks);
			if ('error' in b) return b.error;
			const text = typeof a.text === 'string' ? a.text : '';
			if (!text && !b.blocks) return this.err('no_text');
			const ts = this.nextTs();
			this.ephemeral.push({ channel: ch.id, ts, user: user.id, thread_ts: a.thread_ts ? String(a.thread_ts) : null, text, blocks: b.blocks ?? null });
			return { ok: true, message_ts: ts };
		},

		'chat.delete': (a) => {
			const ch = this.resolveChannel(a.channel);
			if (!ch) return this.err('channel_not_found');
			const m = this.findMessage(ch.id, String(a.ts ?? ''));
			if (!m || m.deleted) return this.err('message_not_found');
			if (m.bot_id !== BOT.bot_id) return this.err('cant_delete_message');
			m.deleted = true;
			return { ok: true, channel: ch.id, ts: m.ts };
		},

		'chat.getPermalink': (a) => {
			const ch = this.resolveChannel(a.channel);
			if (!ch) return this.err('channel_not_found');
			const m = this.findMessage(ch.id, String(a.message_ts ?? ''));
			if (!m) return this.err('message_not_found');
			return { ok: true, channel: ch.id, permalink: `${this.opts.baseUrl()}/archives/${ch.id}/p${m.ts.replace('.', '')}` };
		},

		'users.info': (a) => {
			const u = this.users.find((x) => x.id === a.user);
			if (!u) return this.err('user_not_found');
			return {
				ok: true,
				user: {
					id: u.id, team_id: TEAM.id, name: u.name, real_name: u.real_name, deleted: false, is_admin: !!u.is_admin,
					is_bot: u.id === BOT.user_id, tz: 'Europe/Berlin',
					profile: { real_name: u.real_name, display_name: u.name, email: u.email || undefined, team: TEAM.id },
				},
			};
		},

		'usergroups.users.list': (a) => {
			const g = this.usergroups[String(a.usergroup ?? '')];
			if (!g) return this.err('no_such_subteam');
			return { ok: true, users: [...g.users] };
		},

		'conversations.info': (a) => {
			const ch = this.channels.find((c) => c.id === a.channel);
			if (!ch) return this.err('channel_not_found');
			return {
				ok: true,
				channel: {
					id: ch.id, name: ch.name, is_channel: !ch.id.startsWith('D_'), is_im: ch.id.startsWith('D_'), is_private: ch.is_private,
					is_archived: false, is_member: true, created: ch.created,
					topic: { value: ch.topic, creator: '', last_set: 0 }, purpose: { value: ch.topic, creator: '', last_set: 0 },
				},
			};
		},

		'files.getUploadURLExternal': (a) => {
			const length = Number(a.length);
			if (!a.filename || !Number.isInteger(length) || length < 0) return this.err('invalid_arguments');
			const id = randomId('F', 10).toUpperCase();
			this.files.set(id, { id, name: String(a.filename), length, uploaded: null });
			return { ok: true, upload_url: `${this.opts.baseUrl()}/_sandbox/slack/upload/${id}`, file_id: id };
		},

		'files.completeUploadExternal': (a) => {
			let list: Obj[];
			try {
				list = typeof a.files === 'string' ? JSON.parse(a.files) : a.files;
			} catch {
				return this.err('invalid_arguments');
			}
			if (!Array.isArray(list) || list.length === 0) return this.err('invalid_arguments');
			const out: Obj[] = [];
			for (const f of list) {
				const stored = this.files.get(String(f.id));
				if (!stored || stored.uploaded === null) return this.err('file_not_found');
				out.push({ id: stored.id, name: stored.name, title: f.title ?? stored.name, size: stored.uploaded, mimetype: 'application/octet-stream' });
			}
			if (a.channel_id || a.channels) {
				const ch = this.resolveChannel(a.channel_id ?? String(a.channels).split(',')[0]);
				if (!ch) return this.err('channel_not_found');
				this.addMessage(ch.id, typeof a.initial_comment === 'string' ? a.initial_comment : '', undefined, a.thread_ts ? String(a.thread_ts) : null, { files: out });
			}
			return { ok: true, files: out.map((f) => ({ id: f.id, title: f.title })) };
		},
	};

	/** The upload URL handed out by files.getUploadURLExternal (raw or multipart body). */
	handleUpload(id: string, rawBody: Buffer, res: ServerResponse): void {
		const f = this.files.get(id);
		if (!f) {
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			return void res.end('Not Found');
		}
		f.uploaded = rawBody.length;
		res.writeHead(200, { 'Content-Type': 'text/plain' });
		res.end(`OK - ${rawBody.length}`);
	}

	// ------------------------------------------------------------------ response_url

	newResponseUrl(channel: string, ts: string, user: string, ephemeral: boolean): string {
		const id = randomId('', 24);
		this.responseUrls.set(id, { channel, ts, user, ephemeral, created: this.opts.now(), uses: 0 });
		return `${this.opts.baseUrl()}/_sandbox/slack/response/${TEAM.id}/${id}`;
	}

	/**
	 * A response_url, valid for 30 minutes and 5 uses like Slack's. Accepts JSON
	 * `{text, blocks, replace_original, delete_original, response_type, thread_ts}`.
	 */
	handleResponseUrl(id: string, rawBody: Buffer, res: ServerResponse): void {
		const r = this.responseUrls.get(id);
		const reject = (status: number, error: string) => {
			this.rejected.push({ method: 'response_url', error });
			sendJson(res, status, { ok: false, error });
		};
		if (!r) return reject(404, 'invalid_url');
		if (this.opts.now() - r.created > RESPONSE_URL_TTL_MS) return reject(404, 'expired_url');
		if (r.uses >= RESPONSE_URL_MAX_USES) return reject(404, 'used_url');
		let body: Obj;
		try {
			const t = rawBody.toString('utf8');
			body = t.trim().startsWith('{') ? JSON.parse(t) : JSON.parse(parseFlatForm(t).payload ?? '{}');
		} catch {
			return reject(400, 'invalid_payload');
		}
		r.uses++;
		const truthy = (v: unknown) => v === true || v === 'true';
		const b = this.blocksOrError(body.blocks);
		if ('error' in b) return reject(400, String(b.error.error));
		const text = typeof body.text === 'string' ? body.text : undefined;

		if (truthy(body.delete_original)) {
			if (r.ephemeral) this.ephemeral.filter((e) => e.channel === r.channel && e.ts === r.ts).forEach((e) => (e.deleted = true));
			else {
				const m = this.findMessage(r.channel, r.ts);
				if (m) m.deleted = true;
			}
			return sendJson(res, 200, { ok: true });
		}
		if (text === undefined && b.blocks === undefined) return reject(400, 'no_text');
		if (truthy(body.replace_original)) {
			if (r.ephemeral) {
				const e = this.ephemeral.find((x) => x.channel === r.channel && x.ts === r.ts);
				if (e) {
					if (text !== undefined) e.text = text;
					if (b.blocks !== undefined) e.blocks = b.blocks;
				}
			} else {
				const m = this.findMessage(r.channel, r.ts);
				if (!m || m.deleted) return reject(404, 'message_not_found');
				this.editMessage(m, text ?? '', b.blocks ?? (text !== undefined ? undefined : m.blocks ?? undefined));
				// replace_original with only text drops the old blocks, as Slack does
				if (b.blocks === undefined && text !== undefined) m.blocks = null;
			}
			return sendJson(res, 200, { ok: true });
		}
		const threadTs = body.thread_ts ? String(body.thread_ts) : null;
		if (body.response_type === 'in_channel') this.addMessage(r.channel, text ?? '', b.blocks, threadTs);
		else this.ephemeral.push({ channel: r.channel, ts: this.nextTs(), user: r.user, thread_ts: threadTs, text: text ?? '', blocks: b.blocks ?? null });
		sendJson(res, 200, { ok: true });
	}

	// ------------------------------------------------------------------ clicks

	/** Finds a button by action_id (and block_id when given) in section accessories and actions blocks. */
	private findButton(blocks: Obj[] | null, actionId: string, blockId?: string): { block: Obj; element: Obj } | undefined {
		for (const block of blocks ?? []) {
			if (blockId && block.block_id !== blockId) continue;
			const els: Obj[] = block.type === 'actions' ? block.elements ?? [] : block.accessory ? [block.accessory] : [];
			const el = els.find((e) => e && e.action_id === actionId);
			if (el) return { block, element: el };
		}
		return undefined;
	}

	/**
	 * Sends the signed `block_actions` payload Slack would send when `user_id` clicks the button
	 * `action_id` of message `ts` in `channel`, and returns the status the interactivity URL answered.
	 */
	async click(req: { channel: string; ts: string; action_id: string; block_id?: string; user_id?: string; selected_user?: string }): Promise<ClickResult> {
		const ch = this.resolveChannel(req.channel);
		const userId = req.user_id || 'U_ALICE';
		const user = this.users.find((u) => u.id === userId);
		const record = (r: ClickResult): ClickResult => {
			this.clicks.push({ channel: ch?.id ?? String(req.channel), ts: req.ts, action_id: req.action_id, user_id: userId, status: r.status, error: r.error });
			return r;
		};
		if (!ch) return record({ status: 0, error: 'channel_not_found' });
		if (!user) return record({ status: 0, error: 'user_not_found' });
		const msg = this.findMessage(ch.id, req.ts);
		const eph = msg ? undefined : this.ephemeral.find((e) => e.channel === ch.id && e.ts === req.ts && !e.deleted);
		if ((!msg || msg.deleted) && !eph) return record({ status: 0, error: 'message_not_found' });
		const found = this.findButton(msg ? msg.blocks : eph!.blocks, req.action_id, req.block_id);
		if (!found) return record({ status: 0, error: 'action_not_found' });
		const url = this.opts.interactivityUrl;
		if (!url) return record({ status: 0, error: 'no_interactivity_url' });

		const nowSec = this.opts.now() / 1000;
		const actionTs = nowSec.toFixed(6);
		const responseUrl = this.newResponseUrl(ch.id, req.ts, user.id, !msg);
		const el = found.element;
		const action: Obj = {
			action_id: el.action_id,
			block_id: found.block.block_id ?? '',
			text: el.text,
			value: el.value,
			type: el.type ?? 'button',
			action_ts: actionTs,
		};
		if (el.style) action.style = el.style;
		if (el.url) action.url = el.url;
		if (el.confirm) action.confirm = el.confirm;
		if (el.type === 'users_select') action.selected_user = req.selected_user ?? el.initial_user ?? null;
		const payload: Obj = {
			type: 'block_actions',
			user: { id: user.id, username: user.name, name: user.name, team_id: TEAM.id },
			api_app_id: BOT.app_id,
			token: this.opts.verificationToken,
			container: { type: 'message', message_ts: req.ts, channel_id: ch.id, is_ephemeral: !msg },
			trigger_id: triggerId(this.opts.now()),
			team: { id: TEAM.id, domain: TEAM.domain },
			enterprise: null,
			is_enterprise_install: false,
			channel: { id: ch.id, name: ch.name },
			...(msg ? { message: this.publicMessage(msg) } : {}),
			state: { values: {} },
			response_url: responseUrl,
			actions: [action],
		};
		const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
		const r = await signedPost(url, this.opts.signingSecret, this.opts.now(), body, this.opts.clickTimeoutMs);
		return record({ ...r, response_url: responseUrl });
	}
}
