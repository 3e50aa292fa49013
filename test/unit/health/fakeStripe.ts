/** A Stripe stand-in for endpointHealth.ts: the two calls it makes, with switches for each outcome. */
import type { EndpointHealthDeps } from '../../../nodes/shared/stripe/endpointHealth';

export interface FakeEvent {
	id: string;
	type: string;
	created: number;
}

export function fakeStripe(endpointId = 'we_1TestEndpoint') {
	const s = {
		endpoint: { id: endpointId, object: 'webhook_endpoint', status: 'enabled', enabled_events: ['invoice.paid', 'charge.succeeded'], livemode: false } as Record<string, unknown>,
		/** the endpoint was deleted: 404 resource_missing */
		missing: false,
		/** the next N retrieve calls fail with a 500 */
		failEndpoint: 0,
		/** the next N list calls fail with a 500 */
		failEvents: 0,
		/** events whose delivery failed (what delivery_success=false lists) */
		failing: [] as FakeEvent[],
		/** events delivered (what delivery_success=true lists) */
		delivered: [] as FakeEvent[],
		calls: { retrieve: 0, list: 0 },
		lists: [] as Array<Record<string, unknown>>,
	};
	const serverError = () => Object.assign(new Error('Something went wrong on sk_test_51SecretKeyValue123 side'), { type: 'StripeAPIError', statusCode: 500 });
	const stripe = {
		webhookEndpoints: {
			retrieve: async (id: string) => {
				s.calls.retrieve++;
				if (s.failEndpoint > 0) {
					s.failEndpoint--;
					throw serverError();
				}
				if (s.missing || id !== s.endpoint.id) throw Object.assign(new Error(`No such webhook endpoint: '${id}'`), { type: 'StripeInvalidRequestError', statusCode: 404, code: 'resource_missing' });
				return structuredClone(s.endpoint);
			},
		},
		events: {
			list: (params: { delivery_success?: boolean; created: { gte: number; lt: number } }) => {
				s.calls.list++;
				s.lists.push(params as unknown as Record<string, unknown>);
				return {
					autoPagingEach: async (fn: (e: FakeEvent) => unknown) => {
						if (s.failEvents > 0) {
							s.failEvents--;
							throw serverError();
						}
						if (typeof params.delivery_success !== 'boolean') throw new Error('the health check must ask for delivery_success');
						const page = (params.delivery_success ? s.delivered : s.failing).filter((e) => e.created >= params.created.gte && e.created < params.created.lt).sort((a, b) => b.created - a.created);
						for (const e of page) if ((await fn(e)) === false) break;
					},
				};
			},
		},
	} as unknown as EndpointHealthDeps['stripe'];
	return { s, stripe };
}

/** A clock in ms that the test moves. */
export function fakeClock(startSeconds = 1_796_000_000) {
	let ms = startSeconds * 1000;
	return {
		now: () => ms,
		advance: (seconds: number) => {
			ms += seconds * 1000;
		},
		seconds: () => Math.floor(ms / 1000),
	};
}
