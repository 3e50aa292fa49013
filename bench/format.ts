/**
 * Throughput of the Stripe → Slack formatter over the shared fixtures:
 *   verify + format + redact   (signature check of the raw bytes, JSON parse, template, redaction, escaping, limits)
 *   format + redact only       (events already parsed)
 *   floor                      (JSON.parse + HMAC-SHA256 of the same bytes: what any verified pipeline must pay)
 * measured in the same run, then (#29) the worst case per hostile shape (bench/lib/hostile.ts, 20,000
 * characters each): ms per scanner call, and ms to format an event whose description is the shape (goals:
 * under 20 ms per scanner call, under 50 ms per event). Run: npx ts-node --transpile-only bench/format.ts [seconds-per-case]
 * "verify" uses nodes/shared/stripe/signature.ts (verifyStripeWebhook) when present, else the stripe SDK.
 */
import { createHmac } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import Stripe from 'stripe';
import { formatStripeEvent } from '../nodes/shared/format/event';
import { knownPersonalText } from '../nodes/shared/format/known';
import { safeText } from '../nodes/shared/format/mrkdwn';
import { scanText } from '../nodes/shared/format/scanners';
import { isSensitiveKey, typedEmail, typedName } from '../nodes/shared/format/typed';
import { hostileShapes } from './lib/hostile';

const SECRET = 'whsec_bench_0123456789abcdef';
const dir = path.join(__dirname, '..', 'test', 'fixtures', 'stripe');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('_')).sort();
const stripe = new Stripe('sk_test_bench_not_used');
const now = Math.floor(Date.now() / 1000);
const payloads = files.map((f) => {
	const raw = Buffer.from(JSON.stringify(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))));
	const header = stripe.webhooks.generateTestHeaderString({ payload: raw.toString('utf8'), secret: SECRET, timestamp: now });
	return { name: f, raw, header, event: JSON.parse(raw.toString('utf8')) };
});

type Verify = (raw: Buffer, header: string) => unknown;
let verify: Verify;
let verifier: string;
try {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const sig = require('../nodes/shared/stripe/signature') as typeof import('../nodes/shared/stripe/signature');
	verify = (raw, header) => {
		const r = sig.verifyStripeWebhook({ rawBody: raw, header, secrets: [SECRET], nowMs: now * 1000 });
		if (!r.ok) throw new Error(`verify failed: ${r.code} ${r.reason}`);
		return r.event;
	};
	verifier = 'nodes/shared/stripe/signature.ts verifyStripeWebhook';
} catch {
	verify = (raw, header) => stripe.webhooks.constructEvent(raw, header, SECRET);
	verifier = 'stripe SDK webhooks.constructEvent';
}

const seconds = Number(process.argv[2] ?? 2);

function measure(name: string, fn: (p: (typeof payloads)[number]) => unknown): { name: string; events: number; seconds: number; eventsPerSecond: number } {
	for (let i = 0; i < 200; i++) for (const p of payloads) fn(p); // warm-up
	let n = 0;
	let sink = 0;
	const start = process.hrtime.bigint();
	const until = start + BigInt(Math.round(seconds * 1e9));
	let t = start;
	while (t < until) {
		for (const p of payloads) {
			const r = fn(p);
			sink += r ? 1 : 0;
		}
		n += payloads.length;
		t = process.hrtime.bigint();
	}
	const secs = Number(t - start) / 1e9;
	if (sink < 0) console.log(sink);
	return { name, events: n, seconds: Math.round(secs * 1000) / 1000, eventsPerSecond: Math.round(n / secs) };
}

const floor = measure('floor: JSON.parse + HMAC-SHA256', (p) => {
	const ev = JSON.parse(p.raw.toString('utf8'));
	const mac = createHmac('sha256', SECRET).update(`${now}.`).update(p.raw).digest('hex');
	return ev && mac;
});
const verifyOnly = measure('verify only (signature + parse)', (p) => verify(p.raw, p.header));
const full = measure('verify + format + redact', (p) => formatStripeEvent(verify(p.raw, p.header), { redaction: 'standard' }));
const strict = measure('verify + format + redact (strict, compact)', (p) => formatStripeEvent(verify(p.raw, p.header), { redaction: 'strict', layout: 'compact' }));
const formatOnly = measure('format + redact only (pre-parsed)', (p) => formatStripeEvent(p.event, { redaction: 'standard' }));

const rows = [floor, verifyOnly, full, strict, formatOnly].map((r) => ({ ...r, ofFloor: `${Math.round((r.eventsPerSecond / floor.eventsPerSecond) * 1000) / 10}%` }));
const result = {
	node: process.version,
	fixtures: payloads.length,
	avgBytes: Math.round(payloads.reduce((a, p) => a + p.raw.length, 0) / payloads.length),
	verifier,
	secondsPerCase: seconds,
	results: rows,
};
console.log(JSON.stringify(result, null, 2));
console.log('');
console.log('| case | events/s | % of floor |');
console.log('|---|---:|---:|');
for (const r of rows) console.log(`| ${r.name} | ${r.eventsPerSecond.toLocaleString('en-US')} | ${r.ofFloor} |`);

// ---- hostile shapes (#29): worst of a few runs per shape -------------------------------------------
const ms = (fn: () => unknown): number => {
	const start = process.hrtime.bigint();
	fn();
	return Number(process.hrtime.bigint() - start) / 1e6;
};
const known = knownPersonalText({ obj: { name: 'Jenny Rosen', address: { line1: '510 Townsend St', postal_code: '94103' } }, objectType: 'customer' });
const SCANNER_CALLS: Array<(t: string) => unknown> = [
	(t) => scanText(t, 'standard'),
	(t) => scanText(t, 'strict'),
	(t) => scanText(t, 'minimal', true),
	(t) => scanText(t, 'standard', false, undefined, known),
	(t) => typedEmail(t, 'standard'),
	(t) => typedName(t, 'standard'),
	(t) => isSensitiveKey(t),
	(t) => safeText(t),
];
const charge = payloads.find((p) => p.event.type === 'charge.succeeded')?.event ?? payloads[0].event;
const REPEAT = Number(process.env.HOSTILE_REPEAT ?? 3);
const formatWith = (text: string) => {
	const e = JSON.parse(JSON.stringify(charge));
	e.data.object.description = text;
	return formatStripeEvent(e, { redaction: 'standard' });
};
/** The median of REPEAT runs (a run descheduled on a shared machine does not count as the code's time). */
const median = (fn: () => unknown): number => {
	const runs = Array.from({ length: REPEAT }, () => ms(fn)).sort((a, b) => a - b);
	return Math.round(runs[Math.floor(runs.length / 2)] * 10) / 10;
};
// Warm-up: compile the patterns and optimise the passes on a short mix of every shape.
const mix = hostileShapes(200).map((h) => h.text).join(' ');
for (let r = 0; r < 5; r++) for (const call of [...SCANNER_CALLS, formatWith]) call(mix);
const shapes = (REPEAT > 0 ? hostileShapes() : []).map(({ name, text }) => {
	const calls = SCANNER_CALLS.map((call) => median(() => call(text)));
	return { shape: name, scanMs: Math.max(...calls), eventMs: median(() => formatWith(text)) };
});
if (!shapes.length) process.exit(0); // HOSTILE_REPEAT=0: throughput only
const worstScan = shapes.reduce((a, b) => (b.scanMs > a.scanMs ? b : a));
const worstEvent = shapes.reduce((a, b) => (b.eventMs > a.eventMs ? b : a));
console.log('');
console.log(`Hostile shapes, 20,000 characters each: the slowest of ${SCANNER_CALLS.length} scanner calls, and formatting an event with the shape as description (median of ${REPEAT} runs each)`);
console.log('| shape | worst ms per scanner call (goal < 20) | ms per event (goal < 50) |');
console.log('|---|---:|---:|');
for (const r of shapes) console.log(`| \`${r.shape.replace(/\|/g, '\\|')}\` | ${r.scanMs} | ${r.eventMs} |`);
console.log(`worst scanner call: ${worstScan.scanMs} ms (${worstScan.shape}); worst event: ${worstEvent.eventMs} ms (${worstEvent.shape})`);
