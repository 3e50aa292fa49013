/**
 * How the Slack stand-in signs what it sends to the app (v0 HMAC over the raw body, as Slack signs it), and
 * the trigger ids it makes up. Used by clicks (slackInteractivity.ts) and by slash commands and message
 * shortcuts (slackDesk.ts); kept apart so neither imports the other.
 */
import { createHmac } from 'node:crypto';
import { TEAM } from './seed';
import { randomId } from './util';

export interface SignedResult {
	status: number; // HTTP status the app answered; 0 when it could not be reached
	error?: string;
	body?: string;
	response_url?: string;
	/** ms from sending to the app's answer */
	answeredInMs?: number;
}

/** POSTs a form body signed with the signing secret, as Slack does, and waits at most `timeoutMs`. */
export async function signedPost(url: string, signingSecret: string, nowMs: number, body: string, timeoutMs: number): Promise<SignedResult> {
	const timestamp = String(Math.floor(nowMs / 1000));
	const signature = 'v0=' + createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
	const t0 = Date.now();
	try {
		const r = await fetch(url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				'X-Slack-Signature': signature,
				'X-Slack-Request-Timestamp': timestamp,
				'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
			},
			body,
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = (await r.text()).slice(0, 20000);
		return { status: r.status, body: text, answeredInMs: Date.now() - t0 };
	} catch (e) {
		const timeout = (e as Error)?.name === 'TimeoutError';
		return { status: 0, error: timeout ? 'timeout' : `unreachable: ${(e as Error)?.message ?? e}` };
	}
}

export function triggerId(nowMs: number): string {
	return `${Math.floor(nowMs / 1000)}${Math.floor(Math.random() * 1e6)}.${TEAM.id}.${randomId('', 16)}`;
}
