/**
 * Parses Slack's interactive request (form-encoded `payload=<JSON>`) and normalizes the two kinds this
 * package handles, `block_actions` (a button click) and `view_submission` (a modal's Submit), into one shape.
 * https://api.slack.com/reference/interaction-payloads
 */
import { attempt } from '../attempt';

export type InteractionType = 'block_actions' | 'view_submission';

export interface SlackUserRef {
	id: string;
	name: string;
	username?: string;
	teamId?: string;
}

export interface SlackMessageRef {
	ts: string;
	threadTs?: string;
	text: string;
	blocks: unknown[];
}

export interface SlackViewRef {
	id: string;
	callbackId: string;
	privateMetadata: string;
	hash?: string;
	/** Every input of the modal as "block_id.action_id" → value. */
	values: Record<string, string | string[] | null>;
}

export interface SlackInteraction {
	type: InteractionType;
	/** The clicked element's action_id; for a modal, the action the modal was opened for (or its callback_id). */
	actionId: string;
	/** The clicked button's value (a Stripe object id for this package's buttons). */
	value: string;
	blockId?: string;
	actionTs?: string;
	/** A link button (it has a url): Slack still reports the click, there is nothing to do. */
	isLinkButton: boolean;
	user: SlackUserRef;
	team: { id: string; domain?: string };
	enterpriseId?: string;
	apiAppId?: string;
	channel: string | null;
	channelName?: string;
	messageTs: string | null;
	/** The thread the original message lives in, if any. */
	threadTs: string | null;
	isEphemeral: boolean;
	responseUrl: string | null;
	triggerId: string | null;
	message: SlackMessageRef | null;
	view: SlackViewRef | null;
	/** Modal inputs by action_id (convenience copy of view.values). */
	inputs: Record<string, string | string[] | null>;
	/** Identifies one delivery of one user gesture: equal for Slack's repeated deliveries of it. */
	deliveryKey: string;
}

export class InteractionParseError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InteractionParseError';
	}
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function str(value: unknown): string {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function optStr(value: unknown): string | undefined {
	const s = str(value);
	return s ? s : undefined;
}

/** Turns the raw form body into Slack's JSON payload. */
export function parseInteractionBody(rawBody: Buffer | string): Json {
	const text = Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody;
	const form = new URLSearchParams(text);
	const payload = form.get('payload');
	if (payload === null) throw new InteractionParseError('The request has no "payload" form field');
	const json = attempt(() => JSON.parse(payload) as unknown);
	if (!json.ok) throw new InteractionParseError('The "payload" form field is not valid JSON');
	const parsed = json.value;
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new InteractionParseError('The "payload" form field is not a JSON object');
	}
	return parsed as Json;
}

/** Metadata this package's modals carry in private_metadata, so that a submission knows which click it answers. */
export interface ModalMetadata {
	/** action_id */
	a: string;
	/** Stripe object id */
	v: string;
	/** channel */
	c?: string;
	/** message ts */
	ts?: string;
	/** thread ts */
	tt?: string;
	/** response_url of the click (valid 30 minutes) */
	r?: string;
	/** team id */
	tm?: string;
	/** original message was ephemeral */
	e?: boolean;
}

export function encodeModalMetadata(meta: ModalMetadata): string {
	const text = JSON.stringify(meta);
	// private_metadata is limited to 3000 characters; the response_url is the only optional long part.
	if (text.length > 3000) return JSON.stringify({ ...meta, r: undefined });
	return text;
}

export function decodeModalMetadata(text: string): ModalMetadata | null {
	if (!text || text[0] !== '{') return null;
	try {
		const meta = JSON.parse(text) as Json;
		if (typeof meta.a !== 'string' || typeof meta.v !== 'string') return null;
		return meta as unknown as ModalMetadata;
	} catch {
		return null;
	}
}

function inputValue(element: Json): string | string[] | null {
	if (typeof element.value === 'string') return element.value;
	if (element.value === null) return null;
	const selected = obj(element.selected_option);
	if (typeof selected.value === 'string') return selected.value;
	if (Array.isArray(element.selected_options)) {
		return element.selected_options.map((o) => str(obj(o).value));
	}
	for (const key of ['selected_date', 'selected_time', 'selected_user', 'selected_channel', 'selected_conversation']) {
		if (typeof element[key] === 'string') return element[key] as string;
	}
	if (typeof element.selected_date_time === 'number') return String(element.selected_date_time);
	for (const key of ['selected_users', 'selected_channels', 'selected_conversations']) {
		if (Array.isArray(element[key])) return (element[key] as unknown[]).map(str);
	}
	return null;
}

function flattenState(state: unknown): {
	values: Record<string, string | string[] | null>;
	inputs: Record<string, string | string[] | null>;
} {
	const values: Record<string, string | string[] | null> = {};
	const inputs: Record<string, string | string[] | null> = {};
	const blocks = obj(obj(state).values);
	for (const [blockId, actions] of Object.entries(blocks)) {
		for (const [actionId, element] of Object.entries(obj(actions))) {
			const v = inputValue(obj(element));
			values[`${blockId}.${actionId}`] = v;
			inputs[actionId] = v;
		}
	}
	return { values, inputs };
}

function userRef(raw: unknown): SlackUserRef {
	const u = obj(raw);
	const id = str(u.id);
	if (!id) throw new InteractionParseError('The payload has no user id');
	return {
		id,
		name: str(u.name) || str(u.username) || id,
		username: optStr(u.username),
		teamId: optStr(u.team_id),
	};
}

/** Normalizes a parsed payload; throws InteractionParseError for kinds this package does not handle. */
export function normalizeInteraction(payload: Json): SlackInteraction {
	const type = str(payload.type);
	const team = obj(payload.team);
	const enterprise = obj(payload.enterprise);
	const base = {
		user: userRef(payload.user),
		team: { id: str(team.id) || str(obj(payload.user).team_id), domain: optStr(team.domain) },
		enterpriseId: optStr(enterprise.id) ?? optStr(team.enterprise_id),
		apiAppId: optStr(payload.api_app_id),
		triggerId: optStr(payload.trigger_id) ?? null,
	};

	if (type === 'block_actions') {
		const actions = Array.isArray(payload.actions) ? payload.actions : [];
		if (actions.length === 0) throw new InteractionParseError('The block_actions payload has no actions');
		const action = obj(actions[0]);
		const actionId = str(action.action_id);
		if (!actionId) throw new InteractionParseError('The clicked element has no action_id');
		const container = obj(payload.container);
		const channel = obj(payload.channel);
		const message = payload.message ? obj(payload.message) : null;
		const channelId = str(channel.id) || str(container.channel_id) || null;
		const messageTs = str(container.message_ts) || (message ? str(message.ts) : '') || null;
		const threadTs = (message ? str(message.thread_ts) : '') || str(container.thread_ts) || null;
		const value = inputValue(action);
		const state = flattenState(payload.state);
		return {
			type: 'block_actions',
			actionId,
			value: Array.isArray(value) ? value.join(',') : (value ?? ''),
			blockId: optStr(action.block_id),
			actionTs: optStr(action.action_ts),
			isLinkButton: typeof action.url === 'string' && action.url !== '',
			...base,
			channel: channelId,
			channelName: optStr(channel.name),
			messageTs,
			threadTs: threadTs && threadTs !== messageTs ? threadTs : null,
			isEphemeral: container.is_ephemeral === true,
			responseUrl: optStr(payload.response_url) ?? null,
			message: message
				? {
						ts: str(message.ts),
						threadTs: optStr(message.thread_ts),
						text: str(message.text),
						blocks: Array.isArray(message.blocks) ? message.blocks : [],
					}
				: null,
			view: null,
			inputs: state.inputs,
			deliveryKey: ['block_actions', base.team.id, base.user.id, base.triggerId ?? '', str(action.action_ts), actionId, messageTs ?? ''].join('|'),
		};
	}

	if (type === 'view_submission') {
		const view = obj(payload.view);
		const callbackId = str(view.callback_id);
		const privateMetadata = str(view.private_metadata);
		const meta = decodeModalMetadata(privateMetadata);
		const state = flattenState(view.state);
		const responseUrls = Array.isArray(payload.response_urls) ? payload.response_urls : [];
		const firstResponseUrl = optStr(obj(responseUrls[0]).response_url);
		return {
			type: 'view_submission',
			actionId: meta?.a || callbackId,
			value: meta?.v ?? '',
			isLinkButton: false,
			...base,
			team: { ...base.team, id: base.team.id || meta?.tm || '' },
			channel: meta?.c ?? (optStr(obj(responseUrls[0]).channel_id) || null),
			messageTs: meta?.ts ?? null,
			threadTs: meta?.tt ?? null,
			isEphemeral: meta?.e === true,
			responseUrl: firstResponseUrl ?? meta?.r ?? null,
			message: null,
			view: {
				id: str(view.id),
				callbackId,
				privateMetadata,
				hash: optStr(view.hash),
				values: state.values,
			},
			inputs: state.inputs,
			deliveryKey: ['view_submission', base.team.id, base.user.id, str(view.id), str(view.hash), base.triggerId ?? ''].join('|'),
		};
	}

	throw new InteractionParseError(`Unsupported interaction type "${type || '(none)'}"`);
}

export function parseInteraction(rawBody: Buffer | string): SlackInteraction {
	return normalizeInteraction(parseInteractionBody(rawBody));
}

export function matchesPrefix(actionId: string, prefixes: string[]): boolean {
	const list = prefixes.map((p) => p.trim()).filter((p) => p !== '');
	if (list.length === 0) return true;
	return list.some((p) => actionId.startsWith(p));
}
