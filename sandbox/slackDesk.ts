/**
 * Signed requests the Slack stand-in sends to the app, besides clicks: slash commands (form fields, to the
 * command's Request URL) and message shortcuts (`message_action`, to the interactivity URL). Both are
 * signed like Slack signs them (v0 HMAC over the raw body). A slash command's immediate answer (a JSON or
 * text body) is shown to the user as an ephemeral message, as Slack does.
 */
import { BOT, TEAM } from './seed';
import type { SlackSandbox } from './slack';
import { signedPost, triggerId, type SignedResult } from './slackSigned';
import type { Obj } from './util';

export interface CommandRequest {
	text: string;
	command?: string;
	user_id?: string;
	channel?: string;
}

/** Sends `/stripe <text>` as `user_id` in `channel` to the command's Request URL. */
export async function sendCommand(slack: SlackSandbox, req: CommandRequest): Promise<SignedResult> {
	const user = slack.users.find((u) => u.id === (req.user_id || 'U_BOB'));
	const ch = slack.resolveChannel(req.channel || 'C_GENERAL');
	if (!user) return { status: 0, error: 'user_not_found' };
	if (!ch) return { status: 0, error: 'channel_not_found' };
	const url = slack.opts.commandUrl ?? slack.opts.interactivityUrl;
	if (!url) return { status: 0, error: 'no_command_url' };
	const now = slack.opts.now();
	const responseUrl = slack.newResponseUrl(ch.id, '', user.id, true);
	const fields: Record<string, string> = {
		token: slack.opts.verificationToken,
		team_id: TEAM.id,
		team_domain: TEAM.domain,
		channel_id: ch.id,
		channel_name: ch.name,
		user_id: user.id,
		user_name: user.name,
		command: req.command || '/stripe',
		text: req.text ?? '',
		api_app_id: BOT.app_id,
		is_enterprise_install: 'false',
		response_url: responseUrl,
		trigger_id: triggerId(now),
	};
	const r = await signedPost(url, slack.opts.signingSecret, now, new URLSearchParams(fields).toString(), slack.opts.clickTimeoutMs);
	slack.commands.push({ command: fields.command, text: fields.text, user_id: user.id, channel: ch.id, status: r.status, error: r.error });
	if (r.status === 200 && r.body && r.body.trim()) {
		// Slack shows the immediate answer to the user (ephemeral unless response_type is in_channel).
		let answer: Obj;
		try {
			answer = r.body.trim().startsWith('{') ? JSON.parse(r.body) : { text: r.body };
		} catch {
			answer = { text: r.body };
		}
		const blocks = Array.isArray(answer.blocks) ? answer.blocks : null;
		const text = typeof answer.text === 'string' ? answer.text : '';
		if (text || blocks) slack.ephemeral.push({ channel: ch.id, ts: slack.nextTs(), user: user.id, thread_ts: null, text, blocks });
	}
	return { ...r, response_url: responseUrl };
}

export interface ShortcutRequest {
	channel: string;
	ts: string;
	user_id?: string;
	callback_id?: string;
}

/** Sends the `message_action` payload of a message shortcut used on message `ts` of `channel`. */
export async function sendShortcut(slack: SlackSandbox, req: ShortcutRequest): Promise<SignedResult> {
	const user = slack.users.find((u) => u.id === (req.user_id || 'U_BOB'));
	const ch = slack.resolveChannel(req.channel);
	if (!user) return { status: 0, error: 'user_not_found' };
	if (!ch) return { status: 0, error: 'channel_not_found' };
	const msg = slack.findMessage(ch.id, req.ts);
	if (!msg || msg.deleted) return { status: 0, error: 'message_not_found' };
	const url = slack.opts.interactivityUrl;
	if (!url) return { status: 0, error: 'no_interactivity_url' };
	const now = slack.opts.now();
	const responseUrl = slack.newResponseUrl(ch.id, msg.ts, user.id, false);
	const payload = {
		type: 'message_action',
		callback_id: req.callback_id || 'stripe_slack.lookup',
		trigger_id: triggerId(now),
		action_ts: (now / 1000).toFixed(6),
		message_ts: msg.ts,
		response_url: responseUrl,
		token: slack.opts.verificationToken,
		api_app_id: BOT.app_id,
		is_enterprise_install: false,
		enterprise: null,
		team: { id: TEAM.id, domain: TEAM.domain },
		channel: { id: ch.id, name: ch.name },
		user: { id: user.id, name: user.name, username: user.name, team_id: TEAM.id },
		message: { type: 'message', user: msg.user, bot_id: msg.bot_id ?? undefined, ts: msg.ts, thread_ts: msg.thread_ts ?? undefined, text: msg.text, blocks: msg.blocks ?? undefined },
	};
	const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
	const r = await signedPost(url, slack.opts.signingSecret, now, body, slack.opts.clickTimeoutMs);
	slack.commands.push({ command: `shortcut:${payload.callback_id}`, text: msg.ts, user_id: user.id, channel: ch.id, status: r.status, error: r.error });
	return { ...r, response_url: responseUrl };
}
