/**
 * A write-ahead journal of accepted Stripe events (pure, no n8n imports), so that an event can be
 * acknowledged to Stripe as soon as it is safely on disk, long before the workflow has run, and still
 * never be lost: after a crash the events whose run never finished are read back and run again.
 *
 * One append-only file of JSON lines:
 *   {"a":{...event}}      accepted (written and fsynced before Stripe gets its 200)
 *   {"s":["evt_…",…]}     handed to a workflow run (a batch started)
 *   {"d":["evt_…",…]}     the run finished (its outcome is recorded by n8n)
 * Writes are group-committed: every record queued while one write+fdatasync is under way goes out
 * in the next one, so thousands of events per second cost a few hundred fsyncs at most.
 *
 * Reading back (`openJournal`): events accepted but never finished are `pending`; those among them
 * that had been started are the crash's in-flight window: their run may have done its work before
 * the crash without the "d" record reaching the disk, so running them again may repeat it. They are
 * reported as such. A torn last line (a write cut off by the crash) was never acknowledged and is
 * ignored. The file is then rewritten with only the pending events, and kept small while running:
 * emptied when nothing is pending, compacted when it grows past `compactBytes`.
 *
 * One journal file belongs to one process at a time (the n8n instance that runs the trigger).
 */
import { promises as fsp } from 'fs';
import { dirname, join } from 'path';
import { expandHome, n8nDataFolder } from '../n8nFolder';
import { attemptAsync, isMissingFile } from '../attempt';

/**
 * The journal file of one trigger node: `<folder>/<workflow>-<node>.journal`, the folder being the node's
 * Journal Folder option (`~` expanded) or `<n8n folder>/stripe-high-volume-trigger`.
 */
export function journalFile(folderOption: string | undefined, workflowId: string, nodeId: string): string {
	const folder = expandHome((folderOption ?? '').trim()) || join(n8nDataFolder(), 'stripe-high-volume-trigger');
	return join(folder, `${workflowId}-${nodeId.replace(/[^A-Za-z0-9_-]/g, '_')}.journal`);
}

export interface JournaledEvent {
	id: string;
	[key: string]: unknown;
}

export interface Recovery<E extends JournaledEvent> {
	/** Accepted and not finished, in the order they were accepted. */
	pending: E[];
	/** Ids of the pending events that had been handed to a run (the crash's in-flight window). */
	started: Set<string>;
	/** Every event id the file mentioned (pending or finished): already received. */
	seen: string[];
	/** Lines that could not be read (a torn last line after a crash is normal). */
	unreadableLines: number;
}

export interface JournalOptions {
	/** Rewrite the file with only the pending events once it is larger than this (default 32 MiB). */
	compactBytes?: number;
	/** Skip fdatasync (tests of logic only; never in production). */
	noSync?: boolean;
}

export class EventJournal<E extends JournaledEvent = JournaledEvent> {
	private queue: Array<{ line: string; resolve: () => void; reject: (e: Error) => void }> = [];

	private flushing: Promise<void> | undefined;

	private size = 0;

	private readonly pending = new Map<string, string>();

	private readonly startedIds = new Set<string>();

	private closed = false;

	/** fsync calls so far (for figures). */
	syncs = 0;

	private constructor(
		readonly file: string,
		private handle: fsp.FileHandle,
		private readonly options: JournalOptions,
	) {}

	/** Opens (creating if needed) the journal, reads back what a previous process left, and compacts it. */
	static async open<E extends JournaledEvent>(
		file: string,
		options: JournalOptions = {},
	): Promise<{ journal: EventJournal<E>; recovery: Recovery<E> }> {
		await fsp.mkdir(dirname(file), { recursive: true });
		const read = await attemptAsync(() => fsp.readFile(file, 'utf8'));
		if (!read.ok && !isMissingFile(read.error)) throw read.error;
		const text = read.ok ? read.value : '';
		const accepted = new Map<string, string>();
		const started = new Set<string>();
		const seen = new Set<string>();
		let unreadableLines = 0;
		for (const line of text.split('\n')) {
			if (!line) continue;
			let record: { a?: E; s?: string[]; d?: string[] };
			try {
				record = JSON.parse(line) as typeof record;
			} catch {
				unreadableLines++;
				continue;
			}
			if (record.a && typeof record.a.id === 'string') {
				seen.add(record.a.id);
				if (!accepted.has(record.a.id)) accepted.set(record.a.id, line);
			} else if (Array.isArray(record.s)) {
				for (const id of record.s) started.add(id);
			} else if (Array.isArray(record.d)) {
				for (const id of record.d) {
					accepted.delete(id);
					started.delete(id);
				}
			} else unreadableLines++;
		}
		const pendingLines = [...accepted.values()];
		const startedPending = [...started].filter((id) => accepted.has(id));
		// Rewrite atomically: the pending events, and which of them had been started.
		const body =
			pendingLines.join('\n') +
			(pendingLines.length ? '\n' : '') +
			(startedPending.length ? `${JSON.stringify({ s: startedPending })}\n` : '');
		const tmp = `${file}.tmp`;
		await fsp.writeFile(tmp, body);
		const th = await fsp.open(tmp, 'r+');
		if (!options.noSync) await th.datasync();
		await th.close();
		await fsp.rename(tmp, file);
		const handle = await fsp.open(file, 'a');
		const journal = new EventJournal<E>(file, handle, options);
		journal.size = Buffer.byteLength(body);
		for (const [id, line] of accepted) journal.pending.set(id, line);
		for (const id of startedPending) journal.startedIds.add(id);
		return {
			journal,
			recovery: {
				pending: pendingLines.map((l) => (JSON.parse(l) as { a: E }).a),
				started: new Set(startedPending),
				seen: [...seen],
				unreadableLines,
			},
		};
	}

	/** Events accepted and not yet finished. */
	get pendingCount(): number {
		return this.pending.size;
	}

	get bytes(): number {
		return this.size;
	}

	/** Resolves once the events are on disk (fdatasync): only then may Stripe be told they arrived. */
	accept(events: E[]): Promise<void> {
		const lines = events.map((e) => {
			const line = JSON.stringify({ a: e });
			this.pending.set(e.id, line);
			return line;
		});
		return this.write(lines.join('\n'));
	}

	/** Records that a run was started for these events (resolves when written). */
	started(ids: string[]): Promise<void> {
		for (const id of ids) this.startedIds.add(id);
		return ids.length ? this.write(JSON.stringify({ s: ids })) : Promise.resolve();
	}

	/** Records that the run for these events finished (resolves when written). */
	finished(ids: string[]): Promise<void> {
		for (const id of ids) {
			this.pending.delete(id);
			this.startedIds.delete(id);
		}
		return ids.length ? this.write(JSON.stringify({ d: ids })) : Promise.resolve();
	}

	/** Waits for every queued write, then closes the file. Pending events stay for the next open. */
	async close(): Promise<void> {
		if (this.closed) return;
		while (this.flushing) await this.flushing;
		this.closed = true;
		await this.handle.close();
	}

	private write(line: string): Promise<void> {
		if (this.closed) return Promise.reject(new Error('the event journal is closed'));
		return new Promise<void>((resolve, reject) => {
			this.queue.push({ line, resolve, reject });
			if (!this.flushing) this.flushing = this.flush();
		});
	}

	private async flush(): Promise<void> {
		try {
			while (this.queue.length) {
				const batch = this.queue;
				this.queue = [];
				const data = `${batch.map((b) => b.line).join('\n')}\n`;
				try {
					await this.handle.appendFile(data);
					if (!this.options.noSync) await this.handle.datasync();
					this.syncs++;
					this.size += Buffer.byteLength(data);
					await this.maybeCompact();
					for (const b of batch) b.resolve();
				} catch (error) {
					for (const b of batch) b.reject(error as Error);
				}
			}
		} finally {
			this.flushing = undefined;
		}
	}

	/** Called between writes only (inside flush), so no append races with the rewrite. */
	private async maybeCompact(): Promise<void> {
		if (this.pending.size === 0 && this.size > 64 * 1024) {
			await this.handle.truncate(0);
			if (!this.options.noSync) await this.handle.datasync();
			this.size = 0;
			return;
		}
		if (this.size <= (this.options.compactBytes ?? 32 * 1024 * 1024)) return;
		const lines = [...this.pending.values()];
		if (this.startedIds.size) lines.push(JSON.stringify({ s: [...this.startedIds] }));
		const body = lines.length ? `${lines.join('\n')}\n` : '';
		const tmp = `${this.file}.tmp`;
		await fsp.writeFile(tmp, body);
		const th = await fsp.open(tmp, 'r+');
		if (!this.options.noSync) await th.datasync();
		await th.close();
		await this.handle.close();
		await fsp.rename(tmp, this.file);
		this.handle = await fsp.open(this.file, 'a');
		this.size = Buffer.byteLength(body);
	}
}
