/**
 * What the Slack Delivery Trigger finds to do at a check (no n8n imports): the summaries of held alerts that are
 * due (Slack Noise Control's release, noise/gate.ts), and a drain item for each channel whose waiting Slack
 * messages may be tried again (outbox.ts). Nothing due: no item, so the trigger starts no execution.
 */
import type { JsonObject } from '../webhook';
import { releaseHeld } from '../noise/gate';
import type { NoiseStore } from '../noise/store';
import { drainItem } from './outboxItems';
import type { OutboxStore } from './outboxTypes';

export interface DueCheck {
	/** Held alerts (omitted: the trigger does not release them). */
	noise?: NoiseStore;
	outbox?: OutboxStore;
	/** The Slack connection's namespace (post.ts deliveryNamespace). */
	ns: string;
	timeZone: string;
	now: number;
}

export interface DueWork {
	items: JsonObject[];
	released: number;
	drains: number;
}

export async function dueWork(c: DueCheck): Promise<DueWork> {
	const items: JsonObject[] = [];
	let released = 0;
	if (c.noise && (await c.noise.heldCount()) > 0) {
		const r = await releaseHeld(c.noise, { timeZone: c.timeZone }, c.now);
		released = r.count;
		items.push(...(r.released as unknown as JsonObject[]));
	}
	let drains = 0;
	if (c.outbox) {
		for (const ch of await c.outbox.channels(c.ns)) {
			if (!ch.waiting || (ch.state && ch.state.nextAttemptAt > c.now)) continue;
			items.push(drainItem(ch.channel, ch.waiting, ch.oldestQueuedAt));
			drains++;
		}
	}
	return { items, released, drains };
}
