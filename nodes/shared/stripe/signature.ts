/**
 * Verification of Stripe webhook deliveries: the pure core of the Stripe Signed Trigger (no n8n imports).
 *
 * Header format (https://docs.stripe.com/webhooks#verify-manually): `t=<unix seconds>,v1=<hex>[,v1=<hex>...][,v0=...]`.
 * During a secret rotation Stripe sends one `v1` per active secret, so ANY `v1` matching ANY configured secret passes.
 * `v0` (and any other scheme) is ignored. The HMAC comparison itself is done by the `stripe` SDK
 * (`Stripe.webhooks.signature.verifyHeader`, constant-time compare), with its own age check off; the age is
 * decided here from the header's timestamp, in both directions (too old, and too far in the future).
 *
 * A thin event notification (object "v2.core.event", Stripe's event destinations) passes the same checks and is
 * returned as `thin` (with what stripe-node's own parser needs to verify it again): ./thin.ts fetches its event.
 *
 * Every reason returned here is safe to log and to send back: it never contains the secret or the body.
 */
import Stripe from 'stripe';
import { toleranceProblem } from '../tolerance';

export const DEFAULT_TOLERANCE_SECONDS = 300;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** The `object` of a thin event notification. */
export const THIN_OBJECT = 'v2.core.event';

export type RejectCode =
	| 'bad_tolerance'
	| 'body_too_large'
	| 'missing_header'
	| 'malformed_header'
	| 'no_secret'
	| 'no_matching_signature'
	| 'timestamp_too_old'
	| 'timestamp_in_future'
	| 'body_not_json'
	| 'not_a_stripe_event';

/** A Stripe event envelope as delivered to a webhook endpoint. Only what the trigger reads is typed. */
export interface StripeEventLike {
	id: string;
	type: string;
	object?: string;
	livemode?: boolean;
	account?: string;
	created?: number;
	data?: { object?: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
	[key: string]: unknown;
}

/** A signed thin event notification, verified here, with what ./thin.ts needs to parse it with stripe-node's parser. */
export interface SignedThinNotification {
	/** the exact bytes */
	body: Buffer;
	/** the header rebuilt from what was validated: `t=...,v1=...[,v1=...]` */
	header: string;
	/** the configured secrets, blanks and repeats removed (every one is tried again by the SDK's parser) */
	secrets: string[];
	toleranceSeconds: number;
	nowMs: number;
	/** the parsed body: object "v2.core.event", string id and type */
	notification: Record<string, unknown>;
}

interface Verified {
	ok: true;
	/** index into the configured secrets (blanks and repeats removed) of the secret that matched */
	secretIndex: number;
	/** the `t=` of the header, unix seconds */
	timestamp: number;
}

export type VerifyResult =
	| (Verified & { event: StripeEventLike; thin?: undefined })
	| (Verified & { thin: SignedThinNotification; event?: undefined })
	| { ok: false; status: number; code: RejectCode; reason: string };

export interface VerifyInput {
	/** The exact bytes Stripe sent. A re-serialized object will not verify. */
	rawBody: Buffer | Uint8Array | string;
	/** Value of the `Stripe-Signature` header (undefined when absent). */
	header: string | string[] | undefined;
	/** Candidate signing secrets (whsec_...); empty and duplicate entries are ignored. */
	secrets: Array<string | undefined | null>;
	/**
	 * Allowed distance between the header's `t=` and now, in seconds, in both directions. Default 300.
	 * Anything but a finite number from 1 to 3600 refuses every request (500, `bad_tolerance`): never "no check".
	 */
	toleranceSeconds?: number;
	/** Current time in milliseconds (injectable for tests). Default Date.now(). */
	nowMs?: number;
	/** Larger bodies are refused with 413 before anything else is done. Default 1 MiB. */
	maxBodyBytes?: number;
}

export interface ParsedSignatureHeader {
	timestamp: number;
	v1: string[];
}

const reject = (status: number, code: RejectCode, reason: string): VerifyResult => ({
	ok: false,
	status,
	code,
	reason,
});

/**
 * Strict parse of the header. Returns a reason string when malformed. Whitespace around elements is
 * tolerated (some proxies join repeated headers with ", "), unknown schemes such as `v0` are ignored.
 */
export function parseSignatureHeader(header: string): ParsedSignatureHeader | string {
	let timestamp: number | undefined;
	const v1: string[] = [];
	for (const rawPart of header.split(',')) {
		const part = rawPart.trim();
		if (part === '') continue;
		const eq = part.indexOf('=');
		if (eq <= 0) return `an element of the Stripe-Signature header is not "key=value"`;
		const key = part.slice(0, eq);
		const value = part.slice(eq + 1);
		if (key === 't') {
			if (!/^\d{1,12}$/.test(value)) return 'the Stripe-Signature timestamp (t=) is not a number of seconds';
			if (timestamp !== undefined) return 'the Stripe-Signature header has more than one timestamp (t=)';
			timestamp = Number(value);
		} else if (key === 'v1') {
			if (!/^[0-9a-fA-F]{64}$/.test(value)) return 'a v1 signature in the Stripe-Signature header is not 64 hex characters';
			v1.push(value.toLowerCase());
		}
	}
	if (timestamp === undefined) return 'the Stripe-Signature header has no timestamp (t=)';
	if (v1.length === 0) return 'the Stripe-Signature header has no v1 signature';
	return { timestamp, v1 };
}

function byteLength(body: Buffer | Uint8Array | string): number {
	return typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
}

function toBuffer(body: Buffer | Uint8Array | string): Buffer {
	if (Buffer.isBuffer(body)) return body;
	return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** Which secrets to try, in order, without blanks or repeats. */
export function normalizeSecrets(secrets: Array<string | undefined | null>): string[] {
	const out: string[] = [];
	for (const s of secrets) {
		if (typeof s !== 'string') continue;
		const trimmed = s.trim();
		if (trimmed !== '' && !out.includes(trimmed)) out.push(trimmed);
	}
	return out;
}

/**
 * A parsed body is a Stripe event when it is an object with a string `id` and `type` and, if present, object "event"
 * (a snapshot event) or "v2.core.event" (a thin event notification).
 */
export function checkStripeEventShape(value: unknown): string | undefined {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'the body is JSON but not an object';
	const v = value as Record<string, unknown>;
	if (typeof v.id !== 'string' || v.id === '') return 'the body is not a Stripe event: it has no "id"';
	if (typeof v.type !== 'string' || v.type === '') return 'the body is not a Stripe event: it has no "type"';
	if (v.object !== undefined && v.object !== 'event' && v.object !== THIN_OBJECT) {
		return `the body is not a Stripe event: "object" is "${String(v.object).slice(0, 40)}", expected "event" or "${THIN_OBJECT}"`;
	}
	return undefined;
}

/**
 * Verify one delivery. Order of checks: tolerance configured, size, header present, header well-formed, a secret configured,
 * signature (any v1 x any secret), timestamp (both directions), JSON, event shape.
 */
export function verifyStripeWebhook(input: VerifyInput): VerifyResult {
	const toleranceIssue = toleranceProblem(input.toleranceSeconds);
	if (toleranceIssue) return reject(500, 'bad_tolerance', `the trigger is misconfigured: ${toleranceIssue}`);
	const tolerance = Math.floor(input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
	const maxBytes = input.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
	const nowMs = input.nowMs ?? Date.now();

	const size = byteLength(input.rawBody);
	if (size > maxBytes) {
		return reject(413, 'body_too_large', `the body is ${size} bytes, more than the allowed ${maxBytes} bytes`);
	}

	const headerValue = Array.isArray(input.header) ? input.header.join(',') : input.header;
	if (headerValue === undefined || headerValue.trim() === '') {
		return reject(400, 'missing_header', 'the Stripe-Signature header is missing');
	}
	const parsed = parseSignatureHeader(headerValue);
	if (typeof parsed === 'string') return reject(400, 'malformed_header', parsed);

	const secrets = normalizeSecrets(input.secrets);
	if (secrets.length === 0) {
		return reject(
			401,
			'no_secret',
			'no webhook signing secret is configured for this trigger, so no request can be verified',
		);
	}

	// Rebuild a canonical header (t, then every v1) so the SDK sees exactly what was validated above.
	const canonical = [`t=${parsed.timestamp}`, ...parsed.v1.map((s) => `v1=${s}`)].join(',');
	const body = toBuffer(input.rawBody);
	if (body.byteLength === 0) return reject(400, 'body_not_json', 'the body is empty');

	// The SDK checks the signature only (tolerance 0 turns its age check off); the age is decided below from the
	// timestamp itself, in both directions, so no SDK message is ever matched.
	let matched = -1;
	for (let i = 0; i < secrets.length && matched < 0; i++) {
		try {
			Stripe.webhooks.signature!.verifyHeader(body, canonical, secrets[i], 0, undefined, nowMs);
			matched = i;
		} catch {
			// This secret does not match; try the next one.
		}
	}
	if (matched < 0) {
		return reject(
			401,
			'no_matching_signature',
			`no v1 signature in the Stripe-Signature header matches the configured signing secret${secrets.length > 1 ? 's' : ''} (wrong secret, or the body was changed after Stripe signed it)`,
		);
	}
	const ageSeconds = Math.floor(nowMs / 1000) - parsed.timestamp;
	if (ageSeconds > tolerance) {
		return reject(
			401,
			'timestamp_too_old',
			`the signature timestamp is ${ageSeconds} s old, outside the tolerance of ${tolerance} s (replayed or delayed request)`,
		);
	}
	if (-ageSeconds > tolerance) {
		return reject(
			401,
			'timestamp_in_future',
			`the signature timestamp is ${-ageSeconds} s in the future, outside the tolerance of ${tolerance} s (check the server clock)`,
		);
	}

	let json: unknown;
	try {
		json = JSON.parse(body.toString('utf8'));
	} catch {
		return reject(400, 'body_not_json', 'the body is not valid JSON');
	}
	const shapeProblem = checkStripeEventShape(json);
	if (shapeProblem) return reject(422, 'not_a_stripe_event', shapeProblem);

	const verified = { ok: true as const, secretIndex: matched, timestamp: parsed.timestamp };
	if ((json as Record<string, unknown>).object === THIN_OBJECT) {
		const notification = json as Record<string, unknown>;
		return { ...verified, thin: { body, header: canonical, secrets, toleranceSeconds: tolerance, nowMs, notification } };
	}
	return { ...verified, event: json as StripeEventLike };
}
