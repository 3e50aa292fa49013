import type { JsonObject, WebhookAnswer, WorkflowItem } from '../webhook';

import {
	splitIds,
	type AuthorizationDecision,
	type AuthorizationPolicy,
	type UnmatchedPolicy,
} from './authorize';
import { actionWords } from './actionLabels';
import {
	InteractionParseError,
	matchesPrefix,
	parseInteraction,
	type SlackInteraction,
} from './interaction';
import { modalFor } from './modal';
import { createSlackClient, nameResolver, postEphemeralReply } from './slackApi';
import { verifySlackSignature } from './signature';
import { decideWith, DEFAULT_LOOKUP_DENIAL, handleDeskRequest, isLookupAction, lookupPolicy, teamGestureKey, type DeskHelpers } from '../desk/incoming';
import type { MinimalRequest, MinimalResponse, TriggerContext, TriggerCredentials, TriggerSettings } from './triggerTypes';
import { groupCache, rememberDelivery } from './memoryStores';
import { withDeadline } from '../timers';
import { attempt } from '../attempt';
import { rulesInWords } from './whoMay';
import { mistakeField, reportLogLine, reportMistakes, typedNames, unknownNames } from './whoMayMistakes';

/**
 * What the Slack Action Trigger does with one request, apart from n8n: check the signature over the raw
 * body, parse the payload, answer Slack at once (an empty 200), then decide whether a workflow runs.
 *
 *  - forged / stale / unsigned request → 401 {error}, no execution
 *  - body that is not a Slack interaction → 400 {error}, no execution
 *  - other action_id prefix, link button, unwanted type, repeated delivery → 200, no execution
 *  - user not allowed → 200, then an ephemeral "You are not allowed to …", no execution
 *  - Submit Evidence (and Refund, if enabled) → 200, then a modal opens; the submission runs the workflow
 *  - otherwise → 200, then one execution with the normalized click
 *
 * The node always answers through the response object and returns noWebhookResponse, so the answer never
 * waits for the workflow, a Slack API call or a Stripe call.
 */

export type { MinimalRequest, MinimalResponse, TriggerContext, TriggerCredentials, TriggerSettings } from './triggerTypes';

export const DEFAULT_DENIAL_MESSAGE = 'You are not allowed to {action}. Ask someone in finance if this needs doing.';

export { clearGroupCaches, forgetDeliveries, rememberDelivery } from './memoryStores';

export function policyFromSettings(settings: TriggerSettings): AuthorizationPolicy {
	const unmatched: UnmatchedPolicy =
		settings.unmatchedActions === 'allow' || settings.unmatchedActions === 'deny' ? settings.unmatchedActions : 'denyMoneyMoving';
	return {
		unmatched,
		rules: [
			...(settings.rules ?? []).map((r) => ({
				actionPrefix: (r.actionPrefix ?? '').trim(),
				userIds: splitIds(r.userIds),
				userGroupIds: splitIds(r.userGroupIds),
			})),
			...rulesInWords(settings.whoMay),
		],
	};
}

function header(req: MinimalRequest, name: string): string | undefined {
	const value = req.headers[name] ?? req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function reject(res: MinimalResponse, status: number, error: string): WebhookAnswer {
	res.status(status).json({ error });
	return { noWebhookResponse: true };
}

function acknowledge(res: MinimalResponse, body?: JsonObject): void {
	if (res.headersSent) return;
	if (body) res.status(200).json(body);
	else res.status(200).send('');
}

export function denialText(template: string | undefined, actionId: string): string {
	const words = actionWords(actionId);
	return (template || DEFAULT_DENIAL_MESSAGE).replace(/\{action\}/g, words.imperative);
}

/** The request whose permission was checked (a click, a command, a shortcut): its action, user and workspace. */
interface Decided {
	request?: { actionId: string; user: { id: string }; team: { id: string } };
}

export async function handleSlackAction(
	ctx: TriggerContext,
	credentials: TriggerCredentials,
	settings: TriggerSettings,
): Promise<WebhookAnswer> {
	const decided: Decided = {};
	const answer = await answerRequest(ctx, credentials, settings, decided);
	// Slack has its answer by now; a name it does not know is said once, and on the run's item.
	return decided.request ? await withWhoMayMistakes(ctx, credentials, settings, decided.request, answer) : answer;
}

async function answerRequest(
	ctx: TriggerContext,
	credentials: TriggerCredentials,
	settings: TriggerSettings,
	decided: Decided,
): Promise<WebhookAnswer> {
	const { request: req, response: res } = ctx;
	const now = ctx.now ?? Date.now;

	// 1. Signature over the raw body, before anything else is believed.
	const rawBody = req.rawBody;
	if (rawBody === undefined || rawBody === null) {
		return reject(res, 400, 'The raw request body is not available, so the Slack signature cannot be checked');
	}
	const verdict = verifySlackSignature({
		signingSecret: credentials.signingSecret,
		rawBody,
		signature: header(req, 'x-slack-signature'),
		timestamp: header(req, 'x-slack-request-timestamp'),
		nowSeconds: Math.floor(now() / 1000),
		toleranceSeconds: settings.toleranceSeconds,
	});
	if (!verdict.ok) {
		ctx.logger?.warn(`Slack Action Trigger rejected a request: ${verdict.message}`);
		if (verdict.reason === 'missing_secret') return reject(res, 401, verdict.message);
		if (verdict.reason === 'bad_tolerance') return reject(res, 500, verdict.message);
		return reject(res, 401, 'Invalid Slack signature');
	}

	// 2a. Slash commands and message shortcuts (the support desk).
	const desk = await handleDeskRequest(ctx, credentials, settings, rawBody, deskHelpers(ctx, credentials, settings, now, decided));
	if (desk) return desk;

	// 2. The payload.
	const parsed = attempt(() => parseInteraction(rawBody));
	if (!parsed.ok) {
		const error = parsed.error;
		if (!(error instanceof InteractionParseError)) throw error;
		// A signed request of a kind we do not handle (shortcut, view_closed, …): acknowledge, do nothing.
		if (/Unsupported interaction type/.test(error.message)) {
			acknowledge(res);
			return { noWebhookResponse: true };
		}
		return reject(res, 400, error.message);
	}
	const click: SlackInteraction = parsed.value;

	const types = settings.interactionTypes?.length ? settings.interactionTypes : ['block_actions', 'view_submission'];
	const wanted =
		types.includes(click.type) &&
		matchesPrefix(click.actionId, splitIds(settings.actionIdPrefixes ?? '')) &&
		!(click.isLinkButton && settings.ignoreLinkButtons !== false);
	if (!wanted) {
		acknowledge(res);
		return { noWebhookResponse: true };
	}

	// 3. Slack's repeated delivery of the same gesture.
	const windowMs = (settings.duplicateWindowSeconds ?? 600) * 1000;
	if (!rememberDelivery(`${ctx.nodeKey}|${click.deliveryKey}`, windowMs, now())) {
		ctx.logger?.debug?.('Slack Action Trigger dropped a repeated delivery', { deliveryKey: click.deliveryKey });
		acknowledge(res);
		return { noWebhookResponse: true };
	}

	const policy = isLookupAction(click.actionId) ? lookupPolicy(settings) : policyFromSettings(settings);
	const cache = groupCache(Math.max(0, settings.groupCacheSeconds ?? 60));
	let client: ReturnType<typeof createSlackClient> | undefined;
	const slack = () => (client ??= createSlackClient({ botToken: credentials.botToken, apiBaseUrl: credentials.apiBaseUrl }, { quick: true }));
	const decide = async (): Promise<AuthorizationDecision> => {
		decided.request = click;
		return await decideWith(policy, click, credentials, cache);
	};
	const denial = isLookupAction(click.actionId) ? settings.lookupDenialMessage || DEFAULT_LOOKUP_DENIAL : denialText(settings.denialMessage, click.actionId);

	// 4a. Modal submissions: the answer depends on the decision (an error shown in the modal), so decide first,
	// within a deadline that keeps the answer inside Slack's 3 seconds.
	if (click.type === 'view_submission') {
		const decision = await withDeadline(decide(), 2_000, () => ({
			allowed: false,
			reason: 'group_lookup_failed' as const,
			error: 'The permission check took too long',
		}));
		if (!decision.allowed) {
			const blockId = Object.keys(click.view?.values ?? {})[0]?.split('.')[0];
			if (blockId) acknowledge(res, { response_action: 'errors', errors: { [blockId]: denial } });
			else acknowledge(res);
			return { noWebhookResponse: true };
		}
		acknowledge(res, settings.viewSubmissionResponse === 'clear' ? { response_action: 'clear' } : undefined);
		return { noWebhookResponse: true, workflowData: [[itemFor(click, decision, req)]] };
	}

	// 4b. Button clicks: Slack gets its empty 200 now; everything else happens after.
	acknowledge(res);
	const decision = await decide();
	if (!decision.allowed) {
		if (decision.error) ctx.logger?.warn(`Slack Action Trigger denied a click: ${decision.error}`);
		try {
			await postEphemeralReply(
				{
					client: credentials.botToken ? slack() : undefined,
					apiBaseUrl: credentials.apiBaseUrl,
					channel: click.isEphemeral ? null : click.channel,
					userId: click.user.id,
					responseUrl: click.responseUrl,
					threadTs: click.threadTs,
				},
				{ text: decision.reason !== 'group_lookup_failed' ? denial : decision.error?.startsWith('"@') ? `${denial} (${decision.error}: ask whoever set up the workflow to fix Who May Do What.)` : `${denial} (Your permissions could not be checked right now.)` },
				{ timeoutMs: 5_000 },
			);
		} catch (error) {
			ctx.logger?.warn(`Slack Action Trigger could not tell a denied user: ${(error as Error).message}`);
		}
		return { noWebhookResponse: true };
	}
	// The same team action on the same message (a double click): once. Remembered only once allowed.
	const gesture = teamGestureKey(click);
	if (gesture && !rememberDelivery(`${ctx.nodeKey}|${gesture}`, windowMs, now())) return { noWebhookResponse: true };

	const modal = modalFor(click, {
		evidenceModal: settings.openEvidenceModal !== false,
		refundModal: settings.openRefundModal === true,
	});
	if (modal) {
		try {
			if (!click.triggerId) throw new Error('the click has no trigger_id');
			await slack().views.open({ trigger_id: click.triggerId, view: modal as never });
		} catch (error) {
			ctx.logger?.warn(`Slack Action Trigger could not open a modal: ${(error as Error).message}`);
			try {
				await postEphemeralReply(
					{
						client: slack(),
						apiBaseUrl: credentials.apiBaseUrl,
						channel: click.isEphemeral ? null : click.channel,
						userId: click.user.id,
						responseUrl: click.responseUrl,
					},
					{ text: `The form could not be opened (${(error as Error).message}). Please click again.` },
				);
			} catch {
				// nothing more to do
			}
		}
		return { noWebhookResponse: true };
	}

	return { noWebhookResponse: true, workflowData: [[itemFor(click, decision, req)]] };
}

function deskHelpers(ctx: TriggerContext, credentials: TriggerCredentials, settings: TriggerSettings, now: () => number, decided: Decided): DeskHelpers {
	const windowMs = (settings.duplicateWindowSeconds ?? 600) * 1000;
	const cache = groupCache(Math.max(0, settings.groupCacheSeconds ?? 60));
	return {
		acknowledge: (body) => acknowledge(ctx.response, body),
		decide: async (policy, request) => {
			decided.request = request;
			return await decideWith(policy, request, credentials, cache);
		},
		withDeadline,
		remember: (key) => rememberDelivery(`${ctx.nodeKey}|${key}`, windowMs, now()),
	};
}

function itemFor(click: SlackInteraction, decision: AuthorizationDecision, req: MinimalRequest): WorkflowItem {
	const retryNum = header(req, 'x-slack-retry-num');
	return {
		json: {
			...(click as unknown as JsonObject),
			authorization: decision as unknown as JsonObject,
			slackRetryNum: retryNum ? Number(retryNum) : 0,
			receivedAt: new Date().toISOString(),
		},
	};
}

/**
 * Names in Who May Do What that Slack does not know: reported once (whoMayMistakes.ts), logged, and put on the
 * run's item as `mistake`. Never fails the request: a check that cannot be made is only logged.
 */
async function withWhoMayMistakes(ctx: TriggerContext, credentials: TriggerCredentials, settings: TriggerSettings, request: NonNullable<Decided['request']>, answer: WebhookAnswer): Promise<WebhookAnswer> {
	if (!typedNames(settings).length || !credentials.botToken) return answer;
	try {
		const client = createSlackClient({ botToken: credentials.botToken, apiBaseUrl: credentials.apiBaseUrl }, { quick: true });
		const how = settings.mistakes ?? { targets: {}, workflow: 'this workflow', scope: ctx.nodeKey, node: 'Slack Action Trigger' };
		const mistakes = await unknownNames(settings, nameResolver(client, `${credentials.apiBaseUrl ?? ''}|${request.team.id}`), how.node);
		if (!mistakes.length) return answer;
		const reports = await reportMistakes(mistakes, how, async (to, text) => void (await client.chat.postMessage({ channel: to, text })));
		for (const r of reports) {
			if (r.outcome.reported === 'before') ctx.logger?.debug?.(reportLogLine(r));
			else ctx.logger?.warn(reportLogLine(r));
		}
		const mistake = mistakeField(reports, request.actionId);
		for (const item of (answer.workflowData ?? []).flat()) if (mistake) item.json.mistake = mistake;
	} catch (error) {
		ctx.logger?.warn(`Slack Action Trigger could not check the names in Who May Do What: ${(error as Error).message}`);
	}
	return answer;
}
