/**
 * Slack Post's outbox in files (no n8n imports), for one n8n without Redis: it survives a restart and a SIGKILL.
 * Self-hosted only (the file system; `npm run lint` and `npm run scan` exempt this file, docs/n8n-checks.md).
 *
 * `<n8n folder>/slack-post/outbox/<connection>/<channel, hex>/`:
 *   b-<batch>.jsonl   one batch: its entries, one JSON line each, written once and fdatasync'ed (write-ahead)
 *   done.jsonl        keys of entries that left the outbox (posted or given up), appended
 *   state.json        why the channel's messages wait and when the next drain may try (written whole, renamed)
 *   posted.jsonl      the posted ledger: one mark per event Slack took (id, where, when), appended in the step
 *                     that removes its entry; read once per process, marks older than POSTED_TTL_MS dropped, and
 *                     rewritten without them (compacted) when it holds far more lines than live marks
 * A batch file is deleted once every entry in it is done, and done.jsonl once no batch is left. One n8n process
 * uses the folder (queue mode uses Redis): it reads a channel's folder once and keeps it in step in memory, and a
 * batch is in flight while the execution that wrote it runs in this process, so after a restart every batch waits.
 */
import * as fs from 'fs';
import * as path from 'path';
import { attempt, isMissingFile } from '../attempt';
import { n8nDataFolder } from '../n8nFolder';
import { POSTED_TTL_MS, type ChannelState, type ChannelSummary, type ListedEntry, type OutboxEntry, type OutboxStore, type PostedMark } from './outboxTypes';

/** The outbox folder of this n8n. */
export function outboxFolder(env: NodeJS.ProcessEnv = process.env): string {
	return path.join(n8nDataFolder(env), 'slack-post', 'outbox');
}

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex').toString('utf8');
const safeNs = (ns: string) => ns.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'default';

/** Batches in flight in this process (`<folder>|<batch>`), the drain leases, and what each folder holds. */
const inFlight = new Set<string>();
const leases = new Map<string, { token: string; until: number }>();
const chains = new Map<string, Promise<unknown>>();
/** Per channel folder: the entries not done, by batch (read from disk once per process, then kept in step). */
const indexes = new Map<string, Map<string, Map<string, OutboxEntry>>>();
/** Per channel folder: the posted ledger (id → mark), how many lines its file holds, when to drop expired marks. */
interface Ledger {
	marks: Map<string, PostedMark>;
	lines: number;
	sweepAt: number;
}
const ledgers = new Map<string, Ledger>();
/** Expired marks are dropped (the file compacted) at most this often while a process runs, and at each load. */
const SWEEP_MS = 3_600_000;

function serialized<T>(key: string, fn: () => T | Promise<T>): Promise<T> {
	const next = (chains.get(key) ?? Promise.resolve()).then(fn, fn);
	chains.set(key, next.catch(() => undefined));
	return next;
}

function readLines(file: string): string[] {
	const r = attempt(() => fs.readFileSync(file, 'utf8'));
	if (!r.ok) {
		if (isMissingFile(r.error)) return [];
		throw r.error;
	}
	// a line cut by a crash has no newline: never read as data
	const text = r.value;
	const end = text.lastIndexOf('\n');
	return end < 0 ? [] : text.slice(0, end).split('\n').filter(Boolean);
}

function writeDurably(file: string, text: string): void {
	const fd = fs.openSync(file, 'w', 0o600);
	try {
		fs.writeSync(fd, text);
		fs.fdatasyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
}

const batchOfKey = (key: string) => key.slice(0, key.lastIndexOf('-'));

/** The folder's entries not done, by batch: from memory, or read from disk the first time. */
function indexOf(dir: string): Map<string, Map<string, OutboxEntry>> {
	let index = indexes.get(dir);
	if (index) return index;
	index = new Map();
	const names = attempt(() => fs.readdirSync(dir));
	if (!names.ok && !isMissingFile(names.error)) throw names.error;
	const done = new Set(readLines(path.join(dir, 'done.jsonl')));
	for (const f of (names.ok ? names.value : []).filter((n) => n.startsWith('b-') && n.endsWith('.jsonl')).sort()) {
		const entries = new Map<string, OutboxEntry>();
		for (const line of readLines(path.join(dir, f))) {
			const parsed = attempt(() => JSON.parse(line) as OutboxEntry);
			if (parsed.ok && !done.has(parsed.value.key)) entries.set(parsed.value.key, parsed.value);
		}
		if (entries.size) index.set(f.slice(2, -6), entries);
		else fs.rmSync(path.join(dir, f), { force: true });
	}
	if (!index.size) fs.rmSync(path.join(dir, 'done.jsonl'), { force: true });
	indexes.set(dir, index);
	return index;
}

/** Rewrites posted.jsonl with only the live marks (temp file, renamed: a crash leaves the old or the new). */
function compact(dir: string, ledger: Ledger, ttlMs: number): void {
	const now = Date.now();
	for (const [id, m] of ledger.marks) if (m.at + ttlMs <= now) ledger.marks.delete(id);
	const file = path.join(dir, 'posted.jsonl');
	if (!ledger.marks.size) fs.rmSync(file, { force: true });
	else {
		const tmp = `${file}.${process.pid}.tmp`;
		writeDurably(tmp, [...ledger.marks.values()].map((m) => `${JSON.stringify(m)}\n`).join(''));
		fs.renameSync(tmp, file);
	}
	ledger.lines = ledger.marks.size;
	ledger.sweepAt = now + Math.min(SWEEP_MS, ttlMs);
}

/** The folder's posted ledger: from memory, or read from disk the first time (expired marks dropped). */
function ledgerOf(dir: string, ttlMs: number): Ledger {
	let ledger = ledgers.get(dir);
	if (ledger) return ledger;
	const lines = readLines(path.join(dir, 'posted.jsonl'));
	const now = Date.now();
	ledger = { marks: new Map(), lines: lines.length, sweepAt: now + Math.min(SWEEP_MS, ttlMs) };
	for (const line of lines) {
		const m = attempt(() => JSON.parse(line) as PostedMark);
		if (m.ok && typeof m.value?.id === 'string' && m.value.at + ttlMs > now) ledger.marks.set(m.value.id, m.value);
	}
	if (ledger.lines > ledger.marks.size) attempt(() => compact(dir, ledger!, ttlMs));
	ledgers.set(dir, ledger);
	return ledger;
}

export class FileOutboxStore implements OutboxStore {
	readonly kind = 'file' as const;

	/** `postedTtlMs`: for tests; the node always uses POSTED_TTL_MS. */
	constructor(
		readonly root: string = outboxFolder(),
		private readonly options: { postedTtlMs?: number } = {},
	) {}

	private get ttl(): number {
		return this.options.postedTtlMs ?? POSTED_TTL_MS;
	}

	private dir(ns: string, channel: string): string {
		return path.join(this.root, safeNs(ns), hex(channel));
	}

	private read(dir: string): ListedEntry[] {
		const out: ListedEntry[] = [];
		for (const [batch, entries] of indexOf(dir)) {
			const flying = inFlight.has(`${dir}|${batch}`);
			for (const e of entries.values()) out.push({ ...e, inFlight: flying });
		}
		return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	}

	add(ns: string, channel: string, batch: string, entries: OutboxEntry[]): Promise<{ duplicates: string[]; posted: Record<string, PostedMark> }> {
		const dir = this.dir(ns, channel);
		return serialized(dir, () => {
			fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
			const index = indexOf(dir);
			const marks = ledgerOf(dir, this.ttl).marks;
			const known = new Set<string>();
			for (const b of index.values()) for (const e of b.values()) known.add(e.id);
			const duplicates: string[] = [];
			const posted: Record<string, PostedMark> = {};
			const fresh: OutboxEntry[] = [];
			const now = Date.now();
			for (const e of entries) {
				const mark = marks.get(e.id);
				if (mark && mark.at + this.ttl > now) {
					duplicates.push(e.id);
					posted[e.id] = mark;
				} else if (known.has(e.id)) duplicates.push(e.id);
				else {
					known.add(e.id);
					fresh.push(e);
				}
			}
			if (fresh.length) {
				inFlight.add(`${dir}|${batch}`);
				writeDurably(path.join(dir, `b-${batch}.jsonl`), fresh.map((e) => `${JSON.stringify(e)}\n`).join(''));
				index.set(batch, new Map(fresh.map((e) => [e.key, e])));
			}
			return { duplicates, posted };
		});
	}

	async renew(): Promise<void> {
		// one process: a batch is in flight exactly while its execution runs here
	}

	async settle(ns: string, batches: string[]): Promise<void> {
		const root = path.join(this.root, safeNs(ns));
		for (const key of [...inFlight]) if (key.startsWith(root) && batches.includes(key.slice(key.lastIndexOf('|') + 1))) inFlight.delete(key);
	}

	list(ns: string, channel: string): Promise<ListedEntry[]> {
		const dir = this.dir(ns, channel);
		return serialized(dir, () => this.read(dir));
	}

	/**
	 * A batch whose every entry is done is deleted (one unlink: a whole summary leaves at once); otherwise the keys
	 * are appended to done.jsonl. The posted marks are appended to posted.jsonl first, all in one write. Not
	 * fsync'ed: a SIGKILL keeps what was written; only a power cut could post twice.
	 */
	done(ns: string, channel: string, keys: string[], posted: PostedMark[] = []): Promise<void> {
		if (!keys.length && !posted.length) return Promise.resolve();
		const dir = this.dir(ns, channel);
		return serialized(dir, () => {
			if (posted.length) {
				const ledger = ledgerOf(dir, this.ttl);
				fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
				fs.appendFileSync(path.join(dir, 'posted.jsonl'), posted.map((m) => `${JSON.stringify(m)}\n`).join(''), { mode: 0o600 });
				for (const m of posted) ledger.marks.set(m.id, m);
				ledger.lines += posted.length;
				if (ledger.lines > 2 * ledger.marks.size + 1000 || Date.now() >= ledger.sweepAt) compact(dir, ledger, this.ttl);
			}
			const index = indexOf(dir);
			const partial: string[] = [];
			const byBatch = new Map<string, string[]>();
			for (const k of keys) byBatch.set(batchOfKey(k), [...(byBatch.get(batchOfKey(k)) ?? []), k]);
			for (const [batch, ks] of byBatch) {
				const entries = index.get(batch);
				if (!entries) continue;
				for (const k of ks) entries.delete(k);
				if (entries.size) partial.push(...ks);
				else {
					index.delete(batch);
					fs.rmSync(path.join(dir, `b-${batch}.jsonl`), { force: true });
				}
			}
			if (!index.size) fs.rmSync(path.join(dir, 'done.jsonl'), { force: true });
			else if (partial.length) fs.appendFileSync(path.join(dir, 'done.jsonl'), partial.map((k) => `${k}\n`).join(''), { mode: 0o600 });
		});
	}

	async channels(ns: string): Promise<ChannelSummary[]> {
		const root = path.join(this.root, safeNs(ns));
		const names = attempt(() => fs.readdirSync(root));
		if (!names.ok) {
			if (isMissingFile(names.error)) return [];
			throw names.error;
		}
		const out: ChannelSummary[] = [];
		for (const h of names.value.filter((n) => /^[0-9a-f]+$/.test(n))) {
			const channel = unhex(h);
			const entries = await this.list(ns, channel);
			const state = await this.getState(ns, channel);
			const waiting = entries.filter((e) => !e.inFlight);
			if (!entries.length && !state) {
				const dir = path.join(root, h);
				await serialized(dir, () => {
					if (!indexOf(dir).size && attempt(() => fs.rmdirSync(dir)).ok) {
						indexes.delete(dir);
						ledgers.delete(dir);
					}
				});
				continue;
			}
			out.push({ channel, waiting: waiting.length, oldestQueuedAt: waiting.length ? waiting[0].queuedAt : null, state });
		}
		return out;
	}

	async getState(ns: string, channel: string): Promise<ChannelState | null> {
		const r = attempt(() => JSON.parse(fs.readFileSync(path.join(this.dir(ns, channel), 'state.json'), 'utf8')) as ChannelState);
		return r.ok ? r.value : null;
	}

	setState(ns: string, channel: string, state: ChannelState | null): Promise<void> {
		const dir = this.dir(ns, channel);
		return serialized(dir, () => {
			const file = path.join(dir, 'state.json');
			if (!state) return void fs.rmSync(file, { force: true });
			fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
			const tmp = `${file}.${process.pid}.tmp`;
			fs.writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
			fs.renameSync(tmp, file);
		});
	}

	async lease(ns: string, channel: string, ms: number): Promise<string | null> {
		const key = this.dir(ns, channel);
		const held = leases.get(key);
		if (held && held.until > Date.now()) return null;
		const token = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
		leases.set(key, { token, until: Date.now() + ms });
		return token;
	}

	async unlease(ns: string, channel: string, token: string): Promise<void> {
		const key = this.dir(ns, channel);
		if (leases.get(key)?.token === token) leases.delete(key);
	}
}

/** For tests: forget this process's in-flight batches and leases, as a restarted n8n would. */
export function forgetFileOutboxProcessState(): void {
	inFlight.clear();
	leases.clear();
	indexes.clear();
	ledgers.clear();
}
