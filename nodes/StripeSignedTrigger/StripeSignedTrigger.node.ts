import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { type DedupeStore, chooseDedupeStore } from '../shared/dedupe';
import {
	type LiveModeFilter,
	enabledEventsForRegistration,
	filterEvent,
	splitList,
} from '../shared/stripe/eventFilter';
import { batchOptions, sharedBatcher } from '../shared/stripe/microBatch';
import { DEFAULT_MAX_BODY_BYTES, verifyStripeWebhook } from '../shared/stripe/signature';
import { deliveredEvent, thinClientFactory } from '../shared/stripe/thin';
import { createStripeClient } from '../shared/stripeClient';
import {
	type EndpointRecord,
	type WhenDeactivated,
	createEndpoint,
	endpointExists,
	removeEndpoint,
} from '../shared/stripe/registration';
import { pickSampleEvent } from '../shared/stripe/sampleEvents';
import {
	assertTolerance,
	selectedEventTypes as selectedTypes,
} from '../shared/n8n/triggerOptions';
import { stripeSignedTriggerProperties } from './description';
import { type CatchUpNodeOptions, emitAndWait, startNodeCatchUp } from '../shared/n8n/catchUpOptions';
import { chooseCatchUpState, markDeactivated } from '../shared/stripe/catchUpState';
import { handOffTestOutput, takeTestOutput } from '../shared/stripe/catchUpTestHandoff';
import { IN_FLIGHT_LEASE_MS } from '../shared/stripe/acknowledge';
import {
	type Answer,
	type BatchedEvent,
	type Claim,
	type ResponseLike,
	claimDelivery,
	dedupeKey,
	followerAnswer,
	settleBatchOnResponse,
	settleOnResponse,
} from '../shared/stripe/acknowledge';

export { pickSampleEvent };

interface RequestLike {
	rawBody?: Buffer | string;
	body?: unknown;
	headers: Record<string, string | string[] | undefined>;
	method?: string;
}

interface TriggerOptions extends CatchUpNodeOptions {
	acknowledgeAfterWorkflow?: boolean;
	batchMaxEvents?: number;
	batchWindowMs?: number;
	connectedAccounts?: string;
	duplicateStore?: 'auto' | 'memory' | 'redis';
	dedupeWindowHours?: number;
	maxBodyKb?: number;
	microBatching?: boolean;
	moreEventTypes?: string;
	redisUrl?: string;
	toleranceSeconds?: number;
}

function selectedEventTypes(ctx: IWebhookFunctions | IHookFunctions | ITriggerFunctions): string[] {
	const options = (ctx.getNodeParameter('options', {}) as TriggerOptions) ?? {};
	return selectedTypes(ctx.getNodeParameter('events', []), options.moreEventTypes);
}

function reply(res: ResponseLike, status: number, body: IDataObject): IWebhookResponseData {
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

async function credentialData(ctx: IHookFunctions | IWebhookFunctions): Promise<IDataObject> {
	return (await ctx.getCredentials('stripeSignedApi')) as IDataObject;
}

async function registrationContext(ctx: IHookFunctions) {
	const credentials = await credentialData(ctx);
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave no webhook URL for this trigger');
	const options = (ctx.getNodeParameter('options', {}) as TriggerOptions) ?? {};
	const stripe = createStripeClient({
		secretKey: String(credentials.secretKey ?? ''),
		apiBaseUrl: String(credentials.apiBaseUrl ?? ''),
	});
	const record = ctx.getWorkflowStaticData('node') as EndpointRecord;
	const log = (message: string) => ctx.logger.info(`Stripe Signed Trigger: ${message}`, { workflowId: ctx.getWorkflow().id });
	return {
		stripe,
		url,
		enabledEvents: enabledEventsForRegistration(selectedEventTypes(ctx)),
		connect: splitList(options.connectedAccounts).length > 0,
		description: `n8n workflow ${ctx.getWorkflow().id ?? ''} (Stripe Signed Trigger "${ctx.getNode().name}")`,
		credentialHasSecret: String(credentials.webhookSecret ?? '').trim() !== '',
		record,
		mode: ctx.getMode(),
		log,
	};
}

/** The store for one delivery, or a reason why none can be used. */
function chooseStore(options: TriggerOptions): DedupeStore | string {
	return chooseDedupeStore(options.duplicateStore, options.redisUrl);
}

export class StripeSignedTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Signed Trigger',
		name: 'stripeSignedTrigger',
		documentationUrl: 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/docs/nodes.md#stripe-signed-trigger',
		icon: { light: 'file:stripe.svg', dark: 'file:stripe.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ") || "all events"}}',
		description:
			'Starts the workflow when Stripe sends an event, after checking its signature, ignoring repeats and unwanted events',
		defaults: {
			name: 'Stripe Signed Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'stripeSignedApi',
				required: true,
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode:
					'={{$parameter["options"]["acknowledgeAfterWorkflow"] ? "lastNode" : "onReceived"}}',
				responseData: '={{$parameter["options"]["acknowledgeAfterWorkflow"] ? "noData" : undefined}}',
				path: 'webhook',
			},
			{
				// Opening the Test URL in a browser while the editor listens gives a sample event.
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'webhook',
				ndvHideUrl: true,
			},
		],
		eventTriggerDescription: 'Waiting for a Stripe event (or open the Test URL in a browser for a sample event)',
		activationMessage: 'Stripe events sent to the Production URL now start this workflow.',
		properties: stripeSignedTriggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				assertTolerance(this.getNode(), (this.getNodeParameter('options', {}) as TriggerOptions) ?? {});
				if (!(this.getNodeParameter('registerEndpoint', false) as boolean)) return true;
				return await endpointExists(await registrationContext(this));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				assertTolerance(this.getNode(), (this.getNodeParameter('options', {}) as TriggerOptions) ?? {});
				if (!(this.getNodeParameter('registerEndpoint', false) as boolean)) return true;
				try {
					return await createEndpoint(await registrationContext(this));
				} catch (error) {
					throw new NodeOperationError(this.getNode(), `Could not register the webhook endpoint in Stripe: ${(error as Error).message}`);
				}
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				await noteDeactivation(this);
				const record = this.getWorkflowStaticData('node') as EndpointRecord;
				if (!record.endpointId) return true;
				const credentials = await credentialData(this);
				const stripe = createStripeClient({
					secretKey: String(credentials.secretKey ?? ''),
					apiBaseUrl: String(credentials.apiBaseUrl ?? ''),
				});
				const whenDeactivated = this.getNodeParameter('whenDeactivated', 'delete') as WhenDeactivated;
				return await removeEndpoint(stripe, record, whenDeactivated, (message) =>
					this.logger.info(`Stripe Signed Trigger: ${message}`, { workflowId: this.getWorkflow().id }),
				);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const result = await receiveWebhook.call(this);
		// While the editor listens, the manual execution runs trigger(), which emits this output (see catchUpTestHandoff.ts).
		if (this.getMode() === 'manual' && result.workflowData) handOffTestOutput(testKey(this), result.workflowData);
		return result;
	}

	/**
	 * The catch-up from Stripe's event list (nodes/shared/stripe/catchUp.ts), on activation and on its schedule.
	 * Webhook executions do not run this: n8n passes the webhook's output through. In a manual execution (the
	 * editor's test event) it emits what the webhook received.
	 */
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		if (this.getMode() === 'manual') {
			const manualTriggerFunction = async () => {
				const data = takeTestOutput(testKey(this)) as INodeExecutionData[][] | undefined;
				this.emit(data ?? [[{ json: pickSampleEvent(selectedEventTypes(this)) as IDataObject }]]);
			};
			return { manualTriggerFunction };
		}
		const options = (this.getNodeParameter('options', {}) as TriggerOptions) ?? {};
		const node = this.getNode();
		const workflowId = this.getWorkflow().id;
		const windowMs = Math.max(0, Number(options.dedupeWindowHours ?? 24)) * 3_600_000;
		const store = windowMs > 0 ? chooseStore(options) : undefined;
		if (typeof store === 'string') throw new NodeOperationError(node, store);
		const key = (id: string) => dedupeKey(workflowId, node.id ?? node.name, id);
		const registered = this.getNodeParameter('registerEndpoint', false) as boolean;
		const runner = await startNodeCatchUp(this, {
			options,
			types: selectedEventTypes(this),
			filter: {
				types: selectedEventTypes(this),
				mode: this.getNodeParameter('liveMode', 'any') as LiveModeFilter,
				accounts: splitList(options.connectedAccounts),
			},
			dedupe: store && {
				claim: async (id) => await store.claim(key(id), Math.min(windowMs, IN_FLIGHT_LEASE_MS)),
				settle: async (id, handled) => await (handled ? store.complete(key(id), windowMs) : store.release(key(id))),
			},
			deliver: async (events) => await emitAndWait(this, events as unknown as IDataObject[]),
			// An endpoint deleted on deactivation was never sent the events of that time: list them all.
			allEvents: registered && this.getNodeParameter('whenDeactivated', 'delete') === 'delete',
			label: 'Stripe Signed Trigger',
			endpointRecord: () => this.getWorkflowStaticData('node') as EndpointRecord,
		});
		return { closeFunction: async () => await runner?.stop(false) };
	}
}

function testKey(ctx: IWebhookFunctions | ITriggerFunctions): string {
	const node = ctx.getNode();
	return `${ctx.getWorkflow().id ?? 'unsaved'}:${node.id ?? node.name}`;
}

/** Deactivation (unpublished), for the catch-up note's "why"; n8n's shutdown does not remove webhooks. */
async function noteDeactivation(ctx: IHookFunctions): Promise<void> {
	const options = (ctx.getNodeParameter('options', {}) as TriggerOptions) ?? {};
	if (options.catchUp === false) return;
	const node = ctx.getNode();
	const state = chooseCatchUpState(ctx.getWorkflow().id ?? 'unsaved', String(node.id ?? node.name), options.duplicateStore, options.redisUrl);
	if (typeof state !== 'string') await markDeactivated(state, Math.floor(Date.now() / 1000)).catch(() => undefined);
}

/** A delivery from Stripe (or the editor's test request). */
async function receiveWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	{
		const res = this.getResponseObject() as unknown as ResponseLike;
		const req = this.getRequestObject() as unknown as RequestLike;
		const node = this.getNode();
		const workflowId = this.getWorkflow().id;
		const warn = (message: string, extra: Record<string, unknown> = {}) =>
			this.logger.warn(`Stripe Signed Trigger "${node.name}": ${message}`, { workflowId, node: node.name, ...extra });

		if (this.getWebhookName() === 'setup') {
			if (this.getMode() !== 'manual') {
				return reply(res, 405, {
					error:
						'this address accepts only POST requests from Stripe (a sample event is given only while the editor listens for a test event)',
				});
			}
			return { workflowData: [[{ json: pickSampleEvent(selectedEventTypes(this)) as IDataObject }]] };
		}

		const options = (this.getNodeParameter('options', {}) as TriggerOptions) ?? {};
		const reject = (status: number, reason: string, code: string): IWebhookResponseData => {
			warn(`rejected a request (${status}): ${reason}`, { status, code });
			return reply(res, status, { error: reason });
		};
		const answer = (a: Answer): IWebhookResponseData => {
			if (a.warning) warn(a.warning, { status: a.status });
			return reply(res, a.status, a.body as IDataObject);
		};

		// n8n keeps the exact bytes it received in req.rawBody for webhook nodes. Without them (another host,
		// a proxy that re-parsed the body) the JSON is re-serialized here, and the signature will then most likely fail.
		const rawBody: Buffer | string =
			req.rawBody !== undefined && req.rawBody !== null ? req.rawBody : JSON.stringify(req.body ?? '');

		let credentials: IDataObject;
		try {
			credentials = await credentialData(this);
		} catch (error) {
			warn(`could not load the Stripe credential: ${(error as Error).message}`);
			return reply(res, 500, { error: 'the trigger could not load its Stripe credential' });
		}
		const record = this.getWorkflowStaticData('node') as EndpointRecord;
		const maxKb = Number(options.maxBodyKb ?? DEFAULT_MAX_BODY_BYTES / 1024);
		const result = verifyStripeWebhook({
			rawBody,
			header: req.headers['stripe-signature'],
			secrets: [
				credentials.webhookSecret as string | undefined,
				credentials.previousWebhookSecret as string | undefined,
				record.endpointSecret,
			],
			toleranceSeconds: options.toleranceSeconds,
			maxBodyBytes: Math.max(1, Math.floor(maxKb * 1024)),
		});
		if (!result.ok) return reject(result.status, result.reason, result.code);
		const filter = {
			types: selectedEventTypes(this),
			mode: this.getNodeParameter('liveMode', 'any') as LiveModeFilter,
			accounts: splitList(options.connectedAccounts),
		};
		// A thin event notification: its full event is fetched through the API (nodes/shared/stripe/thin.ts).
		const delivered = await deliveredEvent(result, { client: thinClientFactory(credentials), filter });
		if (!delivered.ok) return reject(delivered.status, delivered.reason, delivered.code);
		const event = delivered.event;

		const filtered = filterEvent(event, filter);
		if (!filtered.pass) {
			return reply(res, 200, { received: true, ignored: filtered.reason });
		}

		// The duplicate guard applies to the live workflow; while building in the editor, the same test
		// event may be sent again and again on purpose.
		const batching = options.microBatching === true && this.getMode() !== 'manual';
		let batchClaim: Claim | undefined;
		const windowMs = Math.max(0, Number(options.dedupeWindowHours ?? 24)) * 3_600_000;
		if (windowMs > 0 && this.getMode() !== 'manual') {
			const claimed = await claimDelivery({
				store: chooseStore(options),
				key: dedupeKey(workflowId, node.id ?? node.name, event.id),
				eventId: event.id,
				windowMs,
				acknowledgeAfterWorkflow: options.acknowledgeAfterWorkflow === true,
			});
			if ('answer' in claimed) return answer(claimed.answer);
			if (batching) batchClaim = claimed.claim;
			else settleOnResponse(res, claimed.claim, (message) => warn(`event ${event.id}: ${message}`));
		}

		if (!batching) {
			const item: INodeExecutionData = { json: event as unknown as IDataObject };
			return { workflowData: [[item]] };
		}

		// Micro-batching: the first request of a window (the leader) hands the whole batch to n8n; the others
		// answer their sender here. Their duplicate claims are settled by n8n's answer to the leader.
		const joined = sharedBatcher<BatchedEvent>().join(
			`${workflowId ?? 'unsaved'}:${node.id ?? node.name}`,
			{ event: event as unknown as IDataObject, claim: batchClaim },
			batchOptions(options.batchWindowMs, options.batchMaxEvents),
		);
		const batch = joined.batch;
		if (joined.role === 'follower') return answer(await followerAnswer(batch, event.id, options.acknowledgeAfterWorkflow === true));
		const batchedEvents = await batch.ready;
		settleBatchOnResponse(res, batch, !options.acknowledgeAfterWorkflow, warn);
		return { workflowData: [batchedEvents.map((b) => ({ json: b.event as IDataObject }))] };
	}
}
