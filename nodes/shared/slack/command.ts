import { DESK_ACTIONS } from '../desk/actions';
import { queriesInMessage, parseQuery, type LookupQuery } from '../desk/query';
import type { SlackInteraction } from './interaction';

/**
 * Slack's two other kinds of request the support desk answers, normalized like clicks
 * (same fields as SlackInteraction, so the authorization, the outputs and the nodes treat them alike):
 *  - a slash command: form fields command, text, user_id, channel_id, response_url, trigger_id, …
 *    https://api.slack.com/interactivity/slash-commands#app_command_handling
 *  - a message shortcut: payload type `message_action` with the message it was used on
 *    https://api.slack.com/reference/interaction-payloads/shortcuts#message_actions
 */

export type DeskRequestType = 'slash_command' | 'message_action';

export interface DeskRequest extends Omit<SlackInteraction, 'type'> {
	type: DeskRequestType;
	/** "/stripe" for a command, the callback_id for a shortcut. */
	command: string;
	/** What the agent typed (command) or the message's text (shortcut). */
	text: string;
	/** What to look up: one query for a command, those found in the message for a shortcut. */
	queries: LookupQuery[];
}

type Json = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** The form of a slash command, or null when the body is something else (a `payload=` interaction). */
export function parseSlashCommand(rawBody: Buffer | string): DeskRequest | null {
	const form = new URLSearchParams(Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody);
	if (form.has('payload') || !form.get('command')) return null;
	const userId = form.get('user_id') ?? '';
	if (!userId) return null;
	const text = (form.get('text') ?? '').trim();
	const query = parseQuery(text);
	const team = form.get('team_id') ?? '';
	const triggerId = form.get('trigger_id') || null;
	return {
		type: 'slash_command',
		actionId: query.kind === 'noise' ? DESK_ACTIONS.noise : DESK_ACTIONS.lookup,
		value: query.kind === 'id' ? query.id : query.kind === 'email' ? query.email : query.kind === 'noise' ? query.text : '',
		command: form.get('command') ?? '',
		text: text.slice(0, 500),
		queries: [query],
		isLinkButton: false,
		user: { id: userId, name: form.get('user_name') || userId, teamId: team || undefined },
		team: { id: team, domain: form.get('team_domain') || undefined },
		enterpriseId: form.get('enterprise_id') || undefined,
		apiAppId: form.get('api_app_id') || undefined,
		channel: form.get('channel_id') || null,
		channelName: form.get('channel_name') || undefined,
		messageTs: null,
		threadTs: null,
		isEphemeral: false,
		responseUrl: form.get('response_url') || null,
		triggerId,
		message: null,
		view: null,
		inputs: {},
		deliveryKey: ['slash_command', team, userId, triggerId ?? '', form.get('command') ?? '', text].join('|'),
	};
}

function strings(v: unknown, out: string[] = []): string[] {
	if (typeof v === 'string') out.push(v);
	else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
	else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
	return out;
}

/** A message shortcut payload (already parsed from `payload=`), or null for other payload types. */
export function parseMessageShortcut(payload: Json): DeskRequest | null {
	if (payload.type !== 'message_action') return null;
	const user = obj(payload.user);
	const userId = str(user.id);
	if (!userId) return null;
	const team = obj(payload.team);
	const channel = obj(payload.channel);
	const message = obj(payload.message);
	const text = str(message.text);
	const blocks = Array.isArray(message.blocks) ? message.blocks : [];
	// Ids and emails in the text, and in the blocks (our alerts carry ids in button values).
	const queries = queriesInMessage([text, ...strings(blocks)].join('\n'));
	const messageTs = str(payload.message_ts) || str(message.ts) || null;
	const triggerId = str(payload.trigger_id) || null;
	const first = queries[0];
	return {
		type: 'message_action',
		actionId: DESK_ACTIONS.lookup,
		value: first ? (first.kind === 'id' ? first.id : first.kind === 'email' ? first.email : '') : '',
		command: str(payload.callback_id),
		text: text.slice(0, 3000),
		queries,
		isLinkButton: false,
		user: { id: userId, name: str(user.name) || str(user.username) || userId, username: str(user.username) || undefined, teamId: str(user.team_id) || undefined },
		team: { id: str(team.id) || str(user.team_id), domain: str(team.domain) || undefined },
		apiAppId: str(payload.api_app_id) || undefined,
		channel: str(channel.id) || null,
		channelName: str(channel.name) || undefined,
		messageTs,
		threadTs: str(message.thread_ts) && str(message.thread_ts) !== messageTs ? str(message.thread_ts) : null,
		isEphemeral: false,
		responseUrl: str(payload.response_url) || null,
		triggerId,
		message: messageTs ? { ts: messageTs, threadTs: str(message.thread_ts) || undefined, text, blocks } : null,
		view: null,
		inputs: {},
		deliveryKey: ['message_action', str(team.id), userId, triggerId ?? '', str(payload.action_ts), messageTs ?? ''].join('|'),
	};
}
