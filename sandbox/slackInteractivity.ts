/**
 * What the Slack stand-in does for the app's interactivity: response_url endpoints (valid for 30 minutes and
 * 5 uses, like Slack's) and the signed `block_actions` click sent to the interactivity URL. Slash commands
 * and message shortcuts: slackDesk.ts; signing: slackSigned.ts.
 */
import type { ServerResponse } from 'node:http';
import { BOT, TEAM } from './seed';
import { signedPost, triggerId } from './slackSigned';
import { SlackState } from './slackState';
import { parseFlatForm, randomId, sendJson, type Obj } from './util';

export interface ClickResult {
	status: number; // HTTP status the interactivity URL answered; 0 when it could not be reached
	error?: string;
	body?: string;
	response_url?: string;
	answeredInMs?: number;
}

const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
const RESPONSE_URL_MAX_USES = 5;

export class SlackInteractivity extends SlackState {
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
