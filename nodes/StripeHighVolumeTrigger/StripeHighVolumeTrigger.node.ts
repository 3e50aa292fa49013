
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IRun,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { chooseDedupeStore } from '../shared/dedupe';
import { DEDUPE_KEY_PREFIX, IN_FLIGHT_LEASE_MS } from '../shared/stripe/acknowledge';
import { type LiveModeFilter, splitList } from '../shared/stripe/eventFilter';
import { addRoute, normalizePath } from '../shared/stripe/httpHub';
import { EventJournal, journalFile } from '../shared/stripe/journal';
import { type AckMode, type RunOutcome, StripeEventListener } from '../shared/stripe/listener';
import { multiMainRefusal } from '../shared/stripe/multiMain';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_TOLERANCE_SECONDS, type StripeEventLike } from '../shared/stripe/signature';
import { startInterval, stopInterval } from '../shared/timers';
import { resolveTolerance } from '../shared/tolerance';
import { pickSampleEvent } from '../shared/stripe/sampleEvents';
import { thinClientFactory } from '../shared/stripe/thin';
import {
	assertTolerance,
	connectedAccountsOption,
	duplicateStoreOption,
	duplicateWindowOption,
	eventTypesProperty,
	liveModeProperty,
	maxBodySizeOption,
	moreEventTypesOption,
	redisUrlOption,
	selectedEventTypes,
	toleranceOption,
} from '../shared/n8n/triggerOptions';
import { type CatchUpNodeOptions, catchUpOptions, startNodeCatchUp } from '../shared/n8n/catchUpOptions';


interface ListenerNodeOptions extends CatchUpNodeOptions {
	acknowledge?: AckMode;
	batchMaxEvents?: number;
	batchWindowMs?: number;
	connectedAccounts?: string;
	dedupeWindowHours?: number;
	duplicateStore?: 'auto' | 'memory' | 'redis';
	host?: string;
	journalFolder?: string;
	maxBodyKb?: number;
	maxConcurrentRuns?: number;
	maxQueuedEvents?: number;
	moreEventTypes?: string;
	redisUrl?: string;
	toleranceSeconds?: number;
}

function clamp(value: unknown, fallback: number, min: number, max: number): number {
	const n = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
	return Math.min(max, Math.max(min, Math.floor(n)));
}

function runOutcome(run: IRun | undefined): RunOutcome {
	const error = run?.data?.resultData?.error;
	if (run && (run.status === 'error' || run.status === 'crashed' || run.status === 'canceled' || error)) {
		return { status: 'failed', error: error?.message ?? `the execution ended with status "${run.status}"` };
	}
	return { status: 'succeeded' };
}

export class StripeHighVolumeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe High-Volume Trigger',
		name: 'stripeHighVolumeTrigger',
		documentationUrl: 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/docs/nodes.md#stripe-high-volume-trigger',
		icon: { light: 'file:stripe.svg', dark: 'file:stripe.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Listens on port " + $parameter["port"]}}',
		description:
			'High-volume Stripe trigger: receives Stripe events on a port of its own, checks signatures, writes them to a journal before answering Stripe, and starts one execution per batch of events',
		defaults: {
			name: 'Stripe High-Volume Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'stripeSignedApi',
				required: true,
			},
		],
		eventTriggerDescription: 'Click "Test step" for a sample event of the selected types',
		activationMessage: 'Stripe events sent to this n8n host on the chosen port and path now start this workflow.',
		properties: [
			{
				displayName:
					'For high volume. Stripe sends to http(s)://<this n8n host>:<Port><Path>, not to an n8n webhook URL: expose the port through your proxy. Every event must carry a valid Stripe signature (the signing secret goes in the credential). Each execution receives a batch of events, one item per event.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Port',
				name: 'port',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 65535 },
				default: 5681,
				description: 'TCP port to listen on. Several workflows may share a port with different paths.',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '/stripe',
				description: 'Path of the endpoint URL to give Stripe, e.g. /stripe',
			},
			eventTypesProperty,
			liveModeProperty,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				description: 'Optional: live or test events, connected accounts, batching and other rarely changed settings',
				options: [
					{
						displayName: 'Acknowledge',
						name: 'acknowledge',
						type: 'options',
						options: [
							{
								name: 'When Journaled (Fastest, Nothing Lost)',
								value: 'journal',
								description:
									'Answer Stripe once the event is written to the journal on disk; after a crash, events whose run had not finished run again',
							},
							{
								name: 'After the Workflow Finishes',
								value: 'afterRun',
								description:
									'Answer Stripe only when the batch’s execution succeeded; otherwise Stripe sends the event again later',
							},
						],
						default: 'journal',
						description: 'When Stripe is told that an event arrived',
					},
					{
						displayName: 'Batch Window (Milliseconds)',
						name: 'batchWindowMs',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 10000 },
						default: 25,
						description:
							'How long the first event of a batch waits for more before the batch starts its execution. While executions are busy, batches grow on their own.',
					},
					{
						displayName: 'Bind Address',
						name: 'host',
						type: 'string',
						default: '0.0.0.0',
						description: 'Network address to listen on: 0.0.0.0 for all, 127.0.0.1 for this machine only (behind a proxy)',
					},
					...catchUpOptions,
					connectedAccountsOption,
					duplicateStoreOption,
					duplicateWindowOption,
					{
						displayName: 'Journal Folder',
						name: 'journalFolder',
						type: 'string',
						default: '',
						placeholder: '~/.n8n/stripe-high-volume-trigger',
						description:
							'Where accepted events are journaled until their run finishes (one small file per workflow). Empty: stripe-high-volume-trigger in n8n’s data folder.',
					},
					{
						displayName: 'Maximum Concurrent Executions',
						name: 'maxConcurrentRuns',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 64 },
						default: 8,
						description:
							'How many batch executions may run at once; more events wait and join bigger batches. Executions mostly wait for Slack’s pace (1 message per second per channel), so several can run side by side.',
					},
					maxBodySizeOption,
					{
						displayName: 'Maximum Events per Batch',
						name: 'batchMaxEvents',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 10000 },
						default: 500,
						description: 'A batch starts its execution as soon as it holds this many events',
					},
					{
						displayName: 'Maximum Waiting Events',
						name: 'maxQueuedEvents',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 50000,
						description:
							'When this many accepted events wait for an execution, new deliveries get "503, retry later" (Stripe retries), so memory stays bounded',
					},
					moreEventTypesOption,
					redisUrlOption,
					toleranceOption,
				],
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const node = this.getNode();
		const workflowId = this.getWorkflow().id ?? 'unsaved';
		const options = (this.getNodeParameter('options', {}) as ListenerNodeOptions) ?? {};
		const types = selectedEventTypes(this.getNodeParameter('events', []), options.moreEventTypes);
		assertTolerance(node, options);

		// In the editor ("Test step"), no port is opened (the published workflow may hold it): a sample event.
		if (this.getMode() === 'manual') {
			const manualTriggerFunction = async () => {
				this.emit([[{ json: pickSampleEvent(types) as IDataObject }]]);
			};
			return { manualTriggerFunction };
		}

		const ack: AckMode = options.acknowledge === 'afterRun' ? 'afterRun' : 'journal';
		const refusal = multiMainRefusal(ack);
		if (refusal) throw new NodeOperationError(node, refusal);

		const credentials = (await this.getCredentials('stripeSignedApi')) as IDataObject;
		const secretsOf = (c: IDataObject) => [c.webhookSecret, c.previousWebhookSecret].map((s) => (typeof s === 'string' ? s : undefined));
		let secrets = secretsOf(credentials);
		let thinClient = thinClientFactory(credentials); // fetches the events of thin notifications
		if (!secrets.some((s) => s && s.trim())) {
			throw new NodeOperationError(node, 'The Stripe credential has no webhook signing secret (whsec_...): every event would be refused');
		}
		const port = Number(this.getNodeParameter('port', 5681));
		const path = normalizePath(String(this.getNodeParameter('path', '/stripe')));
		const host = (options.host ?? '0.0.0.0').trim() || '0.0.0.0';
		const log = {
			warn: (message: string, extra: Record<string, unknown> = {}) =>
				this.logger.warn(`Stripe High-Volume Trigger "${node.name}": ${message}`, { workflowId, node: node.name, ...extra }),
			info: (message: string, extra: Record<string, unknown> = {}) =>
				this.logger.info(`Stripe High-Volume Trigger "${node.name}": ${message}`, { workflowId, node: node.name, ...extra }),
		};

		const windowHours = Math.max(0, Number(options.dedupeWindowHours ?? 24));
		let dedupe: ConstructorParameters<typeof StripeEventListener>[0]['dedupe'];
		if (windowHours > 0) {
			const store = chooseDedupeStore(options.duplicateStore, options.redisUrl);
			if (typeof store === 'string') throw new NodeOperationError(node, store);
			const windowMs = windowHours * 3_600_000;
			dedupe = { store, keyPrefix: `${DEDUPE_KEY_PREFIX}${workflowId}:${node.id ?? node.name}:`, windowMs, leaseMs: Math.min(windowMs, IN_FLIGHT_LEASE_MS) };
		}

		let journal: EventJournal<StripeEventLike> | undefined;
		let recovery: Awaited<ReturnType<typeof EventJournal.open<StripeEventLike>>>['recovery'] | undefined;
		if (ack === 'journal') {
			const file = journalFile(options.journalFolder, workflowId, String(node.id ?? node.name));
			try {
				({ journal, recovery } = await EventJournal.open<StripeEventLike>(file));
			} catch (error) {
				throw new NodeOperationError(node, `Could not open the event journal ${file}: ${(error as Error).message}`);
			}
			// Events already in the journal were received: a repeat from Stripe must not run them twice.
			if (dedupe) {
				for (const id of recovery.seen) {
					const key = `${dedupe.keyPrefix}${id}`;
					if ((await dedupe.store.claim(key, dedupe.leaseMs).catch(() => 'error')) === 'new') {
						await dedupe.store.complete(key, dedupe.windowMs).catch(() => undefined);
					}
				}
			}
		}

		const filter = { types, mode: this.getNodeParameter('liveMode', 'any') as LiveModeFilter, accounts: splitList(options.connectedAccounts) };
		const listener = new StripeEventListener({
			secrets: () => secrets,
			thinClient: () => thinClient(),
			toleranceSeconds: resolveTolerance(options.toleranceSeconds, DEFAULT_TOLERANCE_SECONDS),
			maxBodyBytes: Math.max(1, Math.floor(Number(options.maxBodyKb ?? DEFAULT_MAX_BODY_BYTES / 1024) * 1024)),
			filter,
			dedupe,
			ack,
			journal,
			windowMs: clamp(options.batchWindowMs, 25, 0, 10_000),
			maxItems: clamp(options.batchMaxEvents, 500, 1, 10_000),
			maxConcurrentRuns: clamp(options.maxConcurrentRuns, 8, 1, 64),
			maxQueued: clamp(options.maxQueuedEvents, 50_000, 1, 10_000_000),
			log,
			run: async (events) => {
				const done = this.helpers.createDeferredPromise<IRun>();
				try {
					this.emit([events.map((event) => ({ json: event as unknown as IDataObject }))], undefined, done);
				} catch (error) {
					return { status: 'notStarted', error: (error as Error).message };
				}
				try {
					return runOutcome(await done.promise);
				} catch (error) {
					return { status: 'notStarted', error: (error as Error).message };
				}
			},
		});

		let removeRoute: () => Promise<void>;
		try {
			removeRoute = await addRoute(port, host, path, (req, res) => listener.handle(req, res));
		} catch (error) {
			await journal?.close();
			throw new NodeOperationError(node, `Could not listen for Stripe events: ${(error as Error).message}`);
		}
		log.info(`listening on ${host}:${port}${path} (acknowledge: ${ack === 'journal' ? 'when journaled' : 'after the workflow'})`);
		if (recovery) listener.replay(recovery);
		// A rotated signing secret applies within a minute, without re-publishing the workflow.
		const refresh = startInterval(() => {
			this.getCredentials('stripeSignedApi').then(
				(c) => {
					secrets = secretsOf(c as IDataObject);
					thinClient = thinClientFactory(c as IDataObject);
				},
				(e: Error) => log.warn(`could not reload the Stripe credential: ${e.message}`),
			);
		}, 60_000);

		// Catch-up from Stripe's event list: claimed like a delivery, journaled, then run in the listener's batches.
		const catchUp = await startNodeCatchUp(this, {
			options,
			types,
			filter,
			dedupe: dedupe && {
				claim: async (id) => await dedupe.store.claim(`${dedupe.keyPrefix}${id}`, dedupe.leaseMs),
				settle: async (id, handled) =>
					await (handled ? dedupe.store.complete(`${dedupe.keyPrefix}${id}`, dedupe.windowMs) : dedupe.store.release(`${dedupe.keyPrefix}${id}`)),
			},
			deliver: async (events) => {
				const caught = events as unknown as StripeEventLike[];
				if (journal) {
					await journal.accept(caught); // on disk: it runs, now or after a restart
					await listener.enqueueCaughtUp(caught);
					return true;
				}
				const outcomes = await listener.enqueueCaughtUp(caught);
				return outcomes.every((o) => o.status !== 'notStarted');
			},
			label: 'Stripe High-Volume Trigger',
		}).catch((error: Error) => {
			log.warn(`the catch-up could not start: ${error.message}`);
			return undefined;
		});

		return {
			closeFunction: async () => {
				await catchUp?.stop(false);
				stopInterval(refresh);
				await removeRoute();
				await listener.stop();
				await journal?.close();
			},
		};
	}
}
