/**
 * `npm run send-event -- <event type | json file> [--to <url>] [--times n] [--secret s] [--keep-id] [--thin]`
 *
 * Posts a Stripe event signed exactly like Stripe signs webhooks:
 *   Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of `${t}.${body}` with the endpoint secret>
 *
 * Event types are the fixtures in test/fixtures/stripe/ (see its SOURCES.md) and the sandbox's event builders
 * (sandbox/stripeEvents.ts: the events a money team acts on, around Stripe's example objects, whose objects the
 * sandbox holds so the buttons on their messages work). Defaults come from
 * .dev/endpoints.json, written by `npm start`: the secret is `stripeWebhookSecret`, and without --to
 * the event goes to every template whose Stripe trigger takes its type (endpoints.json `events`; for an
 * endpoints file without them, every webhook whose template name suggests the event type).
 * Each run gives the event a fresh id and `created` (so the node's dedupe does not drop it) unless
 * --keep-id; `--times n` posts the same signed bytes n times concurrently (dedupe testing).
 * `--thin` records the event in the sandbox's Stripe and posts its signed thin event notification instead
 * (scripts/lib/sandboxEventLog.ts); the trigger fetches the event back from the sandbox.
 * Every event sent is recorded in the sandbox's Stripe event log (GET /v1/events) with the outcome of its delivery,
 * when the sandbox is known (--sandbox, or `sandbox` in the endpoints file); a sandbox that cannot be reached only
 * costs that record (for --thin it stops the run: the trigger needs the event there).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { matchesEventType } from '../nodes/shared/stripe/eventFilter';
import { recordBeforeSending, reportDelivery, thinPayload } from './lib/sandboxEventLog';
import { BUILT_EVENT_TYPES, eventOfType } from '../sandbox/stripeEvents';

const ROOT = join(__dirname, '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'stripe');
export const ENDPOINTS_FILE = join(ROOT, '.dev', 'endpoints.json');

export interface Args {
	event: string;
	to: string[];
	times: number;
	secret?: string;
	keepId: boolean;
	endpoints: string;
	all: boolean;
	/** post the event's thin notification (recorded in the sandbox's Stripe) instead of the event */
	thin: boolean;
	/** the sandbox (its event log; needed for --thin); default: `sandbox` of the endpoints file */
	sandbox?: string;
}

const USAGE = `Usage: npm run send-event -- <event type | json file> [--to <url>]... [--times n] [--secret whsec_...] [--keep-id] [--all]

  <event type>   one of the fixtures in test/fixtures/stripe or the sandbox's built events: ${listEventTypes().join(', ')}
  <json file>    any file holding a Stripe event (object "event" with a "type")
  --to <url>     webhook URL (repeatable). Default: the templates in .dev/endpoints.json (written
                 by npm start) whose Stripe trigger takes this event type
  --all          with no --to: post to every webhook in .dev/endpoints.json
  --times n      post the same signed event n times concurrently (dedupe testing), default 1
  --secret s     webhook signing secret. Default: stripeWebhookSecret from .dev/endpoints.json
  --keep-id      keep the fixture's event id and created time (default: fresh ones per run)
  --endpoints f  another endpoints.json
  --thin         record the event in the sandbox's Stripe (GET /v1/events/:id) and post its signed thin
                 event notification (object "v2.core.event", type "v1.<type>") instead of the event
  --sandbox url  the sandbox whose Stripe event log records what is sent, with its delivery outcome
                 (needed for --thin). Default: sandbox from .dev/endpoints.json`;

export function listEventTypes(): string[] {
	let files: string[] = [];
	try {
		files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json') && !f.startsWith('_')).map((f) => f.replace(/\.json$/, ''));
	} catch {
		/* no fixtures: the built events only */
	}
	return [...new Set([...files, ...BUILT_EVENT_TYPES])].sort();
}

export function parseArgs(argv: string[]): Args {
	const a: Args = { event: '', to: [], times: 1, keepId: false, endpoints: ENDPOINTS_FILE, all: false, thin: false };
	for (let i = 0; i < argv.length; i++) {
		const k = argv[i];
		const val = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${k} needs a value`);
			return v;
		};
		if (k === '--to') a.to.push(val());
		else if (k === '--times') a.times = Number(val());
		else if (k === '--secret') a.secret = val();
		else if (k === '--endpoints') a.endpoints = val();
		else if (k === '--keep-id') a.keepId = true;
		else if (k === '--all') a.all = true;
		else if (k === '--thin') a.thin = true;
		else if (k === '--sandbox') a.sandbox = val();
		else if (k === '-h' || k === '--help') throw new Error(USAGE);
		else if (k.startsWith('--')) throw new Error(`Unknown option ${k}\n\n${USAGE}`);
		else if (!a.event) a.event = k;
		else throw new Error(`Only one event per run (got "${a.event}" and "${k}")`);
	}
	if (!a.event) throw new Error(USAGE);
	if (!Number.isInteger(a.times) || a.times < 1 || a.times > 1000) throw new Error('--times must be an integer from 1 to 1000');
	return a;
}

/** Loads an event by fixture type name or from a file path. */
export function loadEvent(ref: string): Record<string, any> {
	const candidates = [ref, resolve(process.cwd(), ref), join(FIXTURES, ref)];
	const file = candidates.find((f) => f.endsWith('.json') && existsSync(f));
	const ofType = file ? undefined : eventOfType(ref);
	if (ofType) return ofType;
	if (!file) {
		throw new Error(`Unknown event "${ref}": not a file and not one of the fixtures in test/fixtures/stripe nor a built event:\n  ${listEventTypes().join('\n  ')}`);
	}
	const ev = JSON.parse(readFileSync(file, 'utf8'));
	if (!ev || typeof ev !== 'object' || typeof ev.type !== 'string') throw new Error(`${file} is not a Stripe event (no "type")`);
	return ev;
}

/** Stripe's scheme: `t=<ts>,v1=<hex HMAC-SHA256(secret, `${t}.${payload}`)>`. */
export function stripeSignature(payload: string, secret: string, t = Math.floor(Date.now() / 1000)): string {
	const v1 = createHmac('sha256', secret).update(`${t}.${payload}`, 'utf8').digest('hex');
	return `t=${t},v1=${v1}`;
}

/** Words a template name may use for each part of an event type. */
const SYNONYMS: Record<string, string[]> = {
	invoice: ['invoice', 'billing', 'dunning'],
	charge: ['charge', 'payment', 'refund'],
	dispute: ['dispute', 'chargeback'],
	payment_intent: ['payment', 'intent'],
	subscription: ['subscription', 'billing', 'churn', 'revenue'],
	customer: ['customer'],
	checkout: ['checkout', 'payment', 'revenue'],
	refunded: ['refund'],
	payment_failed: ['failed', 'failure', 'dunning'],
	failed: ['failed', 'failure', 'dunning'],
	succeeded: ['succeeded', 'success', 'revenue'],
	paid: ['paid', 'revenue'],
	created: [],
	updated: [],
	deleted: ['churn', 'cancel'],
	completed: ['revenue'],
};
const CATCH_ALL = ['all', 'any', 'every', 'events', 'stripe', 'firehose', 'everything'];
/** Outcome words: a template named with one ("failed-payments") only gets events with that outcome. */
const QUALIFIERS = ['failed', 'failure', 'succeeded', 'success', 'paid', 'refund', 'dispute', 'chargeback', 'churn', 'cancel'];

const tokens = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));

/**
 * Template names that suggest an event type, e.g. "payment-failures" and "billing-alerts" for
 * invoice.payment_failed, "disputes" for charge.dispute.created. Webhooks of one template that
 * carry a node suffix ("name:node") are the template's other triggers (e.g. Slack actions) and are skipped.
 */
export function matchWebhooks(eventType: string, webhooks: Record<string, string>): [string, string][] {
	const parts = eventType.toLowerCase().split('.');
	const words = new Set<string>();
	for (const p of parts) {
		for (const w of [p, ...p.split('_')]) {
			words.add(w);
			for (const s of SYNONYMS[w] ?? []) words.add(s);
		}
	}
	return Object.entries(webhooks).filter(([name]) => {
		if (name.includes(':')) return false;
		const t = tokens(name);
		if (t.some((w) => w === 'action' || w === 'slack' || w === 'interactivity')) return false;
		if (t.some((w) => CATCH_ALL.includes(w))) return true;
		const qualifiers = t.filter((w) => QUALIFIERS.includes(w));
		if (qualifiers.length && !qualifiers.some((w) => words.has(w))) return false;
		return t.some((w) => words.has(w));
	});
}

/**
 * The webhooks whose template's Stripe trigger takes this event type (its Event Types, with `*` wildcards;
 * none selected = every type): exactly what the trigger itself would accept.
 */
export function routeByTriggerEvents(
	eventType: string,
	webhooks: Record<string, string>,
	events: Record<string, string[]>,
): [string, string][] {
	return Object.entries(webhooks).filter(
		([name]) => !name.includes(':') && name in events && (events[name].length === 0 || matchesEventType(eventType, events[name])),
	);
}

interface Endpoints {
	webhooks?: Record<string, string>;
	/** Stripe event patterns per template (from the templates' triggers; [] = all), written by npm start */
	events?: Record<string, string[]>;
	stripeWebhookSecret?: string;
	sandbox?: string | null;
}

function readEndpoints(file: string): Endpoints | null {
	if (!existsSync(file)) return null;
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch (e) {
		throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
	}
}

export interface SendResult {
	url: string;
	status: number;
	body: string;
	ms: number;
}

export async function send(args: Args, out: (s: string) => void = console.log): Promise<SendResult[]> {
	const ev = loadEvent(args.event);
	const endpoints = readEndpoints(args.endpoints);
	const secret = args.secret ?? endpoints?.stripeWebhookSecret;
	if (!secret) {
		throw new Error(`No signing secret: pass --secret whsec_... or start the stack with \`npm start\` (it writes stripeWebhookSecret to ${args.endpoints}).`);
	}
	let targets: [string, string][] = args.to.map((u) => ['--to', u]);
	if (!targets.length) {
		if (!endpoints) throw new Error(`No --to given and ${args.endpoints} does not exist. Start the stack with \`npm start\`, or pass --to <webhook url>.`);
		const hooks = endpoints.webhooks ?? {};
		targets = args.all
			? Object.entries(hooks).filter(([n]) => !n.includes(':'))
			: endpoints.events
				? routeByTriggerEvents(ev.type, hooks, endpoints.events)
				: matchWebhooks(ev.type, hooks);
		if (!targets.length) {
			throw new Error(`No webhook in ${args.endpoints} looks like it handles ${ev.type} (templates: ${Object.keys(hooks).join(', ') || 'none'}). Pass --to <url> (or --all).`);
		}
	}
	if (!args.keepId) {
		ev.id = `evt_${randomBytes(12).toString('hex')}`;
		ev.created = Math.floor(Date.now() / 1000);
	}
	const sandbox = args.sandbox ?? endpoints?.sandbox ?? undefined;
	const payload = args.thin
		? await thinPayload(sandbox, ev)
		: JSON.stringify(ev, null, 2); // Stripe sends pretty-printed JSON
	const recorded = args.thin || (sandbox ? await recordBeforeSending(sandbox, ev, out) : false);
	const header = stripeSignature(payload, secret);
	out(`Sending ${args.thin ? 'a thin notification of ' : ''}${ev.type} (${ev.id}) x${args.times} to ${targets.map(([n, u]) => (n === '--to' ? u : `${n} (${u})`)).join(', ')}`);
	const results: SendResult[] = [];
	const reached: boolean[] = [];
	for (const [, url] of targets) {
		const one = async (): Promise<SendResult> => {
			const t0 = Date.now();
			try {
				const r = await fetch(url, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': header, 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
					body: payload,
				});
				return { url, status: r.status, body: (await r.text()).slice(0, 300), ms: Date.now() - t0 };
			} catch (e) {
				return { url, status: 0, body: `unreachable: ${(e as Error).message}`, ms: Date.now() - t0 };
			}
		};
		const rs = await Promise.all(Array.from({ length: args.times }, one));
		for (const r of rs) out(`  ${r.status || 'ERR'}  ${r.ms}ms  ${url}  ${r.body.replace(/\s+/g, ' ').slice(0, 120)}`);
		results.push(...rs);
		reached.push(rs.some((r) => r.status >= 200 && r.status < 300));
	}
	if (recorded && sandbox) await reportDelivery(sandbox, ev.id, reached, out);
	return results;
}

if (require.main === module) {
	(async () => {
		try {
			const results = await send(parseArgs(process.argv.slice(2)));
			process.exit(results.every((r) => r.status >= 200 && r.status < 300) ? 0 : 1);
		} catch (e) {
			console.error((e as Error).message);
			process.exit(2);
		}
	})();
}

