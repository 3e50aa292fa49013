import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type DedupeStore, chooseDedupeStore } from '../shared/dedupe';
import {
	type LiveModeFilter,
	enabledEventsForRegistration,
	filterEvent,
	splitList,
} from '../shared/stripe/eventFilter';
import { type Batch, batchOptions, sharedBatcher } from '../shared/stripe/microBatch';
import { DEFAULT_MAX_BODY_BYTES, verifyStripeWebhook } from '../shared/stripe/signature';
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
	DEDUPE_KEY_PREFIX,
	IN_FLIGHT_LEASE_MS,
	assertTolerance,
	connectedAccountsOption,
	duplicateStoreOption,
	duplicateWindowOption,
	eventTypesProperty,
	liveModeProperty,
	maxBodySizeOption,
	moreEventTypesOption,
	redisUrlOption,
	selectedEventTypes as selectedTypes,
	toleranceOption,
} from '../shared/n8n/triggerOptions';

export { pickSampleEvent };

export { DEDUPE_KEY_PREFIX, IN_FLIGHT_LEASE_MS };

/** The parts of express' Response used here (a fake one in unit tests). */
interface ResponseLike {
	statusCode: number;
	writableFinished?: boolean;
	status(code: number): ResponseLike;
	json(body: unknown): unknown;
	on(event: 'finish' | 'close', listener: () => void): unknown;
}

interface RequestLike {
	rawBody?: Buffer | string;
	body?: unknown;
	headers: Record<string, string | string[] | undefined>;
	method?: string;
}

interface TriggerOptions {
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

function selectedEventTypes(ctx: IWebhookFunctions | IHookFunctions): string[] {
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

/**
 * Settle a claimed event when n8n has answered Stripe: 2xx -> done (later deliveries are duplicates);
 * anything else -> released, so that Stripe's retry runs the workflow again. A connection that closes
 * before the answer is complete leaves the claim to expire (IN_FLIGHT_LEASE_MS).
 */
function settleOnResponse(
	res: ResponseLike,
	store: DedupeStore,
	key: string,
	windowMs: number,
	warn: (message: string) => void,
): void {
	let settled = false;
	const settle = (finished: boolean) => {
		if (settled) return;
		settled = true;
		if (!finished) {
			warn('the connection closed before the answer to Stripe was complete; the event stays locked until the lease expires');
			return;
		}
		const ok = res.statusCode >= 200 && res.statusCode < 300;
		const done = ok ? store.complete(key, windowMs) : store.release(key);
		done.catch((error: Error) => warn(`could not update the duplicate store: ${error.message}`));
	};
	res.on('finish', () => settle(true));
	res.on('close', () => settle(res.writableFinished === true));
}

/**
 * With "Acknowledge After the Workflow Finishes", how long a follower waits at most for the answer n8n
 * gives its batch's leader before it answers 504 itself (Stripe gives up after about 20 s anyway).
 */
export const FOLLOWER_MAX_WAIT_MS = 5 * 60 * 1000;

/** One event waiting in a micro-batch, with its duplicate-store claim (if any). */
interface BatchedEvent {
	event: IDataObject;
	claim?: { store: DedupeStore; key: string; windowMs: number };
}

/** The leader's side: record n8n's answer to the leader as the batch's outcome, then settle every claim. */
function settleBatchOnResponse(
	res: ResponseLike,
	batch: Batch<BatchedEvent>,
	ackOnReceipt: boolean,
	warn: (message: string, extra?: IDataObject) => void,
): void {
	res.on('finish', () => batch.settle({ status: res.statusCode }));
	res.on('close', () => batch.settle({ status: res.writableFinished === true ? res.statusCode : 0 }));
	void batch.outcome.then(({ status }) => {
		const events = batch.items.length;
		if (status === 0) {
			warn(
				`the connection closed before n8n's answer for a batch of ${events} event(s) was complete; their duplicate claims stay locked until the lease expires`,
			);
			return;
		}
		const ok = status >= 200 && status < 300;
		if (!ok && ackOnReceipt && events > 1) {
			warn(
				`n8n could not start the workflow for a batch of ${events} events (status ${status}); ${events - 1} of them had already been acknowledged to Stripe and are lost`,
				{ status, events },
			);
		}
		for (const { claim } of batch.items) {
			if (!claim) continue;
			const done = ok ? claim.store.complete(claim.key, claim.windowMs) : claim.store.release(claim.key);
			done.catch((error: Error) => warn(`could not update the duplicate store: ${error.message}`));
		}
	});
}

async function outcomeWithin(batch: Batch<BatchedEvent>, ms: number): Promise<{ status: number } | undefined> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
	try {
		return await Promise.race([batch.outcome, timeout]);
	} finally {
		if (timer) clearTimeout(timer);
	}
}

export class StripeSignedTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Signed Trigger',
		name: 'stripeSignedTrigger',
		icon: 'file:stripe.svg',
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ") || "all events"}}',
		description:
			'Starts the workflow when Stripe sends an event, after checking its signature, ignoring repeats and unwanted events',
		defaults: {
			name: 'Stripe Signed Trigger',
		},
		inputs: [],
		outputs: ['main'],
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
		properties: [
			{
				displayName:
					'Every event must carry a valid Stripe signature: put the endpoint’s signing secret (whsec_...) in the credential, or turn on automatic registration below. To get a sample event without Stripe, click "Listen for test event" and open the Test URL in your browser.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			eventTypesProperty,
			liveModeProperty,
			{
				displayName: 'Register the Endpoint in Stripe Automatically',
				name: 'registerEndpoint',
				type: 'boolean',
				default: false,
				description:
					'Whether n8n should add this trigger’s URL to your Stripe account when the workflow is activated (reusing an endpoint that already has this URL) and keep its signing secret itself. Needs a secret key that may manage webhook endpoints.',
			},
			{
				displayName: 'When the Workflow Is Deactivated',
				name: 'whenDeactivated',
				type: 'options',
				displayOptions: {
					show: {
						registerEndpoint: [true],
					},
				},
				options: [
					{
						name: 'Delete the Endpoint in Stripe',
						value: 'delete',
						description: 'Nothing is left behind in Stripe; the next activation registers a new endpoint',
					},
					{
						name: 'Disable the Endpoint and Reuse It Next Time',
						value: 'disable',
						description:
							'Keeps the same endpoint and signing secret, so re-publishing the workflow does not create a new endpoint',
					},
				],
				default: 'delete',
				description:
					'What happens to the Stripe endpoint when the workflow stops (n8n also does this briefly each time a new version is published)',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Acknowledge After the Workflow Finishes',
						name: 'acknowledgeAfterWorkflow',
						type: 'boolean',
						default: false,
						description:
							'Whether to tell Stripe "received" only once the workflow has succeeded. If the workflow fails, Stripe sends the event again later, so nothing is lost during an outage. Keep the workflow fast: Stripe waits about 20 seconds at most.',
					},
					{
						displayName: 'Batch Window (Milliseconds)',
						name: 'batchWindowMs',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 10000 },
						displayOptions: {
							show: {
								microBatching: [true],
							},
						},
						default: 50,
						description:
							'With Micro-Batching: how long the first event of a batch waits for more events before they all start one execution',
					},
					connectedAccountsOption,
					duplicateStoreOption,
					duplicateWindowOption,
					maxBodySizeOption,
					{
						displayName: 'Maximum Events per Batch',
						name: 'batchMaxEvents',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 10000 },
						displayOptions: {
							show: {
								microBatching: [true],
							},
						},
						default: 500,
						description: 'With Micro-Batching: a batch starts its execution as soon as it holds this many events',
					},
					{
						displayName: 'Micro-Batching',
						name: 'microBatching',
						type: 'boolean',
						default: false,
						description:
							'Whether to gather the events that arrive within a short window into one execution (one item per event), so that a burst of events is not slowed down by n8n’s cost per execution. Duplicates, filters and acknowledgement work as without it.',
					},
					moreEventTypesOption,
					redisUrlOption,
					toleranceOption,
				],
			},
		],
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
		const res = this.getResponseObject() as unknown as ResponseLike;
		const req = this.getRequestObject() as unknown as RequestLike;
		const node = this.getNode();
		const workflowId = this.getWorkflow().id;
		const warn = (message: string, extra: IDataObject = {}) =>
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
		const event = result.event;

		const filtered = filterEvent(event, {
			types: selectedEventTypes(this),
			mode: this.getNodeParameter('liveMode', 'any') as LiveModeFilter,
			accounts: splitList(options.connectedAccounts),
		});
		if (!filtered.pass) {
			return reply(res, 200, { received: true, ignored: filtered.reason });
		}

		// The duplicate guard applies to the live workflow; while building in the editor, the same test
		// event may be sent again and again on purpose.
		const batching = options.microBatching === true && this.getMode() !== 'manual';
		let batchClaim: BatchedEvent['claim'];
		const windowMs = Math.max(0, Number(options.dedupeWindowHours ?? 24)) * 3_600_000;
		if (windowMs > 0 && this.getMode() !== 'manual') {
			const key = `${DEDUPE_KEY_PREFIX}${workflowId ?? 'unsaved'}:${node.id ?? node.name}:${event.id}`;
			// Fail closed when the store is unusable: Stripe retries later, nothing is lost and nothing runs twice.
			const storeOrProblem = chooseStore(options);
			if (typeof storeOrProblem === 'string') {
				warn(`${storeOrProblem}; asked Stripe to retry`, { status: 503 });
				return reply(res, 503, { error: 'the duplicate store is not configured; retry later' });
			}
			const store = storeOrProblem;
			let claim: 'new' | 'in_flight' | 'done';
			try {
				claim = await store.claim(key, Math.min(windowMs, IN_FLIGHT_LEASE_MS));
			} catch (error) {
				warn(`the duplicate store is unavailable (${(error as Error).message}); asked Stripe to retry`, { status: 503 });
				return reply(res, 503, { error: 'the duplicate store is unavailable; retry later' });
			}
			if (claim === 'done') {
				return reply(res, 200, { received: true, ignored: `duplicate: event ${event.id} was already received` });
			}
			if (claim === 'in_flight') {
				if (options.acknowledgeAfterWorkflow) {
					return reply(res, 409, { error: `event ${event.id} is already being processed; retry later` });
				}
				return reply(res, 200, { received: true, ignored: `duplicate: event ${event.id} is already being processed` });
			}
			if (batching) batchClaim = { store, key, windowMs };
			else settleOnResponse(res, store, key, windowMs, (message) => warn(`event ${event.id}: ${message}`));
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
		if (joined.role === 'follower') {
			if (!options.acknowledgeAfterWorkflow) return reply(res, 200, { received: true, batched: true });
			const outcome = await outcomeWithin(batch, FOLLOWER_MAX_WAIT_MS);
			if (!outcome || outcome.status === 0) {
				return reply(res, 504, {
					error: `the outcome of the batch that holds event ${event.id} is unknown (its first request was cut off); retry later`,
				});
			}
			if (outcome.status >= 200 && outcome.status < 300) return reply(res, outcome.status, { received: true, batched: true });
			return reply(res, outcome.status >= 400 ? outcome.status : 500, {
				error: `the workflow run for the batch that holds event ${event.id} failed; retry later`,
			});
		}
		const batchedEvents = await batch.ready;
		settleBatchOnResponse(res, batch, !options.acknowledgeAfterWorkflow, warn);
		return { workflowData: [batchedEvents.map((b) => ({ json: b.event }))] };
	}
}
