/**
 * What an execution did, in words, as n8n's execution custom data (`this.customData`, shown with the
 * execution in the executions list and searchable there): the event it ran for and its outcome, e.g.
 * `event_type` "payment_intent.succeeded", `event_id` "evt_...", `route` "#pro (Pro plan)",
 * `outcome` "posted to #payments" / "held (quiet hours)" / "below minimum (USD 50.00)".
 *
 * n8n keeps at most 10 keys per execution, keys of letters, digits and underscores, values of 255
 * characters; outside an execution (an agent's tool call) there is no custom data and nothing is noted.
 * Outcomes of several branches of one execution are joined ("posted to #payments; posted to #alerts").
 */
import type { IWorkflowExecutionCustomData } from 'n8n-workflow';

export const OUTCOME_KEYS = { eventType: 'event_type', eventId: 'event_id', route: 'route', outcome: 'outcome' } as const;
const MAX = 255;

function customData(ctx: { customData?: IWorkflowExecutionCustomData }): IWorkflowExecutionCustomData | undefined {
	try {
		const data = ctx.customData;
		return data && typeof data.set === 'function' ? data : undefined;
	} catch {
		return undefined; // no execution data in this context
	}
}

function set(data: IWorkflowExecutionCustomData, key: string, value: string): void {
	try {
		data.set(key, value.length > MAX ? `${value.slice(0, MAX - 1)}…` : value);
	} catch {
		// A note must never fail the run it describes.
	}
}

/** The event(s) the run is about: its type and id, or a count when several arrived together. */
export function noteEvents(ctx: { customData?: IWorkflowExecutionCustomData }, events: Array<{ id?: unknown; type?: unknown }>): void {
	const data = customData(ctx);
	if (!data || !events.length) return;
	const types = [...new Set(events.map((e) => String(e.type ?? '')).filter(Boolean))];
	if (events.length === 1) {
		if (types[0]) set(data, OUTCOME_KEYS.eventType, types[0]);
		if (typeof events[0].id === 'string' && events[0].id) set(data, OUTCOME_KEYS.eventId, events[0].id);
		return;
	}
	set(data, OUTCOME_KEYS.eventType, types.join(', '));
	set(data, OUTCOME_KEYS.eventId, `${events.length} events`);
}

/** Adds outcomes ("posted to #payments") to the run's, once each, in the order they happened. */
export function noteOutcome(ctx: { customData?: IWorkflowExecutionCustomData }, outcomes: string[], key: string = OUTCOME_KEYS.outcome): void {
	const data = customData(ctx);
	if (!data || !outcomes.length) return;
	let before = '';
	try {
		before = data.get(key) ?? '';
	} catch {
		before = '';
	}
	const parts = before ? before.split('; ') : [];
	for (const o of outcomes) if (o && !parts.includes(o)) parts.push(o);
	set(data, key, parts.join('; '));
}
