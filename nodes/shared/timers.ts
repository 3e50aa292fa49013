/**
 * Every timer the package starts, in one module (no n8n imports): sleeps between retries and paced posts,
 * cancellable one-shot timers (micro-batch windows, Slack's 3-second answer, request time-outs) and the
 * High-Volume Trigger's credential refresh.
 *
 * n8n's community-node rules ask for n8n-workflow's `sleep` instead of the timer globals (n8n Cloud runs
 * verified nodes without them). The pinned n8n-workflow (2.41) has `sleep` only, nothing that can be cancelled
 * or that runs a callback, and the pure modules under nodes/shared do not import n8n; so the globals are
 * reached here, and nowhere else (`npm run lint` and `npm run scan` exempt this file from
 * `no-restricted-globals`, docs/n8n-checks.md).
 */
export type Timer = ReturnType<typeof setTimeout>;
export type Interval = ReturnType<typeof setInterval>;

/** Resolves after `ms` milliseconds (at once for 0 or less). */
export function sleep(ms: number): Promise<void> {
	return new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Runs `fn` once after `ms` milliseconds, unless stopped first with `stopTimer`. */
export function startTimer(fn: () => void, ms: number): Timer {
	return setTimeout(fn, ms);
}

export function stopTimer(timer: Timer | undefined): void {
	if (timer !== undefined) clearTimeout(timer);
}

/** Runs `fn` every `ms` milliseconds until `stopInterval`; it does not keep the process alive on its own. */
export function startInterval(fn: () => void, ms: number): Interval {
	const interval = setInterval(fn, ms);
	interval.unref?.();
	return interval;
}

export function stopInterval(interval: Interval | undefined): void {
	if (interval !== undefined) clearInterval(interval);
}

/** The promise's value, or `onTimeout()` when it has not settled within `ms` milliseconds. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
	let timer: Timer | undefined;
	const timeout = new Promise<T>((resolve) => {
		timer = setTimeout(() => resolve(onTimeout()), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		stopTimer(timer);
	}
}
