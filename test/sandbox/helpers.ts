/**
 * Shared test helpers. The Slack signature check here is written from Slack's documentation
 * (https://api.slack.com/authentication/verifying-requests-from-slack), independently of the sandbox.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SLACK_TOKEN = 'xoxb-sandbox-token';
export const SIGNING_SECRET = 'sandbox-signing-secret';

/** v0=HMAC-SHA256(`v0:${timestamp}:${rawBody}`, signing secret), timestamp within 5 minutes. */
export function verifySlackSignature(secret: string, headers: IncomingMessage['headers'], rawBody: string, nowSec = Date.now() / 1000): boolean {
	const ts = headers['x-slack-request-timestamp'];
	const sig = headers['x-slack-signature'];
	if (typeof ts !== 'string' || typeof sig !== 'string') return false;
	if (Math.abs(nowSec - Number(ts)) > 300) return false;
	const expected = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${rawBody}`).digest('hex');
	const a = Buffer.from(expected);
	const b = Buffer.from(sig);
	return a.length === b.length && timingSafeEqual(a, b);
}

export interface Received {
	headers: IncomingMessage['headers'];
	body: string;
}

/** A tiny local HTTP server standing in for an n8n webhook. */
export async function startHook(
	handler: (r: Received, res: ServerResponse) => void | Promise<void>,
): Promise<{ url: string; received: Received[]; server: Server; close: () => Promise<void> }> {
	const received: Received[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', async () => {
			const r = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
			received.push(r);
			try {
				await handler(r, res);
			} catch (e) {
				res.writeHead(500);
				res.end(String(e));
			}
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
	return {
		url,
		received,
		server,
		close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
	};
}

export async function slackCall(base: string, method: string, args: Record<string, unknown>, token = SLACK_TOKEN): Promise<{ status: number; headers: Headers; body: any }> {
	const r = await fetch(`${base}/api/${method}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${token}` },
		body: JSON.stringify(args),
	});
	return { status: r.status, headers: r.headers, body: await r.json() };
}

export async function getJson(url: string): Promise<any> {
	return (await fetch(url)).json();
}

export async function postJson(url: string, body: unknown): Promise<any> {
	const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	return r.json();
}

/** A sandbox on a free port and the official Stripe SDK pointed at it. */
export async function sandboxWithStripe(): Promise<{ sb: import('../../sandbox/server').Sandbox; stripe: import('stripe').Stripe }> {
	const { startSandbox } = await import('../../sandbox/server');
	const { default: Stripe } = await import('stripe');
	const sb = await startSandbox({ port: 0, seedTransactions: 5 });
	const u = new URL(sb.url);
	return { sb, stripe: new Stripe('sk_test_sandbox', { host: u.hostname, port: Number(u.port), protocol: 'http', maxNetworkRetries: 0 }) };
}
