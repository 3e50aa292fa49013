/**
 * An error as a value: `attempt(fn)` runs `fn` and returns its value or what it threw, so that the caller
 * decides outside a `catch` clause whether to go on, answer differently or throw its own error. No n8n imports.
 *
 * The pure modules under nodes/shared throw plain errors with a message a person can act on; the node files
 * turn whatever reaches them into n8n's NodeOperationError or NodeApiError (nodes/shared/n8n/errors.ts).
 */
export type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function attempt<T>(fn: () => T): Attempt<T> {
	try {
		return { ok: true, value: fn() };
	} catch (error) {
		return { ok: false, error };
	}
}

export async function attemptAsync<T>(fn: () => Promise<T>): Promise<Attempt<T>> {
	try {
		return { ok: true, value: await fn() };
	} catch (error) {
		return { ok: false, error };
	}
}

/** The error's message, for a message of one's own. */
export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Node's "no such file" error. */
export function isMissingFile(error: unknown): boolean {
	return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
