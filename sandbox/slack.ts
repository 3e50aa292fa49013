/**
 * A subset of the Slack Web API at /api/<method> (with chat.postMessage's per-channel rate limit and
 * Block Kit checks), plus the upload URLs of files.getUploadURLExternal. SlackSandbox builds on its
 * state (slackState.ts) and on response_url endpoints and signed `block_actions` clicks sent to an
 * interactivity URL (slackInteractivity.ts).
 *
 * Slack conventions kept: HTTP 200 with `{"ok": false, "error": "..."}` for every error except rate
 * limiting (HTTP 429 + `Retry-After` seconds); form-encoded or JSON bodies; token in
 * `Authorization: Bearer` or a `token` argument; `ts` strings like "1700000000.000100".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BOT, TEAM } from './seed';
import { SlackInteractivity } from './slackInteractivity';
import { parseFlatForm, randomId, sendJson, type Obj } from './util';

export class SlackSandbox extends SlackInteractivity {
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

	private methods: Record<string, (a: Obj) => Obj | { retryAfter: number; channel: string }> = {
		'auth.test': () => ({
			ok: true, url: `${this.opts.baseUrl()}/`, team: TEAM.name, user: BOT.name, team_id: TEAM.id,
			user_id: BOT.user_id, bot_id: BOT.bot_id, is_enterprise_install: false,
		}),

		'chat.postMessage': (a) => {
			const ch = this.resolveChannel(a.channel);
			if (!ch) return this.err('channel_not_found');
			if (ch.is_archived) return this.err('is_archived');
			if (ch.bot_not_member) return this.err('not_in_channel');
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

		'users.list': () => ({
			ok: true,
			members: this.users.map((u) => ({ id: u.id, team_id: TEAM.id, name: u.name, real_name: u.real_name, deleted: false, is_bot: u.id === BOT.user_id, profile: { real_name: u.real_name, display_name: u.name } })),
			response_metadata: { next_cursor: '' },
		}),

		'usergroups.list': () => ({
			ok: true,
			usergroups: Object.values(this.usergroups).map((g) => ({ id: g.id, team_id: TEAM.id, handle: g.handle, name: g.handle, user_count: g.users.length })),
		}),

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
					is_archived: !!ch.is_archived, is_member: !ch.bot_not_member, created: ch.created,
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
}
