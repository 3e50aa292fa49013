/** What Slack Post reads from each input item (no n8n runtime imports): its thread key and its event time. */
import type { JsonObject } from '../webhook';

export type ThreadBy = 'none' | 'object' | 'subscription' | 'custom';

/** The thread key of an item for the chosen mode, or '' for no thread. */
export function threadKeyFor(threadBy: ThreadBy, metadata: JsonObject, custom: string): string {
	const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');
	switch (threadBy) {
		case 'object':
			return str(metadata.object_id);
		case 'subscription':
			// The formatter's metadata has subscription_id for subscription events and invoices of a subscription;
			// other events thread by their object id.
			return str(metadata.subscription_id) || str(metadata.object_id);
		case 'custom':
			return custom.trim();
		default:
			return '';
	}
}

/** Event `created` (unix seconds) from the item; the time of arrival when the item has none. */
export function createdOf(json: JsonObject, metadata: JsonObject): { created: number; known: boolean } {
	const event = json.event as JsonObject | undefined;
	for (const v of [metadata.created, metadata.event_created, json.created, event?.created]) {
		const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
		if (typeof n === 'number' && Number.isFinite(n) && n > 0) return { created: n, known: true };
	}
	return { created: Math.floor(Date.now() / 1000), known: false };
}
