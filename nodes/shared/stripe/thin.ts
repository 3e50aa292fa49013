/**
 * Stripe's thin event notifications (event destinations with the "thin" payload style) for both Stripe triggers.
 * Pure: no n8n imports; the Stripe API is reached through the `stripe` SDK client given by the caller.
 *
 * A thin notification is small and signed like a snapshot event:
 *   {"id":"evt_...","object":"v2.core.event","type":"v1.payment_intent.succeeded","created":"2026-...Z",
 *    "livemode":false,"context":null,"related_object":{"id":"pi_...","type":"payment_intent","url":"/v1/payment_intents/pi_..."}}
 * Stripe names the thin form of a v1 event type with the prefix `v1.` (`v1.customer.created` for
 * `customer.created`), and the Event v2 of such a notification (`GET /v2/core/events/:id`) carries
 * `snapshot_event`: the id of the ordinary v1 event (changelog 2026-09-30.endive, "Makes thin events for API v1
 * resources generally available"; the Event v2 object reference).
 *
 * What the workflow gets. Stripe documents two ways to process a thin event: fetch the versioned event, or fetch
 * the resource's current state. For a `v1.` type this module fetches the versioned event:
 *   1. the snapshot event's id: `snapshot_event` of the notification when it has one, else of its Event v2
 *      (`notification.fetchEvent()`, the SDK's own call);
 *   2. that v1 event, `GET /v1/events/:id`.
 * So the workflow receives exactly the event a snapshot delivery would have carried: the object as it was when the
 * event happened (not as it is now, minutes later on a retry), `data.previous_attributes` included, and the same
 * id, so a thin and a snapshot delivery of one event take the same duplicate claim and run once. Only when the
 * Event v2 names no snapshot event is an event built from the related object (`related_object.url`, fetched).
 * A type without the `v1.` prefix (a v2 type, or one this package does not know) is not fetched at all: it
 * passes as an event built from the notification, which the formatter renders as its generic message.
 *
 * A fetch that fails is never a silent drop: the caller answers Stripe 502 with the reason (no duplicate claim
 * was taken yet), and Stripe delivers the notification again later.
 */
import type { Stripe } from '../sdkTypes';

import { createStripeClient } from '../stripeClient';
import { type EventFilterConfig, filterEvent } from './eventFilter';
import type { RejectCode, SignedThinNotification, StripeEventLike, VerifyResult } from './signature';

export type ThinRejectCode = RejectCode | 'thin_not_verified' | 'thin_no_api_key' | 'thin_fetch_failed';

/** The fields of a thin notification this module reads. */
export interface ThinNotification {
	id: string;
	object: 'v2.core.event';
	type: string;
	created?: string;
	livemode?: boolean;
	/** `acct_...` (or `acct_.../acct_...`) for an event of a connected account */
	context?: string | null;
	related_object?: { id?: string; type?: string; url?: string } | null;
	snapshot_event?: string | null;
	reason?: { request?: { id?: string; idempotency_key?: string } } | null;
}

/** The Stripe API calls a thin notification may need (the SDK's, or a test's). */
export interface ThinFetcher {
	/** The notification's Event v2: `GET /v2/core/events/:id`. */
	fetchEventV2(): Promise<Record<string, unknown>>;
	/** A v1 event: `GET /v1/events/:id`. */
	retrieveEvent(id: string): Promise<Record<string, unknown>>;
	/** The related object: `GET related_object.url`. */
	fetchRelatedObject(): Promise<Record<string, unknown> | null>;
}

export type ThinReject = { ok: false; status: number; code: ThinRejectCode; reason: string };
export type ThinResolved = { ok: true; event: StripeEventLike; via: 'snapshot_event' | 'related_object' | 'notification' };

/** What the trigger needs for thin notifications: the credential's client (or why there is none) and its filter. */
export interface ThinOptions {
	/** absent: thin notifications are refused (500) with the reason that there is no client */
	client?: () => Stripe | string;
	filter: EventFilterConfig;
}

/** The v1 event type of a thin type (`v1.invoice.paid` → `invoice.paid`), undefined for any other type. */
export function v1TypeOf(thinType: string): string | undefined {
	return /^v1\.[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(thinType) ? thinType.slice(3) : undefined;
}

/** The connected account of a notification's context (its last `acct_` segment), if any. */
export function accountOfContext(context: unknown): string | undefined {
	const text = context === null || context === undefined ? '' : String(context);
	const last = text.split('/').pop() ?? '';
	return /^acct_[A-Za-z0-9]+$/.test(last) ? last : undefined;
}

function unixSeconds(created: unknown): number | undefined {
	const ms = typeof created === 'string' ? Date.parse(created) : NaN;
	return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

/**
 * A v1-shaped event made from the notification (and the related object when it was fetched): for types that have
 * no snapshot event. Its id is the notification's.
 */
export function eventFromNotification(n: ThinNotification, related?: Record<string, unknown> | null): StripeEventLike {
	const type = v1TypeOf(n.type) ?? n.type;
	const account = accountOfContext(n.context);
	const ref = n.related_object ?? undefined;
	const object: Record<string, unknown> = related ?? {
		...(typeof ref?.id === 'string' ? { id: ref.id } : {}),
		...(typeof ref?.type === 'string' ? { object: ref.type } : {}),
	};
	return {
		id: n.id,
		object: 'event',
		type,
		created: unixSeconds(n.created) ?? Math.floor(Date.now() / 1000),
		livemode: n.livemode === true,
		...(account ? { account } : {}),
		data: { object },
		request: { id: n.reason?.request?.id ?? null, idempotency_key: n.reason?.request?.idempotency_key ?? null },
	};
}

/** A plain copy of what the SDK returned (no `lastResponse`, no prototypes). */
function plain(value: unknown): Record<string, unknown> {
	return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** Why a Stripe call failed, without the message (it can quote the key) and with a hint for the usual causes. */
export function describeFetchError(error: unknown): string {
	const e = (error ?? {}) as { statusCode?: unknown; type?: unknown; code?: unknown; rawType?: unknown; message?: unknown };
	const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
	const kind = [e.rawType ?? e.type, e.code].filter((v) => typeof v === 'string' && v !== '').join(', ');
	let hint = '';
	if (status === 401 || status === 403) {
		hint = '; the key in the Stripe credential must be allowed to read Events (and the objects the events are about)';
	} else if (status === 404) {
		hint = '; is the credential’s key for the same account and mode (test or live) as the event destination?';
	} else if (status === undefined) {
		hint = '; Stripe could not be reached';
	}
	return `${status !== undefined ? `Stripe answered ${status}` : 'no answer from Stripe'}${kind ? ` (${kind})` : ''}${hint}`;
}

/** Fetches the full event of a verified notification. Never throws. */
export async function fetchFullEvent(n: ThinNotification, fetcher: ThinFetcher): Promise<ThinResolved | ThinReject> {
	if (!v1TypeOf(n.type)) return { ok: true, event: eventFromNotification(n), via: 'notification' };
	let step = 'its Event v2';
	try {
		let snapshotId = typeof n.snapshot_event === 'string' && n.snapshot_event ? n.snapshot_event : undefined;
		if (!snapshotId) {
			const v2 = await fetcher.fetchEventV2();
			snapshotId = typeof v2.snapshot_event === 'string' && v2.snapshot_event ? v2.snapshot_event : undefined;
		}
		if (snapshotId) {
			step = `its snapshot event ${snapshotId}`;
			const event = plain(await fetcher.retrieveEvent(snapshotId));
			if (event.object !== 'event' || typeof event.id !== 'string' || typeof event.type !== 'string') {
				return reject(502, 'thin_fetch_failed', `Stripe's answer for the snapshot event ${snapshotId} of thin notification ${n.id} is not an event`);
			}
			return { ok: true, event: event as StripeEventLike, via: 'snapshot_event' };
		}
		if (typeof n.related_object?.url !== 'string') return { ok: true, event: eventFromNotification(n), via: 'notification' };
		step = 'its related object';
		const related = await fetcher.fetchRelatedObject();
		return { ok: true, event: eventFromNotification(n, related ? plain(related) : null), via: related ? 'related_object' : 'notification' };
	} catch (error) {
		return reject(
			502,
			'thin_fetch_failed',
			`could not fetch ${step} for the thin event notification ${n.id} (${n.type}): ${describeFetchError(error)}. Stripe will send the notification again`,
		);
	}
}

const reject = (status: number, code: ThinRejectCode, reason: string): ThinReject => ({ ok: false, status, code, reason });

/** The SDK's view of a notification: what parseEventNotification returns. */
interface SdkNotification {
	context?: unknown;
	fetchEvent(): Promise<unknown>;
	fetchRelatedObject(): Promise<unknown>;
}

/** The Stripe API calls of a notification parsed by the SDK, through the credential's client. */
export function sdkFetcher(client: Stripe, parsed: SdkNotification): ThinFetcher {
	const account = accountOfContext(parsed.context);
	return {
		fetchEventV2: async () => (await parsed.fetchEvent()) as Record<string, unknown>,
		retrieveEvent: async (id) =>
			(await client.events.retrieve(id, {}, account ? { stripeAccount: account } : {})) as unknown as Record<string, unknown>,
		fetchRelatedObject: async () => ((await parsed.fetchRelatedObject()) ?? null) as Record<string, unknown> | null,
	};
}

/**
 * stripe-node's own parser (`stripe.parseEventNotification`) on the verified bytes, with every configured secret
 * (a rotation signs with several). It checks the HMAC and the age again and that the body is an event notification;
 * the future side of the tolerance was checked by signature.ts.
 */
export function parseThinNotification(client: Stripe, signed: SignedThinNotification): { ok: true; parsed: SdkNotification; notification: ThinNotification } | ThinReject {
	let lastError = '';
	for (const secret of signed.secrets) {
		try {
			const parsed = client.parseEventNotification(signed.body, signed.header, secret, signed.toleranceSeconds, undefined, signed.nowMs);
			const n = parsed as unknown as Record<string, unknown>;
			if (typeof n.id !== 'string' || typeof n.type !== 'string') break;
			return { ok: true, parsed: parsed as unknown as SdkNotification, notification: signed.notification as unknown as ThinNotification };
		} catch (error) {
			lastError = (error as Error).name === 'StripeSignatureVerificationError' || (error as { type?: string }).type === 'StripeSignatureVerificationError' ? 'signature' : 'shape';
			if (lastError === 'shape') break;
		}
	}
	return reject(
		401,
		'thin_not_verified',
		lastError === 'signature'
			? "stripe-node's parser found no signature of the thin event notification that matches the configured signing secrets"
			: "stripe-node's parser did not accept the body as a thin event notification",
	);
}

/**
 * The event a verified delivery hands to the workflow: a snapshot event as it came, a thin notification's full
 * event fetched through the API. A thin notification the trigger's filter would ignore is not fetched: the event
 * built from it carries the same type, mode and account, so the caller's own filter ignores it.
 */
export async function deliveredEvent(
	verified: Exclude<VerifyResult, { ok: false }>,
	thin: ThinOptions,
): Promise<{ ok: true; event: StripeEventLike } | ThinReject> {
	if (!verified.thin) return { ok: true, event: verified.event };
	const client = thin.client ? thin.client() : 'this trigger has no Stripe client to fetch thin events with';
	if (typeof client === 'string') return reject(500, 'thin_no_api_key', client);
	const parsed = parseThinNotification(client, verified.thin);
	if (!parsed.ok) return parsed;
	const view = eventFromNotification(parsed.notification);
	if (!filterEvent(view, thin.filter).pass) return { ok: true, event: view };
	return fetchFullEvent(parsed.notification, sdkFetcher(client, parsed.parsed));
}

/**
 * The client a trigger parses and fetches thin events with, made from the Stripe credential on first use: short
 * timeouts, since Stripe waits for the answer. Without a key it gives the reason instead.
 */
export function thinClientFactory(credentials: { secretKey?: unknown; apiBaseUrl?: unknown }): () => Stripe | string {
	let client: Stripe | undefined;
	return () => {
		const secretKey = typeof credentials.secretKey === 'string' ? credentials.secretKey.trim() : '';
		if (!secretKey) {
			return 'a thin event notification arrived, but the Stripe credential has no secret or restricted key to fetch its event with; add one that may read Events';
		}
		client ??= createStripeClient(
			{ secretKey, apiBaseUrl: typeof credentials.apiBaseUrl === 'string' ? credentials.apiBaseUrl : '' },
			{ timeout: 10_000, maxNetworkRetries: 1 },
		);
		return client;
	};
}
