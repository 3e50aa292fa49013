/**
 * Small helpers shared by the sandbox's Slack and Stripe halves: body reading, form decoding
 * (including Stripe's bracket notation), JSON replies and a deterministic PRNG.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

/** Reads the whole request body (at most `limit` bytes; larger bodies are cut and flagged). */
export function readBody(req: IncomingMessage, limit = 20 * 1024 * 1024): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size <= limit) chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		'Cache-Control': 'no-store',
		...headers,
	});
	res.end(text);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Flat decoding of `a=1&b=2` (last value wins), as Slack reads form bodies. */
export function parseFlatForm(text: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of new URLSearchParams(text)) out[k] = v;
	return out;
}

/**
 * Decodes Stripe-style bracket notation into nested objects and arrays:
 * `metadata[a]=1&expand[0]=x&expand[]=y&items[0][price]=p` ->
 * `{metadata:{a:'1'}, expand:['x','y'], items:[{price:'p'}]}`.
 */
export function parseBracketForm(text: string): Obj {
	const root: Obj = {};
	for (const [rawKey, value] of new URLSearchParams(text)) {
		const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
		if (!m) {
			root[rawKey] = value;
			continue;
		}
		const path = [m[1], ...[...m[2].matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1])];
		let node: Obj = root;
		for (let i = 0; i < path.length; i++) {
			const seg = path[i];
			const last = i === path.length - 1;
			const nextIsIndex = !last && (path[i + 1] === '' || /^\d+$/.test(path[i + 1]));
			const key: string | number = Array.isArray(node) ? (seg === '' ? node.length : Number(seg)) : seg;
			if (last) {
				(node as Obj)[key] = value;
			} else {
				if ((node as Obj)[key] === undefined || typeof (node as Obj)[key] !== 'object') {
					(node as Obj)[key] = nextIsIndex ? [] : {};
				}
				node = (node as Obj)[key];
			}
		}
	}
	return compactArrays(root);
}

/** Sparse arrays from `x[3]=...` become dense (Stripe treats indexes as order only). */
function compactArrays(v: unknown): Obj {
	if (Array.isArray(v)) return v.filter((x) => x !== undefined).map((x) => compactArrays(x)) as unknown as Obj;
	if (v && typeof v === 'object') {
		const o: Obj = {};
		for (const [k, x] of Object.entries(v)) o[k] = compactArrays(x);
		return o;
	}
	return v as Obj;
}

/** Stable JSON (sorted keys) for comparing request parameters. */
export function stableStringify(v: unknown): string {
	if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
	if (v && typeof v === 'object') {
		return `{${Object.keys(v)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${stableStringify((v as Obj)[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(v);
}

/** mulberry32: tiny deterministic PRNG so seeded data is identical on every start. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random id body like Stripe's (`req_` + 14 chars). Not deterministic on purpose. */
export function randomId(prefix: string, len = 14): string {
	const bytes = randomBytes(len);
	let s = '';
	for (let i = 0; i < len; i++) s += ALNUM[bytes[i] % ALNUM.length];
	return `${prefix}${s}`;
}

/** Deterministic id from a PRNG. */
export function seededId(prefix: string, rand: () => number, len = 24): string {
	let s = '';
	for (let i = 0; i < len; i++) s += ALNUM[Math.floor(rand() * ALNUM.length)];
	return `${prefix}${s}`;
}

export function deepClone<T>(v: T): T {
	return JSON.parse(JSON.stringify(v)) as T;
}

/** Masks a secret for messages and logs: `sk_test_****abcd`. */
export function maskKey(key: string): string {
	const m = /^([a-z]+_(?:test|live)_)/.exec(key);
	const prefix = m ? m[1] : '';
	return `${prefix}${'*'.repeat(4)}${key.slice(-4)}`;
}
