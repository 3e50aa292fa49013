/**
 * The benchmarks' workflows on the real n8n: copies of a template (new webhook ids, activated), the bare
 * reference workflow, the High-Volume Trigger swapped in, its counts and drain, and trigger options.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import type { N8nRest } from '../../scripts/lib/n8n';
import { agent, assertLocal, post, ROOT } from './load';

// ------------------------------------------------------------------ workflows on the real n8n

export interface TemplateJson {
	name: string;
	nodes: Array<{ name: string; type: string; webhookId?: string; parameters: Record<string, any>; [k: string]: unknown }>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export function loadTemplate(name: string): TemplateJson {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', `${name}.json`), 'utf8'));
}

/** Creates and activates a copy of a template (new webhook id), with changes; returns its id and URL. */
export async function createCopy(
	rest: N8nRest,
	n8nUrl: string,
	name: string,
	tpl: TemplateJson,
	change: (wf: TemplateJson) => void = () => {},
): Promise<{ id: string; url: string }> {
	const wf: TemplateJson = JSON.parse(JSON.stringify(tpl));
	wf.name = name;
	let url = '';
	for (const n of wf.nodes) {
		if (n.type.endsWith('.stripeSignedTrigger')) {
			n.webhookId = crypto.randomUUID();
			url = `${n8nUrl}/webhook/${n.webhookId}/webhook`;
		} else if (n.type === 'n8n-nodes-base.webhook') {
			n.webhookId = crypto.randomUUID();
			n.parameters.path = n.webhookId;
			url = `${n8nUrl}/webhook/${n.webhookId}`;
		}
	}
	change(wf);
	const hv = wf.nodes.find((n) => n.type.endsWith('.stripeHighVolumeTrigger'));
	if (hv) url = `http://127.0.0.1:${hv.parameters.port}${hv.parameters.path}`;
	const created = await rest.request<{ id: string }>('POST', '/rest/workflows', { name: wf.name, nodes: wf.nodes, connections: wf.connections, settings: wf.settings ?? {}, active: false });
	await rest.activate(created.id);
	for (let i = 0; i < 100 && hv; i++) {
		// the High-Volume Trigger answers GET with its counts once it listens
		const ok = await listenerStatus(url).then(() => true, () => false);
		if (ok) break;
		await new Promise((res) => setTimeout(res, 100));
	}
	for (let i = 0; i < 100 && !hv; i++) {
		const r = await post(url, '{}', {}, 5000);
		if (r.status !== 404) break;
		await new Promise((res) => setTimeout(res, 100));
	}
	return { id: created.id, url };
}

/** The bare reference workflow: Webhook (answers on receipt) -> No Operation. */
export function bareWorkflow(settings: Record<string, unknown>): TemplateJson {
	return {
		name: 'bench: bare webhook',
		nodes: [
			{ name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { httpMethod: 'POST', path: 'x', responseMode: 'onReceived', options: {} } },
			{ name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { Webhook: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
		settings,
	};
}

/**
 * Swaps the template's Stripe Signed Trigger for the Stripe High-Volume Trigger (same name, event types
 * and live mode, so the rest of the workflow is unchanged), listening on 127.0.0.1:`port``path`.
 */
export function useHighVolumeTrigger(wf: TemplateJson, port: number, urlPath: string, options: Record<string, unknown> = {}): void {
	const t = wf.nodes.find((n) => n.type.endsWith('.stripeSignedTrigger'))!;
	t.type = t.type.replace(/stripeSignedTrigger$/, 'stripeHighVolumeTrigger');
	delete t.webhookId;
	const { events, liveMode } = t.parameters;
	const moreEventTypes = t.parameters.options?.moreEventTypes;
	t.parameters = { port, path: urlPath, events, liveMode, options: { host: '127.0.0.1', ...(moreEventTypes ? { moreEventTypes } : {}), ...options } };
}

export interface ListenerStatus {
	listening: boolean;
	received: number;
	accepted: number;
	queued: number;
	runsInFlight: number;
	eventsRun: number;
	replayed: number;
	possiblyRunBefore: number;
}

/** The High-Volume Trigger's counts (GET on its address). */
export function listenerStatus(url: string): Promise<ListenerStatus> {
	assertLocal(url);
	return new Promise((resolve, reject) => {
		const req = http.get(url, { agent }, (res) => {
			let t = '';
			res.on('data', (c) => (t += c));
			res.on('end', () => {
				try {
					if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
					resolve(JSON.parse(t) as ListenerStatus);
				} catch (e) {
					reject(e as Error);
				}
			});
		});
		req.setTimeout(5000, () => req.destroy(new Error('timeout')));
		req.on('error', reject);
	});
}

/** Waits until the High-Volume Trigger has no event waiting and no run under way; returns the seconds it took. */
export async function listenerDrained(url: string, maxMs = 600_000): Promise<number> {
	const t0 = Date.now();
	while (Date.now() - t0 < maxMs) {
		// n8n may be too busy to answer within 5 s while it works through a backlog: ask again
		const s = await listenerStatus(url).catch(() => undefined);
		if (s && s.queued === 0 && s.runsInFlight === 0) return (Date.now() - t0) / 1000;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`the High-Volume Trigger at ${url} still had events waiting after ${maxMs / 1000} s`);
}

export function setTriggerOptions(wf: TemplateJson, options: Record<string, unknown>): void {
	const t = wf.nodes.find((n) => n.type.endsWith('.stripeSignedTrigger'))!;
	t.parameters.options = { ...(t.parameters.options ?? {}), ...options };
}
