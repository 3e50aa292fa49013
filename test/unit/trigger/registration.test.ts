/**
 * Automatic endpoint registration (webhookMethods.default) through the real stripe SDK against a tiny
 * in-test HTTP server that serves /v1/webhook_endpoints, plus the editor's sample event and the node description.
 */
import { randomBytes } from 'crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { pickSampleEvent } from '../../../nodes/StripeSignedTrigger/StripeSignedTrigger.node';
import { SECRET, callWebhook, fixtureText, sign, trigger } from './harness';

interface Endpoint {
	id: string;
	object: 'webhook_endpoint';
	url: string;
	enabled_events: string[];
	status: 'enabled' | 'disabled';
	secret?: string;
	description: string | null;
	metadata: Record<string, string>;
}

let server: Server;
let baseUrl: string;
const endpoints = new Map<string, Endpoint>();
const calls: string[] = [];
let lastCreate: Record<string, string> = {};

function formToObject(body: string): { events: string[]; fields: Record<string, string> } {
	const params = new URLSearchParams(body);
	const events: string[] = [];
	const fields: Record<string, string> = {};
	for (const [k, v] of params) {
		if (k.startsWith('enabled_events')) events.push(v);
		else fields[k] = v;
	}
	return { events, fields };
}

function send(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

function handle(req: IncomingMessage, res: ServerResponse, body: string) {
	const url = new URL(req.url ?? '/', 'http://x');
	calls.push(`${req.method} ${url.pathname}`);
	const m = url.pathname.match(/^\/v1\/webhook_endpoints(?:\/([^/]+))?$/);
	if (!m) return send(res, 404, { error: { type: 'invalid_request_error', message: 'unknown path' } });
	const id = m[1];
	const public_ = (e: Endpoint) => ({ ...e, secret: undefined });
	if (!id && req.method === 'GET') {
		return send(res, 200, { object: 'list', data: [...endpoints.values()].map(public_), has_more: false, url: '/v1/webhook_endpoints' });
	}
	if (!id && req.method === 'POST') {
		const { events, fields } = formToObject(body);
		lastCreate = fields;
		const e: Endpoint = {
			id: `we_${randomBytes(6).toString('hex')}`,
			object: 'webhook_endpoint',
			url: fields.url,
			enabled_events: events,
			status: 'enabled',
			secret: `whsec_${randomBytes(12).toString('hex')}`,
			description: fields.description ?? null,
			metadata: {},
		};
		endpoints.set(e.id, e);
		return send(res, 200, e);
	}
	const e = id ? endpoints.get(id) : undefined;
	if (!e) return send(res, 404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such webhook endpoint: '${id}'` } });
	if (req.method === 'GET') return send(res, 200, public_(e));
	if (req.method === 'DELETE') {
		endpoints.delete(e.id);
		return send(res, 200, { id: e.id, object: 'webhook_endpoint', deleted: true });
	}
	if (req.method === 'POST') {
		const { events, fields } = formToObject(body);
		if (events.length) e.enabled_events = events;
		if (fields.disabled !== undefined) e.status = fields.disabled === 'true' ? 'disabled' : 'enabled';
		return send(res, 200, public_(e));
	}
	return send(res, 405, {});
}

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => handle(req, res, body));
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((r) => server.close(r));
});

beforeEach(() => {
	endpoints.clear();
	calls.length = 0;
});

const URL_PROD = 'https://n8n.example.com/webhook/abc/webhook';

function hookContext(opts: { params?: IDataObject; credentials?: IDataObject; staticData?: IDataObject; mode?: string; url?: string } = {}) {
	const params: IDataObject = { events: ['invoice.paid'], registerEndpoint: true, whenDeactivated: 'delete', options: {}, ...opts.params };
	const staticData = opts.staticData ?? {};
	const logs: string[] = [];
	const ctx = {
		getNodeParameter: (name: string, fallback?: unknown) => (name in params ? params[name] : fallback),
		getCredentials: async () => ({ secretKey: 'sk_test_123', apiBaseUrl: baseUrl, webhookSecret: '', previousWebhookSecret: '', ...opts.credentials }),
		getNodeWebhookUrl: () => opts.url ?? URL_PROD,
		getWorkflowStaticData: () => staticData,
		getMode: () => opts.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		getWorkflow: () => ({ id: 'wf-reg', name: 'reg', active: true }),
		getNode: () => ({ id: 'n1', name: 'Stripe Signed Trigger', type: 'stripeSignedTrigger', typeVersion: 1, position: [0, 0], parameters: params }),
		getWebhookName: () => 'default',
		logger: { debug() {}, info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) },
	};
	return { ctx: ctx as unknown as IHookFunctions, staticData, params, logs };
}

const methods = trigger.webhookMethods.default;

/** What n8n does on activation. */
async function activate(ctx: IHookFunctions) {
	if (!(await methods.checkExists.call(ctx))) await methods.create.call(ctx);
}

describe('automatic registration', () => {
	it('off: nothing is called in Stripe', async () => {
		const { ctx } = hookContext({ params: { registerEndpoint: false } });
		expect(await methods.checkExists.call(ctx)).toBe(true);
		expect(await methods.delete.call(ctx)).toBe(true);
		expect(calls).toEqual([]);
	});

	it('on: creates one endpoint, keeps its secret, and events signed with it are accepted', async () => {
		const { ctx, staticData } = hookContext();
		await activate(ctx);
		expect(endpoints.size).toBe(1);
		const e = [...endpoints.values()][0];
		expect(e).toMatchObject({ url: URL_PROD, enabled_events: ['invoice.paid'] });
		expect(staticData).toMatchObject({ endpointId: e.id, endpointSecret: e.secret, endpointUrl: URL_PROD });

		const body = fixtureText('invoice.paid');
		const r = await callWebhook({ body, header: sign(body, e.secret), staticData, credentials: { webhookSecret: '' } });
		expect(r.result.workflowData).toBeDefined();
	});

	it('re-activation reuses the recorded endpoint (no second endpoint) and updates its events', async () => {
		const { ctx, staticData, params } = hookContext();
		await activate(ctx);
		const id = staticData.endpointId;
		params.events = ['invoice.paid', 'charge.refunded'];
		await activate(ctx);
		expect(endpoints.size).toBe(1);
		expect(staticData.endpointId).toBe(id);
		expect(endpoints.get(id as string)!.enabled_events.sort()).toEqual(['charge.refunded', 'invoice.paid']);
		params.events = ['invoice.*'];
		await activate(ctx);
		expect(endpoints.get(id as string)!.enabled_events).toEqual(['*']);
	});

	it('deactivation deletes the endpoint (default) and clears the record', async () => {
		const { ctx, staticData } = hookContext();
		await activate(ctx);
		expect(await methods.delete.call(ctx)).toBe(true);
		expect(endpoints.size).toBe(0);
		expect(staticData.endpointId).toBeUndefined();
		await activate(ctx);
		expect(endpoints.size).toBe(1);
	});

	it('"disable and reuse": deactivation disables; re-publishing re-enables the same endpoint and secret', async () => {
		const { ctx, staticData } = hookContext({ params: { whenDeactivated: 'disable' } });
		await activate(ctx);
		const { endpointId, endpointSecret } = staticData;
		await methods.delete.call(ctx);
		expect(endpoints.get(endpointId as string)!.status).toBe('disabled');
		await activate(ctx);
		expect(endpoints.size).toBe(1);
		expect(staticData).toMatchObject({ endpointId, endpointSecret });
		expect(endpoints.get(endpointId as string)!.status).toBe('enabled');
	});

	it('an endpoint for the same URL made elsewhere is adopted when the credential has its secret, and left alone on deactivation', async () => {
		endpoints.set('we_manual', {
			id: 'we_manual',
			object: 'webhook_endpoint',
			url: URL_PROD,
			enabled_events: ['*'],
			status: 'enabled',
			secret: SECRET,
			description: null,
			metadata: {},
		});
		const { ctx, staticData } = hookContext({ credentials: { webhookSecret: SECRET } });
		await activate(ctx);
		expect(endpoints.size).toBe(1);
		expect(staticData).toMatchObject({ endpointId: 'we_manual', endpointAdopted: true });
		expect(staticData.endpointSecret).toBeUndefined();
		await methods.delete.call(ctx);
		expect(endpoints.has('we_manual')).toBe(true);
	});

	it('an endpoint for the same URL whose secret is unknown is replaced, not duplicated', async () => {
		endpoints.set('we_orphan', {
			id: 'we_orphan',
			object: 'webhook_endpoint',
			url: URL_PROD,
			enabled_events: ['*'],
			status: 'enabled',
			secret: 'whsec_lost',
			description: null,
			metadata: {},
		});
		const { ctx, staticData } = hookContext();
		await activate(ctx);
		expect(endpoints.size).toBe(1);
		expect(endpoints.has('we_orphan')).toBe(false);
		expect(staticData.endpointSecret).toMatch(/^whsec_/);
	});

	it('an endpoint deleted in the Stripe Dashboard is registered again', async () => {
		const { ctx, staticData } = hookContext();
		await activate(ctx);
		endpoints.clear();
		await activate(ctx);
		expect(endpoints.size).toBe(1);
		expect(staticData.endpointId).toBe([...endpoints.keys()][0]);
	});

	it('the editor’s temporary test endpoint is always deleted, even with "disable"', async () => {
		const { ctx } = hookContext({ mode: 'manual', url: 'https://n8n.example.com/webhook-test/abc/webhook', params: { whenDeactivated: 'disable' } });
		await activate(ctx);
		expect(endpoints.size).toBe(1);
		await methods.delete.call(ctx);
		expect(endpoints.size).toBe(0);
	});

	it('Connect: a connected-account filter registers a Connect endpoint', async () => {
		const { ctx } = hookContext({ params: { options: { connectedAccounts: 'acct_1' } } });
		await activate(ctx);
		expect(endpoints.size).toBe(1);
		expect(lastCreate.connect).toBe('true');
	});

	it('a Stripe error on create is reported as a node error', async () => {
		const { ctx } = hookContext({ credentials: { apiBaseUrl: 'http://127.0.0.1:1' } });
		await expect(methods.create.call(ctx)).rejects.toThrow(/Could not register the webhook endpoint in Stripe/);
	}, 30_000);
});

describe('sample event for building a flow', () => {
	it('GET on the test URL while the editor listens outputs a sample matching the selected events', async () => {
		const r = await callWebhook({ webhookName: 'setup', mode: 'manual', params: { events: ['charge.dispute.*'] } });
		expect(r.event).toMatchObject({ object: 'event', type: 'charge.dispute.created', livemode: false });
		const d = await callWebhook({ webhookName: 'setup', mode: 'manual' });
		expect(d.event).toMatchObject({ type: 'invoice.paid' });
	});

	it('an unknown selected type gets a bare envelope of that type', () => {
		expect(pickSampleEvent(['payout.paid'])).toMatchObject({ type: 'payout.paid', object: 'event', data: { object: {} } });
	});

	it('GET on the production URL: 405, no execution', async () => {
		const r = await callWebhook({ webhookName: 'setup', mode: 'webhook' });
		expect(r.result.workflowData).toBeUndefined();
		expect(r.res.statusCode).toBe(405);
	});
});

describe('node description', () => {
	const d = trigger.description;
	it('is a webhook trigger with the Stripe Signed API credential', () => {
		expect(d.name).toBe('stripeSignedTrigger');
		expect(d.group).toEqual(['trigger']);
		expect(d.credentials).toEqual([{ name: 'stripeSignedApi', required: true }]);
		const main = d.webhooks!.find((w) => w.name === 'default')!;
		expect(main).toMatchObject({ httpMethod: 'POST', path: 'webhook' });
		expect(main.responseMode).toContain('lastNode');
		expect(main.responseMode).toContain('onReceived');
	});

	it('every option has a description', () => {
		const walk = (props: Array<{ displayName: string; description?: string; type: string; options?: unknown[] }>) => {
			for (const p of props) {
				if (p.type !== 'notice' && p.type !== 'collection') expect(`${p.displayName}: ${p.description ?? ''}`).toMatch(/: \S/);
				if (p.type === 'collection') walk(p.options as typeof props);
			}
		};
		walk(d.properties as unknown as Parameters<typeof walk>[0]);
	});
});
