/**
 * Slack Noise Control's file store: `pause.json` and `held.jsonl` in a folder under n8n's data folder. Self-hosted
 * only (the file system and the process id; `npm run lint` and `npm run scan` exempt this file, docs/n8n-checks.md).
 * No n8n imports.
 */
import * as fs from 'fs';
import * as path from 'path';
import { attempt, isMissingFile, messageOf } from '../attempt';
import { n8nDataFolder } from '../n8nFolder';
import type { HeldAlert, NoiseStore, PauseState } from './storeTypes';

/** The folder of a scope's files: `<n8n folder>/stripe-slack/noise-<scope>` (or under `base`). */
export function noiseStoreFolder(scope: string, base?: string): string {
	return path.join(base ?? n8nDataFolder(), 'stripe-slack', `noise-${scope}`);
}

/** One chain per folder, so that concurrent executions in this process never interleave their file updates. */
const chains = new Map<string, Promise<unknown>>();
function serialized<T>(key: string, fn: () => T | Promise<T>): Promise<T> {
	const prev = chains.get(key) ?? Promise.resolve();
	const next = prev.then(fn, fn);
	chains.set(key, next.catch(() => undefined));
	return next;
}

/**
 * Files: `pause.json` (written whole, through a rename) and `held.jsonl` (one alert a line, appended).
 * For one n8n process (a single n8n); queue mode uses Redis.
 */
export class FileNoiseStore implements NoiseStore {
	private readonly pauseFile: string;
	private readonly heldFile: string;

	constructor(readonly folder: string) {
		fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
		this.pauseFile = path.join(folder, 'pause.json');
		this.heldFile = path.join(folder, 'held.jsonl');
	}

	private run<T>(fn: () => T): Promise<T> {
		return serialized(this.folder, fn);
	}

	getPause(): Promise<PauseState | null> {
		return this.run(() => {
			const read = attempt(() => JSON.parse(fs.readFileSync(this.pauseFile, 'utf8')) as PauseState);
			if (read.ok) return read.value;
			if (isMissingFile(read.error)) return null;
			throw new Error(`The pause state in ${this.pauseFile} cannot be read: ${messageOf(read.error)}`);
		});
	}

	setPause(p: PauseState): Promise<void> {
		return this.run(() => {
			const tmp = `${this.pauseFile}.${process.pid}.tmp`;
			fs.writeFileSync(tmp, JSON.stringify(p), { mode: 0o600 });
			fs.renameSync(tmp, this.pauseFile);
		});
	}

	async clearPause(): Promise<PauseState | null> {
		const p = await this.getPause();
		await this.run(() => fs.rmSync(this.pauseFile, { force: true }));
		return p;
	}

	hold(alerts: HeldAlert[]): Promise<void> {
		if (!alerts.length) return Promise.resolve();
		return this.run(() => {
			const fd = fs.openSync(this.heldFile, 'a', 0o600);
			try {
				fs.writeSync(fd, alerts.map((a) => `${JSON.stringify(a)}\n`).join(''));
				fs.fdatasyncSync(fd);
			} finally {
				fs.closeSync(fd);
			}
		});
	}

	takeAll(): Promise<HeldAlert[]> {
		return this.run(() => {
			const taken = attempt(() => fs.renameSync(this.heldFile, `${this.heldFile}.taking-${Date.now()}-${process.pid}`));
			if (!taken.ok && !isMissingFile(taken.error)) throw taken.error;
			// with the batch just renamed, any that a crash left half-taken earlier
			const batches = fs.readdirSync(this.folder).filter((f) => f.startsWith('held.jsonl.taking-')).sort();
			const alerts: HeldAlert[] = [];
			for (const f of batches) {
				const file = path.join(this.folder, f);
				for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
					if (!line) continue;
					try {
						alerts.push(JSON.parse(line) as HeldAlert);
					} catch {
						// a line cut by a crash mid-write
					}
				}
				fs.rmSync(file);
			}
			return alerts;
		});
	}

	heldCount(): Promise<number> {
		return this.run(() => {
			try {
				return fs.readFileSync(this.heldFile, 'utf8').split('\n').filter(Boolean).length;
			} catch {
				return 0;
			}
		});
	}
}
