/**
 * The pacer's transport for the Slack Web API (@slack/web-api), no n8n imports.
 *
 * The WebClient is configured so that the pacer, not the SDK, decides about retries:
 * - `rejectRateLimitedCalls: true`: a 429 is thrown at once as WebAPIRateLimitedError(retryAfter), so the
 *   pacer can count it, pause that channel for Retry-After and slow its bucket. The SDK's own handling
 *   would pause the client's whole request queue (every channel) and hide the 429 from us;
 * - `retryConfig: { retries: 0 }`: 5xx and network errors are retried by the pacer with its backoff,
 *   attempt limit and time limit, and counted.
 */
import { LogLevel, WebClient } from '@slack/web-api';
import { slackApiUrl } from '../slack/slackApi';
import type { Classified, SendResult, Transport } from './pacer';
import type { OutboundMessage } from './types';

export function createDeliveryClient(conn: { botToken: string; apiBaseUrl?: string }, options: { timeoutMs?: number } = {}): WebClient {
	if (!conn.botToken) throw new Error('The Slack credential has no bot token');
	return new WebClient(conn.botToken, {
		slackApiUrl: slackApiUrl(conn.apiBaseUrl),
		timeout: options.timeoutMs ?? 15_000,
		retryConfig: { retries: 0 },
		rejectRateLimitedCalls: true,
		allowAbsoluteUrls: false,
		maxRequestConcurrency: 50,
		logLevel: LogLevel.ERROR,
	});
}

/** Slack errors worth another try (the rest — invalid_blocks, channel_not_found, invalid_auth… — won't get better). */
const RETRYABLE_PLATFORM = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'timeout']);

export function classifySlackError(error: unknown): Classified {
	const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string }; message?: string; original?: Error };
	const message = String(e?.message ?? error).slice(0, 500);
	switch (e?.code) {
		case 'slack_webapi_rate_limited_error':
			return { kind: 'rate_limited', retryAfterMs: Math.max(1, Number(e.retryAfter) || 1) * 1000 };
		case 'slack_webapi_http_error': {
			const status = Number(e.statusCode);
			if (status >= 500 || status === 408) return { kind: 'retry', code: `http_${status}`, message };
			return { kind: 'fatal', code: `http_${status}`, message };
		}
		case 'slack_webapi_request_error':
			return { kind: 'retry', code: 'request_error', message: String(e.original?.message ?? message).slice(0, 500) };
		case 'slack_webapi_platform_error': {
			const code = String(e.data?.error ?? 'unknown_error');
			if (code === 'ratelimited' || code === 'rate_limited') return { kind: 'rate_limited', retryAfterMs: 1000 };
			if (RETRYABLE_PLATFORM.has(code)) return { kind: 'retry', code, message };
			return { kind: 'fatal', code, message: `Slack refused the message: ${code}` };
		}
		default:
			return { kind: 'fatal', code: 'unexpected_error', message };
	}
}

type ChatClient = Pick<WebClient, 'chat'>;

export function slackTransport(client: ChatClient): Transport {
	return {
		classify: classifySlackError,
		async send(m: OutboundMessage): Promise<SendResult> {
			const blocks = m.blocks && m.blocks.length ? { blocks: m.blocks as never } : {};
			const res = m.updateTs
				? await client.chat.update({ channel: m.channel, ts: m.updateTs, text: m.text, ...blocks })
				: await client.chat.postMessage({
						channel: m.channel,
						text: m.text,
						...blocks,
						...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
						unfurl_links: false,
						unfurl_media: false,
					});
			const ts = String(res.ts ?? m.updateTs ?? '');
			if (!ts) throw Object.assign(new Error('Slack answered without a message ts'), { code: 'slack_webapi_platform_error', data: { error: 'no_ts' } });
			return { ts, channel: String(res.channel ?? m.channel) };
		},
	};
}
