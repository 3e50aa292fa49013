import { LogLevel, WebClient } from '@slack/web-api';
import { startTimer, stopTimer } from '../timers';
import { attempt } from '../attempt';

/** The Slack Web API client for a credential, pointed at its API base URL (Slack, GovSlack or the sandbox). */
export interface SlackConnection {
	botToken: string;
	apiBaseUrl?: string;
}

export function slackApiUrl(apiBaseUrl?: string): string {
	const raw = (apiBaseUrl ?? '').trim() || 'https://slack.com/api/';
	const parsed = attempt(() => new URL(raw));
	if (!parsed.ok) throw new Error(`The Slack API base URL "${raw}" is not a valid URL (expected e.g. https://slack.com/api/)`);
	const url = parsed.value;
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new Error(`The Slack API base URL must start with https:// or http://, got "${url.protocol}"`);
	}
	return raw.endsWith('/') ? raw : `${raw}/`;
}

/**
 * `quick` clients are for work done while Slack waits (a denial, a group lookup): few retries, short timeout.
 * The default clients retry a little longer but never for the 30 minutes @slack/web-api would by default.
 */
export function createSlackClient(conn: SlackConnection, options: { quick?: boolean } = {}): WebClient {
	if (!conn.botToken) throw new Error('The Slack credential has no bot token');
	return new WebClient(conn.botToken, {
		slackApiUrl: slackApiUrl(conn.apiBaseUrl),
		timeout: options.quick ? 2_500 : 15_000,
		retryConfig: options.quick
			? { retries: 1, factor: 1, minTimeout: 100, maxTimeout: 300 }
			: { retries: 3, factor: 2, minTimeout: 300, maxTimeout: 3_000 },
		rejectRateLimitedCalls: !!options.quick,
		allowAbsoluteUrls: false,
		logLevel: LogLevel.ERROR,
	});
}

const names = new Map<string, { expires: number; load: Promise<Map<string, { groupId?: string; userId?: string }>> }>();

/**
 * Names in words (@finance, @alice) → a user group's id (by its handle) or a person's (by name or display
 * name), read with usergroups.list and users.list once a minute per workspace. A failed read is not kept.
 */
export function nameResolver(client: WebClient, namespace: string, ttlMs = 60_000): (name: string) => Promise<{ groupId?: string; userId?: string } | undefined> {
	return async (name: string) => {
		let hit = names.get(namespace);
		if (!hit || hit.expires <= Date.now()) {
			const load = (async () => {
				const table = new Map<string, { groupId?: string; userId?: string }>();
				const users = await client.users.list({ limit: 1000 });
				for (const u of users.members ?? []) {
					if (u.deleted || !u.id) continue;
					for (const n of [u.name, u.profile?.display_name]) if (n) table.set(n.toLowerCase(), { userId: u.id });
				}
				const groups = await client.usergroups.list({});
				for (const g of groups.usergroups ?? []) if (g.handle && g.id) table.set(g.handle.toLowerCase(), { groupId: g.id });
				return table;
			})();
			hit = { expires: Date.now() + ttlMs, load };
			names.set(namespace, hit);
			load.catch(() => names.delete(namespace));
		}
		return (await hit.load).get(name.toLowerCase());
	};
}

export function userGroupLister(client: WebClient): (groupId: string) => Promise<string[]> {
	return async (groupId: string) => {
		const res = await client.usergroups.users.list({ usergroup: groupId });
		return Array.isArray(res.users) ? res.users : [];
	};
}

/** Only https URLs under hooks.slack.com (or the configured sandbox host) may receive our messages. */
export function isAllowedResponseUrl(url: string, apiBaseUrl?: string): boolean {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return false;
	}
	if (parsed.protocol === 'https:' && /(^|\.)slack(-gov)?\.com$/.test(parsed.hostname)) return true;
	// The sandbox (or an enterprise proxy) serves response_urls from the same host as its API.
	try {
		const api = new URL(slackApiUrl(apiBaseUrl));
		return api.host === parsed.host && api.protocol === parsed.protocol;
	} catch {
		return false;
	}
}

/** POSTs a message to a response_url (valid 30 minutes, 5 times). */
export async function postToResponseUrl(
	url: string,
	body: Record<string, unknown>,
	options: { apiBaseUrl?: string; timeoutMs?: number } = {},
): Promise<void> {
	if (!isAllowedResponseUrl(url, options.apiBaseUrl)) {
		throw new Error('The response_url is not a Slack URL; refusing to post to it');
	}
	const controller = new AbortController();
	const timer = startTimer(() => controller.abort(), options.timeoutMs ?? 10_000);
	try {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json; charset=utf-8' },
			body: JSON.stringify(body),
			signal: controller.signal,
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`Slack answered ${res.status} on the response_url: ${text.slice(0, 200)}`);
		// response_url answers "ok" or {"ok":true}; a JSON {"ok":false,"error":…} is a failure.
		if (text.startsWith('{')) {
			const json = JSON.parse(text) as { ok?: boolean; error?: string };
			if (json.ok === false) throw new Error(`Slack refused the response_url message: ${json.error ?? 'unknown error'}`);
		}
	} finally {
		stopTimer(timer);
	}
}

export interface EphemeralTarget {
	client?: WebClient;
	apiBaseUrl?: string;
	channel: string | null;
	userId: string;
	responseUrl: string | null;
	threadTs?: string | null;
}

/**
 * Shows a message only to the clicking user: through chat.postEphemeral when the channel is known, and
 * through the response_url when that fails or there is no channel (DMs with the app, ephemeral originals).
 * Returns how it was delivered.
 */
export async function postEphemeralReply(
	target: EphemeralTarget,
	message: { text: string; blocks?: unknown[] },
	options: { prefer?: 'api' | 'responseUrl'; timeoutMs?: number } = {},
): Promise<'chat.postEphemeral' | 'response_url'> {
	const errors: string[] = [];
	const viaApi = async () => {
		if (!target.client || !target.channel) throw new Error('no channel or bot token');
		await target.client.chat.postEphemeral({
			channel: target.channel,
			user: target.userId,
			text: message.text,
			...(message.blocks ? { blocks: message.blocks as never } : {}),
			...(target.threadTs ? { thread_ts: target.threadTs } : {}),
		});
		return 'chat.postEphemeral' as const;
	};
	const viaUrl = async () => {
		if (!target.responseUrl) throw new Error('no response_url');
		await postToResponseUrl(
			target.responseUrl,
			{ response_type: 'ephemeral', replace_original: false, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) },
			{ apiBaseUrl: target.apiBaseUrl, timeoutMs: options.timeoutMs },
		);
		return 'response_url' as const;
	};
	const order = options.prefer === 'responseUrl' ? [viaUrl, viaApi] : [viaApi, viaUrl];
	for (const attempt of order) {
		try {
			return await attempt();
		} catch (error) {
			errors.push((error as Error).message);
		}
	}
	throw new Error(`Could not post the ephemeral message: ${errors.join('; ')}`);
}
