/**
 * send-event and the sandbox's Stripe event log (sandbox/stripeEventLog.ts): every event sent is recorded there
 * first as not yet delivered (`POST /_sandbox/stripe/events {event, deliver: false}`), then given the outcome of
 * its delivery (`POST /_sandbox/stripe/events/:id/delivery`), so `GET /v1/events` lists it as Stripe would, with
 * `pending_webhooks` and `delivery_success`. For a snapshot event the log is a convenience: when the sandbox
 * cannot be reached the event is sent all the same. For `--thin` it is needed (the trigger fetches the event back
 * from it), so `thinPayload` stops with the reason instead.
 */
const TIMEOUT_MS = 3000;

class SandboxError extends Error {
	constructor(message: string, readonly unreachable: boolean) {
		super(message);
	}
}

async function sandboxPost(sandbox: string, path: string, body: unknown): Promise<Record<string, any>> {
	const r = await fetch(`${sandbox.replace(/\/+$/, '')}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(TIMEOUT_MS),
	}).catch((e: Error) => {
		throw new SandboxError(`the sandbox at ${sandbox} is not reachable (${e.message})`, true);
	});
	const answer = (await r.json().catch(() => ({}))) as Record<string, any>;
	if (!r.ok) throw new SandboxError(`the sandbox did not record the event (${r.status}${answer.error ? `: ${answer.error}` : ''})`, false);
	return answer;
}

/** Records the event as not delivered yet; answers its thin event notification. */
async function recordPending(sandbox: string, event: Record<string, unknown>): Promise<Record<string, unknown>> {
	const answer = await sandboxPost(sandbox, '/_sandbox/stripe/events', { event, deliver: false });
	if (!answer.notification) throw new SandboxError('the sandbox did not record the event (no notification in its answer)', false);
	return answer.notification;
}

/**
 * `send-event --thin`: records the event and gives back the body of its thin event notification, pretty-printed as
 * Stripe sends it, ready to be signed.
 */
export async function thinPayload(sandbox: string | undefined, event: Record<string, unknown>): Promise<string> {
	if (!sandbox) {
		throw new Error('--thin needs the sandbox (its Stripe serves the event the trigger fetches): start the stack with `npm start`, or pass --sandbox <url>');
	}
	try {
		return JSON.stringify(await recordPending(sandbox, event), null, 2);
	} catch (e) {
		throw new Error(`--thin: ${(e as Error).message}`);
	}
}

/** Records a snapshot event before it is sent; false (and a note) when the sandbox cannot record it. */
export async function recordBeforeSending(sandbox: string, event: Record<string, unknown>, out: (s: string) => void): Promise<boolean> {
	try {
		await recordPending(sandbox, event);
		return true;
	} catch (e) {
		out(`  (not recorded in the sandbox's Stripe event log: ${(e as Error).message}; the event is sent all the same)`);
		return false;
	}
}

/**
 * How the delivery went, as Stripe counts it: an endpoint is reached when one of its posts got a 2xx;
 * `pending_webhooks` = the endpoints not reached.
 */
export function deliveryOutcome(reached: boolean[]): { delivery: 'succeeded' | 'failed'; pending_webhooks?: number } {
	const missed = reached.filter((ok) => !ok).length;
	return missed === 0 ? { delivery: 'succeeded' } : { delivery: 'failed', pending_webhooks: missed };
}

/** Gives the recorded event the outcome of its delivery; a sandbox gone meanwhile is only a note. */
export async function reportDelivery(sandbox: string, eventId: string, reached: boolean[], out: (s: string) => void): Promise<void> {
	const outcome = deliveryOutcome(reached);
	try {
		await sandboxPost(sandbox, `/_sandbox/stripe/events/${encodeURIComponent(eventId)}/delivery`, outcome);
		out(`  recorded in the sandbox's Stripe event log: delivery ${outcome.delivery}${outcome.pending_webhooks ? ` (${outcome.pending_webhooks} endpoint(s) not reached)` : ''}`);
	} catch (e) {
		out(`  (the sandbox's Stripe event log did not take the delivery outcome: ${(e as Error).message})`);
	}
}
