/**
 * `send-event --thin`: records a Stripe event in the sandbox's Stripe (`POST /_sandbox/stripe/events`, then served at
 * `GET /v1/events/:id`, its Event v2 at `GET /v2/core/events/:id`) and gives back the body of its thin event
 * notification, pretty-printed as Stripe sends it, ready to be signed.
 */
export async function thinPayload(sandbox: string | undefined, event: Record<string, unknown>): Promise<string> {
	if (!sandbox) {
		throw new Error('--thin needs the sandbox (its Stripe serves the event the trigger fetches): start the stack with `npm start`, or pass --sandbox <url>');
	}
	const r = await fetch(`${sandbox.replace(/\/+$/, '')}/_sandbox/stripe/events`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(event),
	}).catch((e: Error) => {
		throw new Error(`--thin: the sandbox at ${sandbox} is not reachable (${e.message})`);
	});
	const body = (await r.json().catch(() => ({}))) as { notification?: unknown; error?: string };
	if (!r.ok || !body.notification) throw new Error(`--thin: the sandbox did not record the event (${r.status}${body.error ? `: ${body.error}` : ''})`);
	return JSON.stringify(body.notification, null, 2);
}
