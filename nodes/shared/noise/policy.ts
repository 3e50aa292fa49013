/**
 * Which alerts pass a pause or quiet hours: the critical ones. What counts as critical is a setting: event type
 * patterns (disputes by default), failed payments at or above an amount per currency, and (optionally) every
 * message the formatter marked critical. Plain data in, plain data out.
 */
import { minimumFor, parseMinimumAmounts } from '../format/money';
import { matchesEventType } from '../stripe/eventFilter';

export interface CriticalPolicy {
	/** event type patterns, `*` a wildcard: `charge.dispute.*` */
	eventTypes: string[];
	/** failed payments at or above these amounts (minor units per currency) pass */
	failedPaymentsFrom: Record<string, number>;
	/** whether a message the formatter marked `critical` passes whatever its type */
	severityCritical: boolean;
}

export const DEFAULT_CRITICAL_TYPES = ['charge.dispute.*'];
/**
 * Always critical, whatever the setting: the Stripe triggers' endpoint-health alert and its recovery note
 * (nodes/shared/stripe/endpointHealth.ts). Events stop arriving while the endpoint is broken, so the alert must
 * not wait for a pause to end; the recovery note follows it. Catch-up reports are routine (held and summarized).
 */
export const ALWAYS_CRITICAL_TYPES: ReadonlySet<string> = new Set(['stripe_slack.endpoint_unhealthy', 'stripe_slack.endpoint_recovered']);
const FAILED = /(^|\.)(payment_failed|failed)$/;

export interface AlertMetadata {
	event_type?: string | null;
	severity?: string | null;
	category?: string | null;
	amount?: number | null;
	currency?: string | null;
}

export function parsePolicy(o: { criticalEventTypes?: string; failedPaymentsFrom?: string; severityCritical?: boolean }): CriticalPolicy {
	const types = (o.criticalEventTypes ?? DEFAULT_CRITICAL_TYPES.join(', '))
		.split(/[,\n]/)
		.map((s) => s.trim())
		.filter(Boolean);
	for (const t of types) {
		if (!/^[a-z0-9_.*]+$/.test(t)) throw new Error(`Critical Event Types: "${t}" is not a Stripe event type pattern (like charge.dispute.*)`);
	}
	return { eventTypes: types, failedPaymentsFrom: parseMinimumAmounts(o.failedPaymentsFrom ?? ''), severityCritical: o.severityCritical ?? false };
}

/** Why an alert is critical ("charge.dispute.*", "failed payment of 500.00 USD or more", ...), or undefined. */
export function criticalReason(meta: AlertMetadata, policy: CriticalPolicy): string | undefined {
	const type = meta.event_type ?? '';
	if (ALWAYS_CRITICAL_TYPES.has(type)) return 'Stripe webhook endpoint health';
	const byType = policy.eventTypes.find((p) => type && matchesEventType(type, [p]));
	if (byType) return `event type ${byType}`;
	if (FAILED.test(type) && typeof meta.amount === 'number' && meta.currency) {
		const from = minimumFor(meta.currency, policy.failedPaymentsFrom);
		if (from !== undefined && meta.amount >= from) return `failed payment at or above the ${meta.currency.toUpperCase()} threshold`;
	}
	if (policy.severityCritical && meta.severity === 'critical') return 'marked critical by the formatter';
	return undefined;
}
