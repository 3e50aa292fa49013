/**
 * The sandbox HTTP server: one port serving
 *   /api/<method>         Slack Web API subset (sandbox/slack.ts)
 *   /v1/..., /v2/...      Stripe API subset (sandbox/stripe.ts)
 *   /                     the browser page (sandbox/page.html)
 *   /_sandbox/...         inspection and control for tests and the dev runner
 *
 * Plain node:http, no framework. Start it in-process with `startSandbox({port: 0})`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SlackSandbox } from './slack';
import { sendCommand, sendShortcut } from './slackDesk';
import { StripeSandbox } from './stripe';
import { stripeControl } from './stripeControl';
import { readBody, sendJson, sleep, type Obj } from './util';

export interface SandboxOptions {
	/** Port on 127.0.0.1; 0 picks a free one. Default: env SANDBOX_PORT or 5680. */
	port?: number;
	host?: string;
	/** Accepted Slack tokens. Default: env SANDBOX_SLACK_TOKENS (comma separated) or ['xoxb-sandbox-token']. */
	slackTokens?: string[];
	/** Slack signing secret for clicks. Default: env SANDBOX_SLACK_SIGNING_SECRET or 'sandbox-signing-secret'. */
	signingSecret?: string;
	/** Legacy verification token put in payloads. Default 'sandbox-verification-token'. */
	verificationToken?: string;
	/** Where clicks are sent. Default: env SANDBOX_INTERACTIVITY_URL (settable later via POST /_sandbox/config). */
	interactivityUrl?: string | null;
	/** Where slash commands are sent. Default: env SANDBOX_COMMAND_URL, else the interactivity URL. */
	commandUrl?: string | null;
	/** Stripe secret key accepted (any sk_test_/rk_test_ key is accepted too). Default: env SANDBOX_STRIPE_KEY or 'sk_test_sandbox'. */
	stripeSecretKey?: string;
	/** Seeded balance transactions. Default: env SANDBOX_SEED_TRANSACTIONS or 500. */
	seedTransactions?: number;
	/** PRNG seed. Default: env SANDBOX_SEED or 42. */
	seed?: number;
	/** Per-channel chat.postMessage limit. Default burst 4, 1 per second. */
	slackRateLimit?: { burst: number; perSecond: number };
	/** How long a click waits for the interactivity URL. Default 3000 ms (Slack's limit). */
	clickTimeoutMs?: number;
	/** Clock (ms) for tests. Default Date.now. */
	now?: () => number;
	/** Request log lines (never contains secrets). Default: silent. */
	log?: (line: string) => void;
	/** Accepted for the dev runner; the sandbox is silent unless `log` is given. */
	quiet?: boolean;
}

export interface Faults {
	slack: { fail429: number; fail5xx: number; latencyMs: number };
	stripe: { fail5xx: number; latencyMs: number };
}

export interface Sandbox {
	url: string;
	port: number;
	slack: SlackSandbox;
	stripe: StripeSandbox;
	close(): Promise<void>;
}

const noFaults = (): Faults => ({ slack: { fail429: 0, fail5xx: 0, latencyMs: 0 }, stripe: { fail5xx: 0, latencyMs: 0 } });

function envInt(name: string, fallback: number): number {
	const v = process.env[name];
	if (v === undefined || v === '') return fallback;
	const n = Number(v);
	if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${v}"`);
	return Math.floor(n);
}

let pageCache: string | undefined;
function page(): string {
	if (!pageCache || process.env.SANDBOX_DEV) pageCache = readFileSync(join(__dirname, 'page.html'), 'utf8');
	return pageCache;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const now = options.now ?? (() => Date.now());
	const host = options.host ?? '127.0.0.1';
	const port = options.port ?? envInt('SANDBOX_PORT', 5680);
	const log = (!options.quiet && options.log) || (() => undefined);
	let baseUrl = '';
	let faults = noFaults();

	const slack = new SlackSandbox({
		tokens: options.slackTokens ?? (process.env.SANDBOX_SLACK_TOKENS ? process.env.SANDBOX_SLACK_TOKENS.split(',').map((s) => s.trim()).filter(Boolean) : ['xoxb-sandbox-token']),
		signingSecret: options.signingSecret ?? process.env.SANDBOX_SLACK_SIGNING_SECRET ?? 'sandbox-signing-secret',
		verificationToken: options.verificationToken ?? 'sandbox-verification-token',
		interactivityUrl: options.interactivityUrl !== undefined ? options.interactivityUrl : process.env.SANDBOX_INTERACTIVITY_URL || null,
		commandUrl: options.commandUrl !== undefined ? options.commandUrl : process.env.SANDBOX_COMMAND_URL || null,
		rateLimit: options.slackRateLimit ?? { burst: 4, perSecond: 1 },
		clickTimeoutMs: options.clickTimeoutMs ?? 3000,
		now,
		baseUrl: () => baseUrl,
	});
	const stripe = new StripeSandbox({
		secretKey: options.stripeSecretKey ?? process.env.SANDBOX_STRIPE_KEY ?? 'sk_test_sandbox',
		seedTransactions: options.seedTransactions ?? envInt('SANDBOX_SEED_TRANSACTIONS', 500),
		seed: options.seed ?? envInt('SANDBOX_SEED', 42),
		now,
	});

	const roll = (p: number) => p > 0 && Math.random() < p;

	async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url || '/', 'http://sandbox');
		const path = url.pathname;
		const method = (req.method || 'GET').toUpperCase();
		const body = await readBody(req);

		// Slack Web API
		const api = /^\/api\/([A-Za-z.]+)$/.exec(path);
		if (api) {
			if (faults.slack.latencyMs) await sleep(faults.slack.latencyMs);
			const fault = roll(faults.slack.fail429) ? '429' : roll(faults.slack.fail5xx) ? '5xx' : null;
			return slack.handleApi(api[1], req, res, body, fault);
		}
		// Stripe API
		if (path.startsWith('/v1/') || path.startsWith('/v2/')) {
			if (faults.stripe.latencyMs) await sleep(faults.stripe.latencyMs);
			return stripe.handle(req, res, body, roll(faults.stripe.fail5xx));
		}
		// Page
		if (method === 'GET' && (path === '/' || path === '/index.html')) {
			const html = page();
			res.writeHead(200, {
				'Content-Type': 'text/html; charset=utf-8',
				'Cache-Control': 'no-store',
				'Content-Security-Policy': "default-src 'self'; img-src * data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'",
			});
			return void res.end(html);
		}
		if (method === 'GET' && path === '/_sandbox/page-desk.js') {
			res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
			return void res.end(readFileSync(join(__dirname, 'page-desk.js'), 'utf8'));
		}
		const permalink = /^\/archives\/([^/]+)\/p(\d+)$/.exec(path);
		if (permalink && method === 'GET') {
			res.writeHead(302, { Location: `/#${permalink[1]}` });
			return void res.end();
		}
		// Slack side channels
		const resp = /^\/_sandbox\/slack\/response\/[^/]+\/([^/]+)$/.exec(path);
		if (resp && method === 'POST') return slack.handleResponseUrl(resp[1], body, res);
		const upload = /^\/_sandbox\/slack\/upload\/([^/]+)$/.exec(path);
		if (upload && method === 'POST') return slack.handleUpload(upload[1], body, res);

		// Inspection and control
		const json = (): Obj => {
			try {
				return body.length ? JSON.parse(body.toString('utf8')) : {};
			} catch {
				throw Object.assign(new Error('body must be JSON'), { status: 400 });
			}
		};
		// The Stripe event log and webhook endpoints (stripeControl.ts)
		if (path.startsWith('/_sandbox/stripe/') && path !== '/_sandbox/stripe/requests') {
			const answer = stripeControl(stripe, method, path, json(), now());
			if (answer) return sendJson(res, 200, answer);
		}
		switch (`${method} ${path}`) {
			case 'GET /_sandbox/health':
				return sendJson(res, 200, { ok: true });
			case 'GET /_sandbox/slack/messages':
				return sendJson(res, 200, { messages: slack.messages, ephemeral: slack.ephemeral, rejected: slack.rejected });
			case 'GET /_sandbox/slack/workspace':
				return sendJson(res, 200, {
					team: { id: 'T_SANDBOX', name: 'Sandbox Workspace' },
					channels: slack.channels,
					users: slack.users,
					usergroups: Object.values(slack.usergroups),
					interactivityUrl: slack.opts.interactivityUrl,
					commandUrl: slack.opts.commandUrl ?? null,
					clicks: slack.clicks,
					commands: slack.commands,
				});
			case 'POST /_sandbox/slack/click': {
				const b = json();
				if (!b.channel || !b.ts || !b.action_id) return sendJson(res, 400, { error: 'channel, ts and action_id are required' });
				const r = await slack.click({ channel: String(b.channel), ts: String(b.ts), action_id: String(b.action_id), block_id: b.block_id, user_id: b.user_id, selected_user: b.selected_user });
				log(`click ${b.action_id} on ${b.channel}/${b.ts} -> ${r.status || r.error}`);
				return sendJson(res, 200, r);
			}
			case 'POST /_sandbox/slack/command': {
				const b = json();
				const r = await sendCommand(slack, { text: String(b.text ?? ''), command: b.command, user_id: b.user_id, channel: b.channel });
				log(`command ${b.command ?? '/stripe'} ${b.text ?? ''} -> ${r.status || r.error}`);
				return sendJson(res, 200, r);
			}
			case 'POST /_sandbox/slack/shortcut': {
				const b = json();
				if (!b.channel || !b.ts) return sendJson(res, 400, { error: 'channel and ts are required' });
				const r = await sendShortcut(slack, { channel: String(b.channel), ts: String(b.ts), user_id: b.user_id, callback_id: b.callback_id });
				return sendJson(res, 200, r);
			}
			case 'GET /_sandbox/stripe/requests':
				return sendJson(res, 200, { requests: stripe.requests });
			case 'POST /_sandbox/reset':
				slack.reset();
				stripe.reset();
				faults = noFaults();
				return sendJson(res, 200, { ok: true });
			case 'GET /_sandbox/faults':
				return sendJson(res, 200, faults);
			case 'POST /_sandbox/faults': {
				const b = json();
				const p = (v: unknown, name: string) => {
					if (v === undefined) return undefined;
					const n = Number(v);
					if (!Number.isFinite(n) || n < 0 || n > 1) throw Object.assign(new Error(`${name} must be between 0 and 1`), { status: 400 });
					return n;
				};
				const ms = (v: unknown, name: string) => {
					if (v === undefined) return undefined;
					const n = Number(v);
					if (!Number.isFinite(n) || n < 0 || n > 60000) throw Object.assign(new Error(`${name} must be between 0 and 60000`), { status: 400 });
					return n;
				};
				const next = noFaults();
				next.slack.fail429 = p(b.slack?.fail429, 'slack.fail429') ?? 0;
				next.slack.fail5xx = p(b.slack?.fail5xx, 'slack.fail5xx') ?? 0;
				next.slack.latencyMs = ms(b.slack?.latencyMs, 'slack.latencyMs') ?? 0;
				next.stripe.fail5xx = p(b.stripe?.fail5xx, 'stripe.fail5xx') ?? 0;
				next.stripe.latencyMs = ms(b.stripe?.latencyMs, 'stripe.latencyMs') ?? 0;
				faults = next;
				return sendJson(res, 200, faults);
			}
			case 'GET /_sandbox/config':
				return sendJson(res, 200, { interactivityUrl: slack.opts.interactivityUrl, commandUrl: slack.opts.commandUrl ?? null, slackRateLimit: slack.opts.rateLimit, url: baseUrl });
			case 'POST /_sandbox/config': {
				const b = json();
				if (b.interactivityUrl !== undefined) {
					if (b.interactivityUrl !== null) {
						try {
							new URL(String(b.interactivityUrl));
						} catch {
							return sendJson(res, 400, { error: 'interactivityUrl must be a URL or null' });
						}
					}
					slack.opts.interactivityUrl = b.interactivityUrl === null ? null : String(b.interactivityUrl);
				}
				if (b.slackRateLimit !== undefined) {
					const r = b.slackRateLimit as { burst?: unknown; perSecond?: unknown };
					const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
					if (!r || !ok(r.burst) || !ok(r.perSecond)) return sendJson(res, 400, { error: 'slackRateLimit must be {burst, perSecond}, both positive numbers' });
					slack.opts.rateLimit = { burst: Number(r.burst), perSecond: Number(r.perSecond) };
				}
				if (b.commandUrl !== undefined) {
					if (b.commandUrl !== null && !URL.canParse(String(b.commandUrl))) return sendJson(res, 400, { error: 'commandUrl must be a URL or null' });
					slack.opts.commandUrl = b.commandUrl === null ? null : String(b.commandUrl);
				}
				return sendJson(res, 200, { interactivityUrl: slack.opts.interactivityUrl, commandUrl: slack.opts.commandUrl ?? null, slackRateLimit: slack.opts.rateLimit, url: baseUrl });
			}
		}
		sendJson(res, 404, { error: `no route for ${method} ${path}` });
	}

	const server = createServer((req, res) => {
		const started = Date.now();
		res.on('finish', () => log(`${req.method} ${(req.url || '').split('?')[0]} ${res.statusCode} ${Date.now() - started}ms`));
		route(req, res).catch((e: Error & { status?: number }) => {
			if (!res.headersSent) sendJson(res, e.status ?? 500, { error: e.message });
			else res.end();
		});
	});
	// Long-lived keep-alive sockets from SDKs must not keep close() waiting.
	server.keepAliveTimeout = 2000;

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve());
	});
	const actualPort = (server.address() as AddressInfo).port;
	baseUrl = `http://${host}:${actualPort}`;

	return {
		url: baseUrl,
		port: actualPort,
		slack,
		stripe,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
