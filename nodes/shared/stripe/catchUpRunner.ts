/**
 * The catch-up's life inside an active trigger (pure, no n8n imports; timers through ../timers): one pass on
 * activation (which is also every start of n8n), one every few minutes (default 10), a heartbeat every minute,
 * never two passes at once; `stop()` waits for the pass under way and records the time of deactivation when
 * asked to (the workflow was unpublished).
 */
import { startInterval, stopInterval, withDeadline } from '../timers';
import { type CatchUpOptions, type CatchUpResult, runCatchUp } from './catchUp';
import { type CatchUpStateHandle, beginActivation, heartbeat, markDeactivated } from './catchUpState';
import { HEARTBEAT_SECONDS } from './catchUpNotice';

export const DEFAULT_EVERY_MINUTES = 10;

export interface CatchUpRunnerOptions extends Omit<CatchUpOptions, 'trigger' | 'state' | 'stopped'> {
	state: CatchUpStateHandle;
	everyMinutes?: number;
	log: { info(message: string): void; warn(message: string): void };
	/** after each pass: where the endpoint-health check plugs in */
	afterPass?: (result: CatchUpResult | undefined) => Promise<void>;
	now?: () => number;
}

export interface CatchUpRunner {
	/** the activation pass (resolves when it is done) */
	readonly first: Promise<CatchUpResult | undefined>;
	stop(deactivated: boolean): Promise<void>;
}

export function startCatchUpRunner(o: CatchUpRunnerOptions): CatchUpRunner {
	const now = () => Math.floor((o.now ?? Date.now)() / 1000);
	let stopped = false;
	let running: Promise<CatchUpResult | undefined> = Promise.resolve(undefined);
	const pass = (trigger: CatchUpOptions['trigger']): Promise<CatchUpResult | undefined> => {
		const p = running.then(async () => {
			if (stopped) return undefined;
			try {
				const result = await runCatchUp({ ...o, trigger, stopped: () => stopped, now: o.now });
				if (result.emitted) {
					o.log.info(
						`caught up ${result.emitted} event(s) from Stripe's event list (${result.apiCalls} API call(s)${result.blocked ? '; some are still being processed elsewhere, the next catch-up looks again' : ''})`,
					);
				}
				return result;
			} catch (error) {
				o.log.warn(`the catch-up from Stripe's event list failed: ${(error as Error).message}; it runs again at the next check`);
				return undefined;
			} finally {
				// The endpoint-health check (endpointHealth.ts, wired in n8n/catchUpOptions.ts), on the same schedule.
				if (o.afterPass) await o.afterPass(undefined).catch(() => undefined);
			}
		});
		running = p;
		return p;
	};
	const first = (async () => {
		const previous = await beginActivation(o.state, now());
		return await pass({ kind: 'activation', previous });
	})().catch((error: Error) => {
		o.log.warn(`the catch-up could not start: ${error.message}`);
		return undefined;
	});
	const everyMs = Math.max(1, o.everyMinutes ?? DEFAULT_EVERY_MINUTES) * 60_000;
	const schedule = startInterval(() => void pass({ kind: 'schedule' }), everyMs);
	const beat = startInterval(() => {
		heartbeat(o.state, now()).catch((error: Error) => o.log.warn(`could not record the catch-up heartbeat: ${error.message}`));
	}, HEARTBEAT_SECONDS * 1000);
	return {
		first,
		stop: async (deactivated: boolean) => {
			stopped = true;
			stopInterval(schedule);
			stopInterval(beat);
			await withDeadline(running.catch(() => undefined), 10_000, () => undefined);
			if (deactivated) await markDeactivated(o.state, now()).catch(() => undefined);
			else await heartbeat(o.state, now()).catch(() => undefined);
		},
	};
}
