/**
 * Endpoint health (issue #27, item 2; pure, no n8n imports): on each schedule tick of a Stripe trigger, look at
 * the trigger's webhook endpoint in Stripe and say, at most once per change, when it stops working and when it
 * works again.
 *
 *   GET /v1/webhook_endpoints/:id                       404 → 'missing'; status disabled → 'disabled';
 *                                                       enabled_events not covering the trigger's types →
 *                                                       'missing_event_types' (with the list)
 *   GET /v1/events?delivery_success=false&created[..]   events of the trigger's types created since the last
 *                                                       check whose delivery failed: `failingThreshold` or more →
 *                                                       'delivery_failing'; it clears on a window with none failed
 *                                                       and one delivered at least (delivery_success=true)
 *
 * The state (problems, since when, up to when deliveries were looked at) lives in a HealthStateStore shared by
 * every process (file on one n8n, Redis in queue mode: endpointHealthStore.ts). A check reads the state, asks
 * Stripe, and writes the new state with compare-and-set: of two processes checking at once only one writes, and
 * only the one that wrote returns a notice. A Stripe or store failure returns an error and leaves the state as it
 * was: no notice, no flip-flop.
 */
import type { Stripe } from '../sdkTypes';
import { dashboardUrl } from '../format/dashboard';
import { matchesEventType, isWildcard } from './eventFilter';
import { NOTICE_OBJECT, type EndpointHealthNoticeData, type EndpointProblem, type TriggerNotice } from './notices';
import type { HealthStateStore } from './endpointHealthStore';

/** The notices a health check returns (the endpoint-health half of TriggerNotice). */
export type EndpointHealthNotice = Extract<TriggerNotice, { type: 'stripe_slack.endpoint_unhealthy' | 'stripe_slack.endpoint_recovered' }>;

/** What is stored per endpoint (JSON). */
export interface HealthState {
	v: 1;
	endpointId: string;
	/** sorted; empty = healthy */
	problems: EndpointProblem[];
	missingTypes?: string[];
	failingDeliveries?: number;
	/** unix seconds: since when the current problems (or health) hold */
	since: number;
	/** unix seconds: failed deliveries were looked at up to here (the next window starts here) */
	checkedUntil: number;
	/** unix seconds of the last completed check */
	checkedAt: number;
	/** incremented by every write; part of the notice id */
	rev: number;
	livemode: boolean;
}

export interface EndpointHealthDeps {
	/** a stripe SDK client (nodes/shared/stripeClient.ts `createStripeClient`); only these two resources are used */
	stripe: Pick<Stripe, 'webhookEndpoints' | 'events'>;
	/** `we_...`: the trigger's registration record (`endpointIdForHealth`) or the Endpoint ID option */
	endpointId: string;
	/** the trigger's selected event types, wildcards as in eventFilter.ts; empty = every type (not checked) */
	eventTypes: string[];
	store: HealthStateStore;
	/** clock in ms (Date.now by default) */
	now?: () => number;
	/** the state's key; default `endpoint:<endpointId>` (triggers sharing an endpoint share its state) */
	stateKey?: string;
	/** this many failed deliveries (or more) in one window is a problem; default 3 */
	failingThreshold?: number;
	/** events younger than this are not judged yet (Stripe's first attempt may still be under way); default 60 s */
	graceSeconds?: number;
	/** how far back the first check looks for failed deliveries; default 600 s (the schedule's interval) */
	firstWindowSeconds?: number;
	/** a connected account's id, for the Dashboard link */
	account?: string;
	/** the trigger's catch-up interval, for the alert's words ("n8n catches up every 10 minutes") */
	catchUpEveryMinutes?: number;
	/** where a failure is said (no secrets or customer data are passed to it) */
	log?: (message: string) => void;
}

export interface HealthCheckResult {
	/** one notice when the state changed (and this process wrote the change), else undefined */
	notice?: EndpointHealthNotice;
	/** the problems found now (the stored ones when the check failed) */
	problems: EndpointProblem[];
	/** the state stored after the check (or the one kept when it failed or another process wrote first) */
	state: HealthState | null;
	/** why the check could not be completed (Stripe or the store failed); the state was kept */
	error?: string;
	/** another process wrote the state between our read and our write: it owns any notice */
	lost?: boolean;
}

export const DEFAULT_FAILING_THRESHOLD = 3;
const DEFAULT_GRACE_S = 60;
const DEFAULT_FIRST_WINDOW_S = 600;
/** Stripe lists events of the last 30 days only. */
const EVENT_DAYS_S = 30 * 86400;
/** At most this many failed events are looked at per check (the count is then "at least"). */
const MAX_SCANNED = 1000;
const ENDPOINT_ID = /^we_[A-Za-z0-9]{3,100}$/;
const ORDER: EndpointProblem[] = ['missing', 'disabled', 'missing_event_types', 'delivery_failing'];

export function isEndpointId(v: unknown): boolean {
	return typeof v === 'string' && ENDPOINT_ID.test(v);
}

function isMissing(error: unknown): boolean {
	const e = error as { statusCode?: number; code?: string; raw?: { code?: string } } | undefined;
	return e?.statusCode === 404 || e?.code === 'resource_missing' || e?.raw?.code === 'resource_missing';
}

/** A failure in words: Stripe's type, status and message, with anything key-like cut. */
export function describeFailure(error: unknown): string {
	const e = error as { type?: string; statusCode?: number; message?: string } | undefined;
	const msg = String(e?.message ?? error)
		.replace(/\b(sk|rk|pk)_(live|test)_[A-Za-z0-9]+/g, '$1_$2_…')
		.replace(/\bwhsec_[A-Za-z0-9]+/g, 'whsec_…')
		.slice(0, 200);
	return `${e?.type ? `${e.type}${e.statusCode ? ` ${e.statusCode}` : ''}: ` : ''}${msg}`;
}

/** The trigger's types that the endpoint's `enabled_events` no longer covers (exact names, or `*`). */
export function uncoveredTypes(triggerTypes: string[], enabledEvents: string[]): string[] {
	const wanted = Array.from(new Set(triggerTypes.map((t) => t.trim()).filter(Boolean)));
	if (wanted.length === 0 || enabledEvents.includes('*')) return [];
	return wanted
		.filter((t) => (isWildcard(t) ? !enabledEvents.some((e) => matchesEventType(e, [t])) : !enabledEvents.includes(t)))
		.sort();
}

function parseState(raw: string | null, endpointId: string): HealthState | null {
	if (!raw) return null;
	try {
		const s = JSON.parse(raw) as HealthState;
		return s && s.v === 1 && s.endpointId === endpointId && Array.isArray(s.problems) ? s : null;
	} catch {
		return null;
	}
}

function sameList(a: string[] | undefined, b: string[] | undefined): boolean {
	const x = [...(a ?? [])].sort();
	const y = [...(b ?? [])].sort();
	return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * Events of the trigger's types created in [from, to) whose delivery failed (`delivered: false`) or succeeded;
 * stops at `stopAt` matching events, and after MAX_SCANNED events of any type.
 */
async function countEvents(stripe: EndpointHealthDeps['stripe'], types: string[], from: number, to: number, delivered: boolean, stopAt = MAX_SCANNED): Promise<number> {
	let scanned = 0;
	let found = 0;
	await stripe.events.list({ delivery_success: delivered, created: { gte: from, lt: to }, limit: delivered ? 20 : 100 }).autoPagingEach((event) => {
		scanned++;
		if (matchesEventType(event.type, types)) found++;
		return scanned >= MAX_SCANNED || found >= stopAt ? false : undefined;
	});
	return found;
}

function noticeOf(state: HealthState, prev: HealthState | null, deps: EndpointHealthDeps): EndpointHealthNotice {
	const recovered = state.problems.length === 0;
	const data: EndpointHealthNoticeData = {
		endpointId: state.endpointId,
		problems: state.problems,
		since: state.since,
		...(state.missingTypes?.length ? { missingTypes: state.missingTypes } : {}),
		...(state.problems.includes('delivery_failing') && state.failingDeliveries !== undefined ? { failingDeliveries: state.failingDeliveries } : {}),
	};
	const url = dashboardUrl({ id: state.endpointId, livemode: state.livemode, account: deps.account });
	if (url) data.dashboardUrl = url;
	if (recovered && prev?.problems.length) data.resolved = prev.problems;
	if (deps.catchUpEveryMinutes && deps.catchUpEveryMinutes > 0) data.catchUpEveryMinutes = deps.catchUpEveryMinutes;
	return {
		object: NOTICE_OBJECT,
		id: `notice_health_${state.endpointId}_${state.rev}`,
		type: recovered ? 'stripe_slack.endpoint_recovered' : 'stripe_slack.endpoint_unhealthy',
		created: state.checkedAt,
		livemode: state.livemode,
		data,
	};
}

/**
 * One health check of the trigger's Stripe webhook endpoint; call it on every schedule tick (and on activation).
 * Returns at most one notice per change of state, for the trigger to emit as an item:
 * `stripe_slack.endpoint_unhealthy` when a problem starts or the set of problems changes,
 * `stripe_slack.endpoint_recovered` once when every problem is gone; nothing while nothing changes.
 * Never throws: a Stripe or store failure comes back as `error` (log it) with the state kept.
 *
 *   const { notice } = await checkEndpointHealth({ stripe, endpointId, eventTypes, store: chooseHealthStore('auto') });
 *   if (notice) emit(notice);
 */
export async function checkEndpointHealth(deps: EndpointHealthDeps): Promise<HealthCheckResult> {
	const log = deps.log ?? (() => undefined);
	const { stripe, endpointId, store } = deps;
	if (!isEndpointId(endpointId)) return { problems: [], state: null, error: `"${String(endpointId).slice(0, 40)}" is not a Stripe webhook endpoint id (we_...)` };
	const key = deps.stateKey ?? `endpoint:${endpointId}`;
	const nowS = Math.floor((deps.now ?? Date.now)() / 1000);
	const threshold = Math.max(1, deps.failingThreshold ?? DEFAULT_FAILING_THRESHOLD);

	let raw: string | null;
	try {
		raw = await store.read(key);
	} catch (error) {
		const why = `the endpoint health state could not be read: ${describeFailure(error)}`;
		log(`Endpoint health check of ${endpointId} skipped: ${why}`);
		return { problems: [], state: null, error: why };
	}
	const prev = parseState(raw, endpointId);
	const prevProblems = prev?.problems ?? [];
	const kept = (error: string): HealthCheckResult => {
		log(`Endpoint health check of ${endpointId} incomplete, state kept: ${error}`);
		return { problems: prevProblems, state: prev, error };
	};

	const problems = new Set<EndpointProblem>();
	let endpoint: Stripe.WebhookEndpoint | undefined;
	try {
		endpoint = await stripe.webhookEndpoints.retrieve(endpointId);
	} catch (error) {
		if (!isMissing(error)) return kept(`Stripe did not answer GET /v1/webhook_endpoints/${endpointId}: ${describeFailure(error)}`);
		problems.add('missing');
	}
	let missingTypes: string[] = [];
	if (endpoint) {
		if (endpoint.status === 'disabled') problems.add('disabled');
		missingTypes = uncoveredTypes(deps.eventTypes, endpoint.enabled_events ?? []);
		if (missingTypes.length) problems.add('missing_event_types');
	}
	const livemode = endpoint ? endpoint.livemode === true : (prev?.livemode ?? false);

	// Failed deliveries since the last window's end, up to a minute ago (younger events may still be in delivery).
	const windowEnd = nowS - Math.max(0, deps.graceSeconds ?? DEFAULT_GRACE_S);
	const windowStart = Math.max(prev?.checkedUntil ?? windowEnd - Math.max(1, deps.firstWindowSeconds ?? DEFAULT_FIRST_WINDOW_S), nowS - EVENT_DAYS_S + 60);
	let checkedUntil = Math.max(prev?.checkedUntil ?? 0, windowEnd);
	let failing: number | undefined = prev?.failingDeliveries;
	const wasFailing = prevProblems.includes('delivery_failing');
	if (problems.has('missing') || problems.has('disabled')) {
		// Nothing is delivered to a disabled or deleted endpoint: that is the problem, not each undelivered event.
		failing = undefined;
	} else if (windowEnd > windowStart) {
		try {
			const n = await countEvents(stripe, deps.eventTypes, windowStart, windowEnd, false);
			// Failing until a window has no failure and at least one delivery that succeeded (a quiet window proves nothing).
			const stillFailing = wasFailing && (n > 0 || (await countEvents(stripe, deps.eventTypes, windowStart, windowEnd, true, 1)) === 0);
			if (n >= threshold || stillFailing) {
				problems.add('delivery_failing');
				failing = n > 0 ? n : prev?.failingDeliveries;
			} else failing = undefined;
		} catch (error) {
			log(`Endpoint health check of ${endpointId}: failed deliveries could not be listed (${describeFailure(error)}); looked at again next time`);
			checkedUntil = prev?.checkedUntil ?? windowStart;
			if (wasFailing) problems.add('delivery_failing');
		}
	} else if (wasFailing) problems.add('delivery_failing');

	const next = ORDER.filter((p) => problems.has(p));
	const changed = !sameList(prevProblems, next) || (next.includes('missing_event_types') && !sameList(prev?.missingTypes, missingTypes));
	const state: HealthState = {
		v: 1,
		endpointId,
		problems: next,
		...(missingTypes.length ? { missingTypes } : {}),
		...(failing !== undefined && next.includes('delivery_failing') ? { failingDeliveries: failing } : {}),
		since: changed || !prev ? nowS : prev.since,
		checkedUntil,
		checkedAt: nowS,
		rev: (prev?.rev ?? 0) + 1,
		livemode,
	};
	let written: boolean;
	try {
		written = await store.compareAndSet(key, raw, JSON.stringify(state));
	} catch (error) {
		return kept(`the endpoint health state could not be written: ${describeFailure(error)}`);
	}
	if (!written) return { problems: next, state: prev, lost: true };
	// The first check of a healthy endpoint says nothing; a change says it once.
	const notice = changed && (next.length > 0 || prevProblems.length > 0) ? noticeOf(state, prev, deps) : undefined;
	return { notice, problems: next, state };
}
