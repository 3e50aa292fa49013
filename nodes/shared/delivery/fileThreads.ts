/**
 * The thread store in a file (no n8n imports), for one n8n without Redis: it survives a restart.
 *
 * One append-only file of JSON lines in n8n's user folder:
 *   {"k":key,"c":channel,"t":ts,"cr":created,"x":expiresAt}   the thread of `key` (the last line of a key wins)
 *   {"k":key,"l":token,"x":expiresAt}                        a creation lease taken
 *   {"k":key,"r":token}                                      that lease released
 *
 * Every change (setIfNewer, claimCreate, releaseCreate) is decided and written while holding the file's lock
 * (proper-lockfile: a lock directory next to the file, taken over when stale), after reading what other
 * processes appended, so the compare-and-set on `created` and the lease hold across processes sharing the
 * file; in one process, operations also go one at a time. Thread records are fdatasync'ed before the call
 * returns. Readers take the lines up to the last newline: a line cut off by a crash is never read as
 * data, and the next write starts on a fresh line. The file is rewritten (temporary file + rename) with
 * only the live records when it grows past `compactBytes`; other processes notice the new file and read
 * it whole.
 */
import { randomUUID } from 'crypto';
import { promises as fsp } from 'fs';
import { dirname } from 'path';
import * as lockfile from 'proper-lockfile';
import type { ThreadRecord, ThreadStore, ThreadStoreOptions } from './threads';
import { attemptAsync, isMissingFile } from '../attempt';

const DAY = 86_400_000;

interface Line {
	k: string;
	c?: string;
	t?: string;
	cr?: number;
	x?: number;
	l?: string;
	r?: string;
}

export interface FileThreadOptions {
	/** Rewrite the file with only live records past this size (default 1 MiB). */
	compactBytes?: number;
	/** Most threads kept at a rewrite, newest first (default 100 000). */
	maxEntries?: number;
}

/** The file and what this process has read of it; shared by every store handle on one file in this process. */
export class FileThreadBackend {
	readonly records = new Map<string, { record: ThreadRecord; expiresAt: number }>();

	readonly leases = new Map<string, { token: string; expiresAt: number }>();

	private offset = 0;

	private ino = -1;

	private partial = '';

	private chain: Promise<unknown> = Promise.resolve();

	/** The size at which the next rewrite is tried (twice the live data, at least `compactBytes`). */
	private compactAt: number;

	readonly compactBytes: number;

	readonly maxEntries: number;

	constructor(
		readonly file: string,
		options: FileThreadOptions = {},
	) {
		this.compactBytes = options.compactBytes ?? 1 << 20;
		this.maxEntries = options.maxEntries ?? 100_000;
		this.compactAt = this.compactBytes;
	}

	/** One operation at a time in this process. */
	private serial<T>(fn: () => Promise<T>): Promise<T> {
		const run = this.chain.then(fn, fn);
		this.chain = run.catch(() => undefined);
		return run;
	}

	private apply(text: string): void {
		for (const raw of text.split('\n')) {
			if (!raw) continue;
			let l: Line;
			try {
				l = JSON.parse(raw) as Line;
			} catch {
				continue; // a line cut off by a crash
			}
			if (!l || typeof l.k !== 'string') continue;
			if (typeof l.c === 'string' && typeof l.t === 'string' && typeof l.cr === 'number' && Number.isFinite(l.cr)) {
				this.records.delete(l.k); // re-insert: most recently changed goes last
				this.records.set(l.k, { record: { channel: l.c, ts: l.t, created: l.cr }, expiresAt: Number(l.x) || Infinity });
			} else if (typeof l.l === 'string') {
				this.leases.set(l.k, { token: l.l, expiresAt: Number(l.x) || 0 });
			} else if (typeof l.r === 'string' && this.leases.get(l.k)?.token === l.r) {
				this.leases.delete(l.k);
			}
		}
	}

	/** Reads what was appended since the last read (all of it when the file was replaced). */
	private async catchUp(): Promise<void> {
		const opened = await attemptAsync(() => fsp.open(this.file, 'r'));
		if (!opened.ok) {
			if (!isMissingFile(opened.error)) throw opened.error;
			this.reset(-1);
			return;
		}
		const h = opened.value;
		try {
			const st = await h.stat();
			if (st.ino !== this.ino || st.size < this.offset) this.reset(st.ino);
			if (st.size === this.offset) return;
			const buf = Buffer.alloc(st.size - this.offset);
			const { bytesRead } = await h.read(buf, 0, buf.length, this.offset);
			this.offset += bytesRead;
			const text = this.partial + buf.subarray(0, bytesRead).toString('utf8');
			const cut = text.lastIndexOf('\n');
			this.partial = text.slice(cut + 1);
			this.apply(text.slice(0, cut + 1));
		} finally {
			await h.close();
		}
	}

	private reset(ino: number): void {
		this.records.clear();
		this.leases.clear();
		this.offset = 0;
		this.partial = '';
		this.ino = ino;
	}

	/** Runs `fn` on an up-to-date view, one at a time in this process (not locked against others). */
	read<T>(fn: () => T): Promise<T> {
		return this.serial(async () => {
			await this.catchUp();
			return fn();
		});
	}

	/** Runs `fn` holding the file's lock on an up-to-date view; `fn` returns the lines to append. */
	change<T>(fn: () => { lines: Line[]; sync: boolean; result: T }): Promise<T> {
		return this.serial(async () => {
			await fsp.mkdir(dirname(this.file), { recursive: true });
			const release = await lockfile.lock(this.file, {
				realpath: false,
				stale: 10_000,
				retries: { retries: 200, minTimeout: 5, maxTimeout: 100, randomize: true },
				// A lock taken over as stale (we were stuck for 10 s): our write is still decided on what we read.
				onCompromised: () => undefined,
			});
			try {
				await this.catchUp();
				const { lines, sync, result } = fn();
				if (lines.length) await this.append(lines, sync);
				return result;
			} finally {
				await release().catch(() => undefined);
			}
		});
	}

	private async append(lines: Line[], sync: boolean): Promise<void> {
		// A torn last line (a crash mid-write) is ended first, so that ours starts on a line of its own.
		const text = `${this.partial ? '\n' : ''}${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
		const h = await fsp.open(this.file, 'a');
		try {
			await h.write(text);
			if (sync) await h.datasync();
			const st = await h.stat();
			this.ino = st.ino;
			this.offset = st.size; // we hold the lock: nobody else wrote meanwhile
		} finally {
			await h.close();
		}
		this.partial = '';
		this.apply(text);
		if (this.offset > this.compactAt) await this.compact();
	}

	private async compact(): Promise<void> {
		const now = Date.now();
		const live: Line[] = [];
		for (const [k, e] of this.records) if (e.expiresAt > now) live.push({ k, c: e.record.channel, t: e.record.ts, cr: e.record.created, x: e.expiresAt });
		const kept = live.slice(-this.maxEntries);
		for (const [k, l] of this.leases) if (l.expiresAt > now) kept.push({ k, l: l.token, x: l.expiresAt });
		const text = kept.map((l) => `${JSON.stringify(l)}\n`).join('');
		this.compactAt = Math.max(this.compactBytes, 2 * Buffer.byteLength(text));
		const tmp = `${this.file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
		const h = await fsp.open(tmp, 'w');
		try {
			await h.write(text);
			await h.datasync();
		} finally {
			await h.close();
		}
		await fsp.rename(tmp, this.file);
		this.reset(-1);
		await this.catchUp();
	}
}

const backends = new Map<string, FileThreadBackend>();

/** The process-wide backend of a file (one per path). */
export function fileThreadBackend(file: string, options?: FileThreadOptions): FileThreadBackend {
	let b = backends.get(file);
	if (!b) backends.set(file, (b = new FileThreadBackend(file, options)));
	return b;
}

export class FileThreadStore implements ThreadStore {
	readonly kind = 'file' as const;

	private readonly prefix: string;

	private readonly ttlMs: number;

	constructor(
		readonly backend: FileThreadBackend,
		options: ThreadStoreOptions = {},
	) {
		this.prefix = options.prefix ?? '';
		this.ttlMs = Math.max(1, Math.floor(options.ttlMs ?? 90 * DAY));
	}

	get(key: string): Promise<ThreadRecord | null> {
		const k = this.prefix + key;
		return this.backend.read(() => {
			const e = this.backend.records.get(k);
			return e && e.expiresAt > Date.now() ? { ...e.record } : null;
		});
	}

	setIfNewer(key: string, record: ThreadRecord): Promise<boolean> {
		const k = this.prefix + key;
		return this.backend.change(() => {
			const e = this.backend.records.get(k);
			if (e && e.expiresAt > Date.now() && e.record.created > record.created) return { lines: [], sync: false, result: false };
			const line: Line = { k, c: record.channel, t: record.ts, cr: record.created, x: Date.now() + this.ttlMs };
			return { lines: [line], sync: true, result: true };
		});
	}

	claimCreate(key: string, ttlMs: number): Promise<string | null> {
		const k = this.prefix + key;
		return this.backend.change(() => {
			const lease = this.backend.leases.get(k);
			if (lease && lease.expiresAt > Date.now()) return { lines: [], sync: false, result: null };
			const token = randomUUID();
			return { lines: [{ k, l: token, x: Date.now() + Math.max(1, Math.floor(ttlMs)) }], sync: false, result: token };
		});
	}

	async releaseCreate(key: string, token: string): Promise<void> {
		const k = this.prefix + key;
		await this.backend.change(() => ({
			lines: this.backend.leases.get(k)?.token === token ? [{ k, r: token }] : [],
			sync: false,
			result: undefined,
		}));
	}
}
