/**
 * The file store of endpoint health state: one JSON file per key in `<n8n folder>/stripe-slack/endpoint-health/`,
 * written whole through a rename, under a lock file taken with O_EXCL so that the processes of one host (and the
 * executions of one process) compare-and-set in turn. Self-hosted only (the file system and the process id;
 * `npm run lint` and `npm run scan` exempt this file, docs/n8n-checks.md). No n8n imports.
 */
import * as fs from 'fs';
import * as path from 'path';
import { attempt, isMissingFile } from '../attempt';
import { n8nDataFolder } from '../n8nFolder';
import { sleep } from '../timers';

/** `<n8n folder>/stripe-slack/endpoint-health` (or under `base`). */
export function healthStoreFolder(base?: string): string {
	return path.join(base ?? n8nDataFolder(), 'stripe-slack', 'endpoint-health');
}

/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 5_000;

/** One chain per file in this process, so that its own executions never race on the lock. */
const chains = new Map<string, Promise<unknown>>();
function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
	const prev = chains.get(key) ?? Promise.resolve();
	const next = prev.then(fn, fn);
	chains.set(key, next.catch(() => undefined));
	return next;
}

/** The HealthStateStore (endpointHealthStore.ts) of a single n8n. */
export class FileHealthStore {
	readonly kind = 'file' as const;

	constructor(readonly folder: string) {
		fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
	}

	private file(key: string): string {
		return path.join(this.folder, `${key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 120)}.json`);
	}

	private readNow(file: string): string | null {
		const read = attempt(() => fs.readFileSync(file, 'utf8'));
		if (read.ok) return read.value;
		if (isMissingFile(read.error)) return null;
		throw read.error;
	}

	async read(key: string): Promise<string | null> {
		return this.readNow(this.file(key));
	}

	compareAndSet(key: string, expected: string | null, next: string): Promise<boolean> {
		const file = this.file(key);
		return serialized(file, () => this.withLock(file, () => {
			if (this.readNow(file) !== expected) return false;
			const tmp = `${file}.${process.pid}.tmp`;
			fs.writeFileSync(tmp, next, { mode: 0o600 });
			fs.renameSync(tmp, file);
			return true;
		}));
	}

	private async withLock<T>(file: string, fn: () => T): Promise<T> {
		const lock = `${file}.lock`;
		const deadline = Date.now() + LOCK_WAIT_MS;
		for (;;) {
			const taken = attempt(() => fs.closeSync(fs.openSync(lock, 'wx', 0o600)));
			if (taken.ok) break;
			if ((taken.error as NodeJS.ErrnoException).code !== 'EEXIST') throw taken.error;
			const age = attempt(() => Date.now() - fs.statSync(lock).mtimeMs);
			if (age.ok && age.value > STALE_LOCK_MS) {
				fs.rmSync(lock, { force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`The endpoint health state ${path.basename(file)} stayed locked for ${LOCK_WAIT_MS / 1000} s`);
			await sleep(20);
		}
		try {
			return fn();
		} finally {
			fs.rmSync(lock, { force: true });
		}
	}
}
