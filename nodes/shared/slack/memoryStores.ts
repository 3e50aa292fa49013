import { UserGroupCache } from './authorize';

/** What the Slack Action Trigger remembers in this process: recent deliveries and user-group members. */

/** Deliveries seen recently, per trigger node: key → expiry (ms). In-process only. */
const seenDeliveries = new Map<string, number>();
const MAX_SEEN = 20_000;

export function rememberDelivery(key: string, windowMs: number, now: number): boolean {
	if (windowMs <= 0) return true;
	const expiry = seenDeliveries.get(key);
	if (expiry !== undefined && expiry > now) return false;
	if (seenDeliveries.size >= MAX_SEEN) {
		for (const [k, exp] of seenDeliveries) {
			if (exp <= now || seenDeliveries.size >= MAX_SEEN) seenDeliveries.delete(k);
			if (seenDeliveries.size < MAX_SEEN * 0.9) break;
		}
	}
	seenDeliveries.set(key, now + windowMs);
	return true;
}

export function forgetDeliveries(): void {
	seenDeliveries.clear();
}

/** Group caches by TTL, shared by all triggers of this process. */
const groupCaches = new Map<number, UserGroupCache>();
export function groupCache(ttlSeconds: number): UserGroupCache {
	let cache = groupCaches.get(ttlSeconds);
	if (!cache) {
		cache = new UserGroupCache(ttlSeconds * 1000);
		groupCaches.set(ttlSeconds, cache);
	}
	return cache;
}

export function clearGroupCaches(): void {
	for (const cache of groupCaches.values()) cache.clear();
}
