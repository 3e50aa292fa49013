import type { Stripe, WebClient } from '../sdkTypes';

import { accessLogEntry, accessLogMessage, lookupSubject, type AccessLogEntry, type AccessResult } from './accessLog';
import { DESK_ACTIONS, LOOKUP_ACTIONS, TEAM_ACTIONS } from './actions';
import { objectIdOfTeamBlock } from './buttons';
import { buildAnswer, buildCard, buildChoices, type DeskMessage } from './card';
import { lookup, type LookupResult } from './lookup';
import type { LookupQuery } from './query';
import { assignedMessage, assignmentNote, escalationMessage, isUserId, markContacted, mention, ticketFields, type TicketFields } from './team';
import type { DeskRequest } from '../slack/command';
import type { SlackInteraction } from '../slack/interaction';
import type { ActionOutcome } from '../slack/outcome';
import { postEphemeralReply, postToResponseUrl } from '../slack/slackApi';
import { noiseCommandSubject } from '../noise/command';
import { applyNoiseCommand } from '../noise/gate';
import { parsePolicy } from '../noise/policy';
import type { NoiseStore } from '../noise/store';

/**
 * What the Stripe Support Desk node does with one request, apart from n8n: a lookup (command, shortcut, a
 * choice, Share in channel) answered with a card, a team action on a message, or the record of a Stripe
 * action's result; each one gives an access log entry, posted to the audit channel when one is set.
 */

export interface DeskTarget {
	stripe: Stripe;
	slack: WebClient;
	apiBaseUrl?: string;
}

export interface DeskConfig {
	/** where `/stripe pause` keeps the pause (nodes/shared/noise); without it the command is refused */
	noise?: NoiseStore;
	auditChannel?: string;
	escalationChannel?: string;
	escalationUserGroupId?: string;
	redaction?: 'minimal' | 'standard' | 'strict';
	timeZone?: string;
	now?: () => Date;
}

export type Request = (DeskRequest | SlackInteraction) & { authorization?: { allowed?: boolean; reason?: string } };

export interface DeskOutcome {
	log: AccessLogEntry;
	/** What was posted or done, for the node's output. */
	delivery: Record<string, unknown>;
	ticket?: TicketFields;
	/** Not a desk request: the item goes to the Other Clicks output unchanged. */
	passThrough?: boolean;
}

export function isDeskRequest(json: Record<string, unknown>): boolean {
	const type = json.type;
	const actionId = typeof json.actionId === 'string' ? json.actionId : '';
	return type === 'slash_command' || type === 'message_action' || LOOKUP_ACTIONS.has(actionId) || TEAM_ACTIONS.has(actionId);
}

const sourceOf = (r: Request): AccessLogEntry['source'] => (r.type === 'slash_command' ? 'slash_command' : r.type === 'message_action' ? 'shortcut' : 'button');

export async function postLog(target: DeskTarget, config: DeskConfig, entry: AccessLogEntry): Promise<string | null> {
	if (!config.auditChannel) return null;
	const m = accessLogMessage(entry);
	try {
		await target.slack.chat.postMessage({ channel: config.auditChannel, text: m.text, blocks: m.blocks as never, unfurl_links: false });
		return null;
	} catch (error) {
		return `The access log could not be posted to ${config.auditChannel}: ${(error as Error).message}`;
	}
}

async function logged(target: DeskTarget, config: DeskConfig, r: Request, result: AccessResult, fields: { subject: unknown; customerId?: string | null; detail?: string | null; kind?: 'lookup' | 'action' }, rest: Omit<DeskOutcome, 'log'>): Promise<DeskOutcome> {
	const log = accessLogEntry({
		kind: fields.kind ?? 'lookup',
		user: { id: r.user.id, name: r.user.name },
		action: r.actionId,
		subject: fields.subject,
		customerId: fields.customerId ?? null,
		result,
		detail: fields.detail ?? null,
		channel: r.channel,
		team: r.team.id || null,
		source: sourceOf(r),
		at: (config.now ?? (() => new Date()))(),
	});
	const logError = await postLog(target, config, log);
	return { ...rest, log, delivery: { ...rest.delivery, ...(logError ? { accessLogError: logError } : {}) } };
}

/** Shows a message only to the user: replacing the list it came from for a choice, as a new ephemeral otherwise. */
async function answerPrivately(target: DeskTarget, r: Request, message: DeskMessage, replace: boolean): Promise<string> {
	if (replace && r.responseUrl) {
		await postToResponseUrl(r.responseUrl, { replace_original: true, text: message.text, blocks: message.blocks }, { apiBaseUrl: target.apiBaseUrl });
		return 'response_url';
	}
	return await postEphemeralReply(
		{ client: target.slack, apiBaseUrl: target.apiBaseUrl, channel: r.isEphemeral ? null : r.channel, userId: r.user.id, responseUrl: r.responseUrl },
		message,
		{ prefer: 'responseUrl' },
	);
}

function queriesOf(r: Request): LookupQuery[] {
	if ('queries' in r && Array.isArray(r.queries)) return r.queries;
	return [{ kind: 'id', id: r.value, objectType: 'customer' }];
}

async function runLookup(target: DeskTarget, config: DeskConfig, r: Request): Promise<DeskOutcome> {
	const queries = queriesOf(r);
	const subject = queries[0] ? lookupSubject(queries[0]) : '(nothing)';
	if (r.authorization?.allowed !== true) {
		// The trigger has told the user; nothing is looked up.
		return await logged(target, config, r, 'denied', { subject, detail: r.authorization?.reason ?? null }, { delivery: {} });
	}
	const shared = r.actionId === DESK_ACTIONS.share;
	if (!queries.length) {
		const via = await answerPrivately(target, r, buildAnswer('There is no Stripe id or email in this message to look up.'), false);
		return await logged(target, config, r, 'no_match', { subject: '(nothing)' }, { delivery: { via } });
	}
	let result: LookupResult = { status: 'none', message: 'Nothing to look up.' };
	let used = queries[0];
	for (const q of queries.slice(0, 3)) {
		used = q;
		result = await lookup(target.stripe, q);
		if (result.status !== 'none') break;
	}
	const options = { userId: r.user.id, redaction: config.redaction, timeZone: config.timeZone, shared };
	const message =
		result.status === 'found'
			? buildCard(result.data, options)
			: result.status === 'choose'
				? buildChoices(result.candidates, result.more, options)
				: buildAnswer(result.message, result.status === 'error' ? ':warning:' : ':mag:');
	const customerId = result.status === 'found' ? result.data.customer.id : null;
	let delivery: Record<string, unknown>;
	if (shared && result.status === 'found' && r.channel) {
		const posted = await target.slack.chat.postMessage({ channel: r.channel, text: message.text, blocks: message.blocks as never, unfurl_links: false });
		if (r.responseUrl) {
			await postToResponseUrl(r.responseUrl, { replace_original: true, text: 'Shared in the channel.', blocks: buildAnswer('Shared in the channel.', ':white_check_mark:').blocks }, { apiBaseUrl: target.apiBaseUrl }).catch(() => undefined);
		}
		delivery = { via: 'chat.postMessage', channel: posted.channel ?? r.channel, ts: posted.ts ?? null };
	} else {
		delivery = { via: await answerPrivately(target, r, message, r.actionId === DESK_ACTIONS.pick) };
	}
	const outcome: AccessResult = result.status === 'found' ? 'card' : result.status === 'choose' ? 'choices' : result.status === 'none' ? 'no_match' : 'error';
	const detail = result.status === 'error' ? result.message : result.status === 'choose' ? `${result.candidates.length} matches` : shared ? 'shared in the channel' : null;
	return await logged(target, config, r, outcome, { subject: lookupSubject(used), customerId, detail }, { delivery: { ...delivery, card: message } });
}

/** `/stripe pause 2h | resume | pause status`: answered privately, logged, and a resume's summaries posted. */
async function runNoiseCommand(target: DeskTarget, config: DeskConfig, r: Request): Promise<DeskOutcome> {
	const subject = noiseCommandSubject(r.value);
	if (r.authorization?.allowed !== true) return await logged(target, config, r, 'denied', { kind: 'action', subject, detail: r.authorization?.reason ?? null }, { delivery: {} });
	if (!config.noise) {
		const via = await answerPrivately(target, r, buildAnswer('Pausing alerts is not set up in this workflow.', ':warning:'), false);
		return await logged(target, config, r, 'failed', { kind: 'action', subject, detail: 'no noise control store' }, { delivery: { via } });
	}
	const now = (config.now ?? (() => new Date()))().getTime();
	const settings = { policy: parsePolicy({}), timeZone: config.timeZone ?? 'UTC' };
	const res = await applyNoiseCommand(config.noise, settings, r.user.id, r.value, now);
	// our own words (times, user ids) keep their mrkdwn; a refusal quotes what was typed, so it is made inert
	const answer: DeskMessage = res.ok ? { text: res.reply, blocks: [{ type: 'section', block_id: 'desk_answer', text: { type: 'mrkdwn', text: res.reply } }] } : buildAnswer(res.reply, ':warning:');
	const via = await answerPrivately(target, r, answer, false);
	const posted: Array<string | null> = [];
	for (const m of res.released) {
		const p = await target.slack.chat.postMessage({ channel: m.channel!, text: m.text, blocks: m.blocks as never, unfurl_links: false });
		posted.push(p.ts ?? null);
	}
	const detail = !res.ok ? res.reply : res.log.until ? `paused until ${res.log.until}` : `${res.log.action}, ${res.held} held`;
	return await logged(target, config, r, res.ok ? 'ok' : 'failed', { kind: 'action', subject, detail }, { delivery: { via, pause: res.pause, held: res.held, summaries: posted } });
}

async function permalink(target: DeskTarget, r: Request): Promise<string | null> {
	if (!r.channel || !r.messageTs || r.isEphemeral) return null;
	try {
		return (await target.slack.chat.getPermalink({ channel: r.channel, message_ts: r.messageTs })).permalink ?? null;
	} catch {
		return null;
	}
}

async function threadNote(target: DeskTarget, r: Request, text: string): Promise<string | null> {
	if (!r.channel || !r.messageTs || r.isEphemeral) {
		await postEphemeralReply({ client: target.slack, apiBaseUrl: target.apiBaseUrl, channel: r.isEphemeral ? null : r.channel, userId: r.user.id, responseUrl: r.responseUrl }, { text });
		return null;
	}
	const res = await target.slack.chat.postMessage({ channel: r.channel, thread_ts: r.threadTs ?? r.messageTs, text, unfurl_links: false });
	return res.ts ?? null;
}

async function runTeamAction(target: DeskTarget, config: DeskConfig, r: Request): Promise<DeskOutcome> {
	const now = (config.now ?? (() => new Date()))();
	const objectId = objectIdOfTeamBlock(r.blockId) ?? r.value;
	const original = r.message ? { text: r.message.text, blocks: r.message.blocks } : { text: '', blocks: [] };
	const act = async (result: AccessResult, detail: string | null, delivery: Record<string, unknown>, extra: Partial<DeskOutcome> = {}) =>
		await logged(target, config, r, result, { kind: 'action', subject: objectId, customerId: objectId.startsWith('cus_') ? objectId : null, detail }, { delivery, ...extra });
	if (r.authorization?.allowed !== true) return await act('denied', r.authorization?.reason ?? null, {});

	if (r.actionId === DESK_ACTIONS.assign) {
		const assignee = r.value;
		if (!isUserId(assignee)) return await act('failed', 'no user was chosen', {});
		let updated: string | null = null;
		if (r.channel && r.messageTs && !r.isEphemeral && r.message) {
			const body = assignedMessage(original, assignee, r.user.id, now);
			await target.slack.chat.update({ channel: r.channel, ts: r.messageTs, text: body.text, blocks: body.blocks as never });
			updated = r.messageTs;
		}
		const note = await threadNote(target, r, assignmentNote(assignee, r.user.id, objectId, now));
		return await act('ok', `assigned to ${assignee}`, { updated, note, assignee });
	}
	if (r.actionId === DESK_ACTIONS.escalate) {
		if (!config.escalationChannel) return await act('failed', 'no escalation channel is set', { error: 'Set the Escalation Channel of the Stripe Support Desk node' });
		const link = await permalink(target, r);
		const body = escalationMessage({ original, by: r.user.id, permalink: link, userGroupId: config.escalationUserGroupId, at: now });
		const posted = await target.slack.chat.postMessage({ channel: config.escalationChannel, text: body.text, blocks: body.blocks as never, unfurl_links: false });
		const note = await threadNote(target, r, `:rotating_light: ${mention(r.user.id)} escalated this to ${config.escalationUserGroupId ? `<!subteam^${config.escalationUserGroupId}>` : 'the escalation channel'}.`);
		return await act('ok', `escalated to ${config.escalationChannel}`, { channel: posted.channel ?? config.escalationChannel, ts: posted.ts ?? null, permalink: link, note });
	}
	if (r.actionId === DESK_ACTIONS.markContacted) {
		const res = await markContacted(target.stripe, { objectId: r.value, userId: r.user.id, team: r.team.id, channel: r.channel, messageTs: r.messageTs, at: now });
		if (!res.ok) {
			await threadNote(target, r, `:warning: Mark contacted by ${mention(r.user.id)} failed: ${res.error}`);
			return await act('failed', res.error, { ...res });
		}
		const note = res.replayed
			? null
			: await threadNote(target, r, `:telephone_receiver: ${mention(r.user.id)} marked the customer \`${res.customerId}\` as contacted at ${now.toISOString().replace('T', ' ').slice(0, 19)} UTC (recorded in Stripe).`);
		return await act(res.replayed ? 'repeated' : 'ok', `customer ${res.customerId}`, { ...res, note });
	}
	// Create ticket
	const link = await permalink(target, r);
	const ticket = ticketFields({ original, objectId, customerId: objectId.startsWith('cus_') ? objectId : null, user: r.user, team: r.team.id || null, channel: r.channel, messageTs: r.messageTs, permalink: link, at: now });
	const note = await threadNote(target, r, `:ticket: ${mention(r.user.id)} asked for a support ticket.`);
	return await act('ok', 'ticket fields sent to the Ticket output', { note }, { ticket });
}

/** A slash command, a shortcut or a desk click. Anything else is passed through (Stripe buttons). */
export async function handleDeskItem(target: DeskTarget, config: DeskConfig, json: Record<string, unknown>): Promise<DeskOutcome | { passThrough: true }> {
	if (!isDeskRequest(json)) return { passThrough: true };
	const r = json as unknown as Request;
	if (TEAM_ACTIONS.has(r.actionId)) return await runTeamAction(target, config, r);
	if (r.actionId === DESK_ACTIONS.noise) return await runNoiseCommand(target, config, r);
	return await runLookup(target, config, r);
}

/** The access log entry of a Stripe action's result (from Stripe Action, or Slack Action Response after it). */
export async function logActionResult(target: DeskTarget, config: DeskConfig, json: Record<string, unknown>): Promise<DeskOutcome | null> {
	const outcome = typeof json.ok === 'boolean' && typeof json.action === 'string' ? (json as unknown as ActionOutcome) : null;
	const interaction = (outcome?.interaction ?? (typeof json.actionId === 'string' ? json : null)) as Request | null;
	if (!interaction?.user) return null;
	const result: AccessResult = outcome ? (!outcome.ok ? 'failed' : outcome.replayed ? 'repeated' : 'ok') : 'ok';
	const detail = outcome ? (outcome.ok ? outcome.summary : (outcome.error?.message ?? 'failed')) : null;
	return await logged(target, config, { ...interaction, actionId: outcome?.action ?? interaction.actionId }, result, { kind: 'action', subject: outcome?.objectId ?? interaction.value, detail }, { delivery: {} });
}
