import { createHmac, timingSafeEqual } from 'crypto';
import { toleranceProblem } from '../tolerance';

/**
 * Verifies Slack's request signature (version `v0`):
 *   X-Slack-Signature: v0=hex(HMAC-SHA256(signingSecret, "v0:" + X-Slack-Request-Timestamp + ":" + rawBody))
 * over the raw, still form-encoded request body. A request is accepted only when the timestamp is within
 * `toleranceSeconds` (default 300 s; anything but a finite number from 1 to 3600 refuses every request) of now, in both directions, and the signature matches in constant time.
 * https://api.slack.com/authentication/verifying-requests-from-slack
 */

export const SLACK_SIGNATURE_VERSION = 'v0';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type SignatureFailure =
	| 'bad_tolerance'
	| 'missing_secret'
	| 'missing_signature'
	| 'missing_timestamp'
	| 'bad_timestamp'
	| 'stale'
	| 'future'
	| 'bad_signature';

export type SignatureResult = { ok: true } | { ok: false; reason: SignatureFailure; message: string };

export interface VerifyInput {
	signingSecret: string;
	/** The raw body exactly as received (Buffer or string). */
	rawBody: Buffer | string;
	/** X-Slack-Signature */
	signature: string | string[] | undefined;
	/** X-Slack-Request-Timestamp */
	timestamp: string | string[] | undefined;
	/** Seconds since the epoch; defaults to the clock. */
	nowSeconds?: number;
	toleranceSeconds?: number;
}

function single(value: string | string[] | undefined): string {
	if (Array.isArray(value)) return value[0] ?? '';
	return (value ?? '').trim();
}

export function computeSlackSignature(signingSecret: string, timestamp: string | number, rawBody: Buffer | string): string {
	const hmac = createHmac('sha256', signingSecret);
	hmac.update(`${SLACK_SIGNATURE_VERSION}:${timestamp}:`);
	hmac.update(rawBody);
	return `${SLACK_SIGNATURE_VERSION}=${hmac.digest('hex')}`;
}

export function verifySlackSignature(input: VerifyInput): SignatureResult {
	const fail = (reason: SignatureFailure, message: string): SignatureResult => ({ ok: false, reason, message });
	const toleranceIssue = toleranceProblem(input.toleranceSeconds, 'Signature Max Age');
	if (toleranceIssue) return fail('bad_tolerance', `The Slack Action Trigger is misconfigured: ${toleranceIssue}`);
	if (!input.signingSecret) return fail('missing_secret', 'The Slack signing secret is not set in the credential');
	const signature = single(input.signature);
	const timestampText = single(input.timestamp);
	if (!signature) return fail('missing_signature', 'Missing X-Slack-Signature header');
	if (!timestampText) return fail('missing_timestamp', 'Missing X-Slack-Request-Timestamp header');
	if (!/^\d{1,12}$/.test(timestampText)) return fail('bad_timestamp', 'Malformed X-Slack-Request-Timestamp header');
	const timestamp = Number(timestampText);
	const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
	const tolerance = Math.floor(input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
	if (now - timestamp > tolerance) return fail('stale', 'The request timestamp is too old (possible replay)');
	if (timestamp - now > tolerance) return fail('future', 'The request timestamp is in the future');

	const expected = Buffer.from(computeSlackSignature(input.signingSecret, timestampText, input.rawBody), 'utf8');
	const received = Buffer.from(signature, 'utf8');
	// timingSafeEqual needs equal lengths; compare against a same-length buffer so the time spent does not
	// depend on where the first difference is.
	const sameLength = expected.length === received.length;
	const match = timingSafeEqual(expected, sameLength ? received : Buffer.alloc(expected.length));
	if (!sameLength || !match) return fail('bad_signature', 'The Slack signature does not match');
	return { ok: true };
}
