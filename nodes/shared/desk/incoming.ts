import type { JsonObject, WebhookAnswer, WorkflowItem } from '../webhook';

import { LOOKUP_ACTIONS, TEAM_ACTIONS, DESK_ACTIONS } from './actions';
import { USAGE } from './query';
import { authorize, splitIds, type AuthorizationDecision, type AuthorizationPolicy, type UserGroupCache } from '../slack/authorize';
import { parseMessageShortcut, parseSlashCommand, type DeskRequest } from '../slack/command';
import { parseInteractionBody, type SlackInteraction } from '../slack/interaction';
import { createSlackClient, postEphemeralReply, nameResolver, userGroupLister } from '../slack/slackApi';
import { lookupInWords } from '../slack/whoMay';
import type { DeskSettings, MinimalRequest, TriggerContext, TriggerCredentials, TriggerSettings } from '../slack/triggerTypes';

/**
 * The support desk's part of the Slack Action Trigger: signed slash commands (`/stripe …`) and the
 * "Look up in Stripe" message shortcut, checked against the lookup allowlist. Called after the signature
 * check; returns null for requests that are clicks or modal submissions.
 *
 *  - `/stripe help` (or nothing) → 200 with the usage, shown only to the user; no execution
 *  - `/stripe <something unusable>` → 200 with what is wrong; no execution
 *  - user not on the lookup allowlist → the refusal, only to the user; an execution that only logs it
 *    (authorization.allowed false: the Support Desk node makes no Stripe call for it)
 *  - otherwise → an empty 200 at once, then one execution with the request
 */

export const DEFAULT_LOOKUP_DENIAL = 'You are not allowed to look up billing in Stripe. Ask an admin to add you to the support desk’s lookup allowlist.';

export interface DeskHelpers {
	acknowledge(body?: JsonObject): void;
	decide(policy: AuthorizationPolicy, request: { actionId: string; user: { id: string }; team: { id: string } }): Promise<AuthorizationDecision>;
	withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T>;
	remember(key: string): boolean;
}

/** The allowlist for lookups: one rule for every lookup action; nobody when it lists nobody. */
export function lookupPolicy(settings: DeskSettings): AuthorizationPolicy {
	const words = lookupInWords(settings.whoMay);
	return {
		unmatched: 'deny',
		rules: [
			{
				actionPrefix: '',
				userIds: [...splitIds(settings.lookupUserIds), ...(words?.userIds ?? [])],
				userGroupIds: [...splitIds(settings.lookupUserGroupIds), ...(words?.userGroupIds ?? [])],
			},
		],
	};
}

/** Clicks on a lookup button (a choice, Share in channel) follow the lookup allowlist; others the action rules. */
export function isLookupAction(actionId: string): boolean {
	return LOOKUP_ACTIONS.has(actionId);
}

/**
 * A team action (Assign, Escalate, Mark contacted, Create ticket, Share) repeated on the same message with
 * the same value within the duplicate window: the key under which the first one is remembered.
 */
export function teamGestureKey(click: SlackInteraction): string | null {
	if (!TEAM_ACTIONS.has(click.actionId) && click.actionId !== DESK_ACTIONS.share) return null;
	return ['team', click.team.id, click.channel ?? '', click.messageTs ?? '', click.actionId, click.value].join('|');
}

function itemOf(request: DeskRequest, decision: AuthorizationDecision, req: MinimalRequest): WorkflowItem {
	return { json: { ...(request as unknown as JsonObject), authorization: decision as unknown as JsonObject, receivedAt: new Date().toISOString(), slackRetryNum: Number(req.headers['x-slack-retry-num'] ?? 0) || 0 } };
}

const TIMEOUT_DECISION = (): AuthorizationDecision => ({ allowed: false, reason: 'group_lookup_failed', error: 'The permission check took too long' });

export async function handleDeskRequest(
	ctx: TriggerContext,
	credentials: TriggerCredentials,
	settings: TriggerSettings,
	rawBody: Buffer | string,
	helpers: DeskHelpers,
): Promise<WebhookAnswer | null> {
	let request = parseSlashCommand(rawBody);
	if (!request) {
		let payload: Record<string, unknown>;
		try {
			payload = parseInteractionBody(rawBody);
		} catch {
			return null; // not ours: the click path reports what is wrong with the body
		}
		request = parseMessageShortcut(payload);
		if (!request) return null;
	}
	const types = settings.interactionTypes ?? [];
	if (!types.includes(request.type)) {
		helpers.acknowledge();
		return { noWebhookResponse: true };
	}
	const denial = settings.lookupDenialMessage || DEFAULT_LOOKUP_DENIAL;
	const policy = lookupPolicy(settings);

	if (request.type === 'slash_command') {
		const query = request.queries[0];
		if (query.kind === 'help') {
			helpers.acknowledge({ response_type: 'ephemeral', text: USAGE, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: USAGE } }] });
			return { noWebhookResponse: true };
		}
		if (query.kind === 'invalid') {
			helpers.acknowledge({ response_type: 'ephemeral', text: `${query.reason} Type \`/stripe help\` for examples.` });
			return { noWebhookResponse: true };
		}
		if (!helpers.remember(request.deliveryKey)) {
			helpers.acknowledge();
			return { noWebhookResponse: true };
		}
		// The answer depends on the decision, so decide first, within a deadline that keeps Slack's 3 seconds.
		const decision = await helpers.withDeadline(helpers.decide(policy, request), 2_000, TIMEOUT_DECISION);
		if (!decision.allowed) {
			helpers.acknowledge({ response_type: 'ephemeral', text: denial });
			return { noWebhookResponse: true, workflowData: [[itemOf(request, decision, ctx.request)]] };
		}
		helpers.acknowledge();
		return { noWebhookResponse: true, workflowData: [[itemOf(request, decision, ctx.request)]] };
	}

	// A message shortcut: Slack ignores the body of the answer, so answer at once and reply through response_url.
	helpers.acknowledge();
	if (!helpers.remember(request.deliveryKey)) return { noWebhookResponse: true };
	const decision = await helpers.decide(policy, request);
	if (!decision.allowed) {
		try {
			await postEphemeralReply(
				{
					client: credentials.botToken ? createSlackClient({ botToken: credentials.botToken, apiBaseUrl: credentials.apiBaseUrl }, { quick: true }) : undefined,
					apiBaseUrl: credentials.apiBaseUrl,
					channel: request.channel,
					userId: request.user.id,
					responseUrl: request.responseUrl,
				},
				{ text: denial },
				{ prefer: 'responseUrl', timeoutMs: 5_000 },
			);
		} catch (error) {
			ctx.logger?.warn(`Slack Action Trigger could not tell a user their lookup was refused: ${(error as Error).message}`);
		}
	}
	return { noWebhookResponse: true, workflowData: [[itemOf(request, decision, ctx.request)]] };
}

/** Authorization for a desk request or a click, with the trigger's shared group cache. */
export async function decideWith(
	policy: AuthorizationPolicy,
	request: { actionId: string; user: { id: string }; team: { id: string } },
	credentials: TriggerCredentials,
	cache: UserGroupCache,
): Promise<AuthorizationDecision> {
	try {
		const client = () => createSlackClient({ botToken: credentials.botToken, apiBaseUrl: credentials.apiBaseUrl }, { quick: true });
		return await authorize(policy, request.actionId, request.user.id, (groupId) => userGroupLister(client())(groupId), {
			cache,
			namespace: request.team.id,
			resolveName: (name) => nameResolver(client(), `${credentials.apiBaseUrl ?? ''}|${request.team.id}`)(name),
		});
	} catch (error) {
		return { allowed: false, reason: 'group_lookup_failed', error: (error as Error).message };
	}
}
