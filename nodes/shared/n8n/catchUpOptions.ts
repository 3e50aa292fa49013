/**
 * The catch-up in both Stripe triggers, at the n8n boundary: its three options, and starting the runner from a
 * trigger's context (credential -> Stripe client, event types -> `types[]`, duplicate store, state store).
 * The logic is in nodes/shared/stripe/catchUp*.ts.
 */
import type { IDataObject, INodeProperties, IRun, ITriggerFunctions } from 'n8n-workflow';

import { DEFAULT_WINDOW_HOURS, MAX_WINDOW_HOURS, clampWindowHours } from '../stripe/catchUp';
import { type ListEvents, type ListedEvent, listTypesFor } from '../stripe/catchUpList';
import { type CatchUpRunner, DEFAULT_EVERY_MINUTES, startCatchUpRunner } from '../stripe/catchUpRunner';
import { chooseCatchUpState } from '../stripe/catchUpState';
import type { EventFilterConfig } from '../stripe/eventFilter';
import type { TriggerNotice } from '../stripe/notices';
import { createStripeClient } from '../stripeClient';
import { checkEndpointHealth } from '../stripe/endpointHealth';
import { ENDPOINT_ID_OPTION, endpointIdForHealth } from '../stripe/endpointHealthOption';
import { chooseHealthStore } from '../stripe/endpointHealthStore';
import type { EndpointRecord } from '../stripe/registration';
import { EVENT_TYPE_OPTIONS } from './eventTypes';

/**
 * Shown (and kept by n8n) unless catch-up is turned off. Not `show: { catchUp: [true] }`: catch-up is on by default, so
 * "Catch Up on Missed Events" is usually absent from the Options collection, and n8n then hides these options and
 * drops their values when it reads the node's parameters (the trigger saw {} for *Endpoint ID* and the interval).
 */
const CATCH_UP_ON = { hide: { catchUp: [false] } };

export const catchUpOptions: INodeProperties[] = [
	{
		displayName: 'Catch Up on Missed Events',
		name: 'catchUp',
		type: 'boolean',
		default: true,
		description:
			'Whether to look in Stripe’s event list for events Stripe could not deliver (n8n down, the workflow unpublished, the endpoint failing) when the workflow is activated and every few minutes, and run each of them once. Needs read access to Events in the restricted key.',
	},
	{
		displayName: 'Catch-Up Every (Minutes)',
		name: 'catchUpEveryMinutes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1440 },
		displayOptions: CATCH_UP_ON,
		default: DEFAULT_EVERY_MINUTES,
		description: 'How often the running trigger looks for events whose delivery failed',
	},
	{
		displayName: 'Catch-Up Window (Hours)',
		name: 'catchUpWindowHours',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_WINDOW_HOURS },
		displayOptions: CATCH_UP_ON,
		default: DEFAULT_WINDOW_HOURS,
		description:
			'How far back a catch-up looks at most (Stripe keeps events for 30 days, 720 hours). A longer gap is reported in the catch-up note.',
	},
	{ ...ENDPOINT_ID_OPTION, displayOptions: CATCH_UP_ON },
];

export interface CatchUpNodeOptions {
	catchUp?: boolean;
	catchUpEveryMinutes?: number;
	catchUpWindowHours?: number;
	endpointId?: string;
	duplicateStore?: 'auto' | 'memory' | 'redis';
	redisUrl?: string;
}

export interface NodeCatchUpConfig {
	options: CatchUpNodeOptions;
	types: string[];
	filter: EventFilterConfig;
	/** the duplicate claim shared with the webhook path, or none when the duplicate window is 0 */
	dedupe?: { claim: (id: string) => Promise<'new' | 'in_flight' | 'done'>; settle: (id: string, handled: boolean) => Promise<void> };
	/** hands claimed events to the workflow; true when done (ran, or journaled) */
	deliver: (events: ListedEvent[]) => Promise<boolean>;
	/** list every event on activation, not only undelivered ones */
	allEvents?: boolean;
	chunkSize?: number;
	label: string;
	/** the trigger's registration record (its endpoint, when it registered one), read at each check */
	endpointRecord?: () => EndpointRecord | undefined;
}

/** true when the run came back without an error (a failed run is in n8n's execution list) */
export function runSucceeded(run: IRun | undefined): boolean {
	return !!run && !run.data?.resultData?.error && run.status !== 'error' && run.status !== 'crashed' && run.status !== 'canceled';
}

/** Emits items as one execution and waits for its end (true: it ran, whatever its outcome; false: not started). */
export async function emitAndWait(ctx: ITriggerFunctions, items: IDataObject[]): Promise<boolean> {
	const done = ctx.helpers.createDeferredPromise<IRun>();
	try {
		ctx.emit([items.map((json) => ({ json }))], undefined, done);
		await done.promise;
		return true;
	} catch {
		return false;
	}
}

const KNOWN_TYPES = EVENT_TYPE_OPTIONS.map((o) => String(o.value));

/** Starts the catch-up for an active (not manual) trigger; undefined when the option is off. */
export async function startNodeCatchUp(ctx: ITriggerFunctions, cfg: NodeCatchUpConfig): Promise<CatchUpRunner | undefined> {
	if (cfg.options.catchUp === false) return undefined;
	const node = ctx.getNode();
	const workflowId = ctx.getWorkflow().id ?? 'unsaved';
	const state = chooseCatchUpState(workflowId, String(node.id ?? node.name), cfg.options.duplicateStore, cfg.options.redisUrl);
	const log = {
		info: (m: string) => ctx.logger.info(`${cfg.label} "${node.name}": ${m}`, { workflowId }),
		warn: (m: string) => ctx.logger.warn(`${cfg.label} "${node.name}": ${m}`, { workflowId }),
	};
	if (typeof state === 'string') {
		log.warn(`no catch-up: ${state}`);
		return undefined;
	}
	const credentials = (await ctx.getCredentials('stripeSignedApi')) as IDataObject;
	const stripe = createStripeClient({ secretKey: String(credentials.secretKey ?? ''), apiBaseUrl: String(credentials.apiBaseUrl ?? '') });
	const list: ListEvents = async (params) => (await stripe.events.list(params as never)) as never;
	return startCatchUpRunner({
		state,
		list,
		filter: cfg.filter,
		listTypes: listTypesFor(cfg.types, KNOWN_TYPES),
		claim: cfg.dedupe?.claim,
		settle: cfg.dedupe?.settle,
		deliver: cfg.deliver,
		notify: async (notice: TriggerNotice) => await emitAndWait(ctx, [notice as unknown as IDataObject]),
		windowHours: clampWindowHours(cfg.options.catchUpWindowHours),
		everyMinutes: cfg.options.catchUpEveryMinutes,
		allEvents: cfg.allEvents,
		chunkSize: cfg.chunkSize,
		log,
		// Endpoint health, on the catch-up's schedule: one alert when the endpoint breaks, one note when it heals.
		afterPass: async () => {
			try {
				const { endpointId, error } = endpointIdForHealth(cfg.endpointRecord?.(), cfg.options.endpointId);
				if (error) return log.warn(error);
				if (!endpointId) return;
				const store = chooseHealthStore(cfg.options.duplicateStore === 'redis' ? 'redis' : 'auto', cfg.options.redisUrl);
				if (typeof store === 'string') return log.warn(`no endpoint health check: ${store}`);
				const { notice } = await checkEndpointHealth({
					stripe,
					endpointId,
					eventTypes: cfg.types,
					store,
					catchUpEveryMinutes: cfg.options.catchUpEveryMinutes ?? DEFAULT_EVERY_MINUTES,
					log: (m) => log.warn(m),
				});
				if (notice && !(await emitAndWait(ctx, [notice as unknown as IDataObject]))) log.warn(`the endpoint health notice ${notice.id} could not be handed to the workflow`);
			} catch (error) {
				log.warn(`the endpoint health check failed: ${(error as Error).message}; it runs again at the next check`);
			}
		},
	});
}
