/** Builds small test workflows for the e2e tests and runs them on the real n8n. */
import * as crypto from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import Stripe from 'stripe';
import { SANDBOX_CREDENTIALS } from '../../scripts/lib/devStack';
import { waitFor, type N8nRest } from '../../scripts/lib/n8n';

export const PKG = 'n8n-nodes-stripe-slack';

export interface WfNode {
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
}

export const stripeCredential = {
	stripeSignedApi: { id: SANDBOX_CREDENTIALS.stripe.id, name: SANDBOX_CREDENTIALS.stripe.name },
};

export function stripeTrigger(parameters: Record<string, unknown> = {}): WfNode {
	return {
		name: 'Stripe Signed Trigger',
		type: `${PKG}.stripeSignedTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		webhookId: crypto.randomUUID(),
		credentials: stripeCredential,
	};
}

/**
 * A chain of nodes, each connected to the next. Returns the created workflow's id and trigger URL.
 * `readyUrl`: for a trigger with a port of its own (no n8n webhook), the address that answers GET once it listens.
 */
export async function createChain(
	rest: N8nRest,
	name: string,
	nodes: WfNode[],
	opts: { readyUrl?: string } = {},
): Promise<{ id: string; webhookUrl: string }> {
	nodes.forEach((n, i) => (n.position = [i * 240, 0]));
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	const wf = await rest.request<{ id: string }>('POST', '/rest/workflows', {
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
		active: false,
	});
	await rest.activate(wf.id);
	if (opts.readyUrl) {
		const url = opts.readyUrl;
		await waitFor(`the trigger to listen on ${url}`, async () => ((await fetch(url).catch(() => undefined))?.status === 200 ? true : undefined), 20_000, 100);
		return { id: wf.id, webhookUrl: url };
	}
	const trigger = nodes.find((n) => n.webhookId)!;
	const webhookUrl = `${rest.url}/webhook/${trigger.webhookId}/webhook`;
	// n8n registers production webhooks right after answering the activation: wait until it routes ours
	// (an unsigned POST is turned away by the trigger itself with a 4xx other than 404, and starts nothing).
	await waitFor(
		`n8n to register ${webhookUrl}`,
		async () => ((await fetch(webhookUrl, { method: 'POST' })).status !== 404 ? true : undefined),
		20_000,
		100,
	);
	return { id: wf.id, webhookUrl };
}

export function signStripe(payload: string, secret: string, timestamp?: number): string {
	return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

export async function postStripe(url: string, payload: string, secret: string): Promise<{ status: number; body: string }> {
	const r = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(payload, secret) },
		body: payload,
	});
	return { status: r.status, body: await r.text() };
}

/** Waits until the workflow's executions have settled and returns them. */
export async function settledExecutions(
	rest: N8nRest,
	workflowId: string,
	expectAtLeast: number,
	quietMs = 1500,
	timeoutMs = 30_000,
): Promise<Array<{ id: string; status: string }>> {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	let stableSince = Date.now();
	for (;;) {
		const list = await rest.executions(workflowId);
		const sig = list.map((e) => `${e.id}:${e.status}`).join(',');
		const running = list.some((e) => ['new', 'running', 'waiting'].includes(e.status));
		if (sig !== last) {
			last = sig;
			stableSince = Date.now();
		}
		if (list.length >= expectAtLeast && !running && Date.now() - stableSince >= quietMs) return list;
		if (Date.now() > deadline) return list;
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** A local HTTP server that records the `id` of every JSON body POSTed to it (the downstream of a test workflow). */
export async function startIdSink(): Promise<{ port: number; seen: string[]; close: () => void }> {
	const seen: string[] = [];
	const sink = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			seen.push(JSON.parse(body).id);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{}');
		});
	});
	await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
	return { port: (sink.address() as AddressInfo).port, seen, close: () => sink.close() };
}

/** An HTTP Request node that POSTs each item's event id to a sink from startIdSink(). */
export function forwardIdNode(sinkPort: number): WfNode {
	return {
		name: 'Forward',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [0, 0],
		parameters: {
			method: 'POST',
			url: `http://127.0.0.1:${sinkPort}/seen`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ id: $json.id }) }}',
			options: {},
		},
	};
}
