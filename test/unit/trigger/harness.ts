/**
 * A small fake of n8n's IWebhookFunctions for driving StripeSignedTrigger.webhook() in unit tests,
 * and helpers to sign fixture events at test time with the stripe SDK.
 */
import { EventEmitter } from 'events';
import * as http from 'http';
import { readFileSync } from 'fs';
import { join } from 'path';
import { randomUUID } from 'crypto';
import Stripe from 'stripe';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { StripeSignedTrigger } from '../../../nodes/StripeSignedTrigger/StripeSignedTrigger.node';

export const SECRET = 'whsec_test_current_0123456789abcdef';
export const OLD_SECRET = 'whsec_test_previous_0123456789abcdef';
export const OTHER_SECRET = 'whsec_test_someone_else_0123456789ab';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'stripe');

/** The exact text of a fixture file: what Stripe would send as the raw body. */
export function fixtureText(name: string): string {
	return readFileSync(join(FIXTURES, `${name}.json`), 'utf8');
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** `t=...,v1=...` for one secret, made by the SDK. */
export function sign(payload: string | Buffer, secret = SECRET, timestamp = nowSeconds()): string {
	return Stripe.webhooks.generateTestHeaderString({ payload: payload.toString(), secret, timestamp });
}

/** The v1 value alone. */
export function v1Of(header: string): string {
	return header.split(',').find((p) => p.startsWith('v1='))!.slice(3);
}

export class FakeResponse extends EventEmitter {
	statusCode = 200;

	body: unknown = undefined;

	writableFinished = false;

	headersSent = false;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	json(body: unknown): this {
		this.body = body;
		this.end();
		return this;
	}

	send(body: unknown): this {
		return this.json(body);
	}

	/** What n8n does after the node returned workflowData: answer, then the socket finishes. */
	end(): this {
		if (this.writableFinished) return this;
		this.headersSent = true;
		this.writableFinished = true;
		this.emit('finish');
		this.emit('close');
		return this;
	}

	/** n8n answering Stripe after the node (onReceived: at once; lastNode: after the workflow). */
	answer(code: number, body: unknown = { message: 'Workflow was started' }): void {
		this.status(code).json(body);
	}

	/** The client (Stripe) went away before an answer was written. */
	drop(): void {
		this.emit('close');
	}
}

export interface CallOptions {
	body?: string | Buffer;
	/** `undefined` = no header; a string is sent as is */
	header?: string | string[];
	/** omit rawBody (as if n8n had not kept the bytes) and pass only the parsed body */
	noRawBody?: boolean;
	params?: IDataObject;
	options?: IDataObject;
	credentials?: IDataObject;
	staticData?: IDataObject;
	mode?: 'trigger' | 'webhook' | 'manual';
	webhookName?: 'default' | 'setup';
	workflowId?: string;
	nodeId?: string;
	method?: string;
}

export interface LogLine {
	level: string;
	message: string;
	meta?: unknown;
}

export interface CallResult {
	result: IWebhookResponseData;
	res: FakeResponse;
	logs: LogLine[];
	/** the (only) item's json when workflow data was produced */
	event?: IDataObject;
}

export function makeContext(opts: CallOptions = {}) {
	const res = new FakeResponse();
	const logs: LogLine[] = [];
	const rawBody = opts.body === undefined ? undefined : Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body);
	let parsed: unknown = {};
	try {
		parsed = rawBody ? JSON.parse(rawBody.toString('utf8')) : {};
	} catch {
		parsed = rawBody?.toString('utf8');
	}
	const headers: Record<string, string | string[] | undefined> = { 'content-type': 'application/json' };
	if (opts.header !== undefined) headers['stripe-signature'] = opts.header;
	const req = {
		method: opts.method ?? (opts.webhookName === 'setup' ? 'GET' : 'POST'),
		headers,
		body: parsed,
		...(opts.noRawBody ? {} : { rawBody }),
	};
	const params: IDataObject = { events: [], liveMode: 'any', registerEndpoint: false, ...opts.params, options: { ...opts.options } };
	const staticData = opts.staticData ?? {};
	const workflowId = opts.workflowId ?? `wf-${randomUUID()}`;
	const node = { id: opts.nodeId ?? 'node-1', name: 'Stripe Signed Trigger', type: 'stripeSignedTrigger', typeVersion: 1, position: [0, 0], parameters: params };
	const log = (level: string) => (message: string, meta?: unknown) => logs.push({ level, message, meta });
	const ctx = {
		getRequestObject: () => req,
		getResponseObject: () => res,
		getNodeParameter: (name: string, fallback?: unknown) => (name in params ? params[name] : fallback),
		getCredentials: async (type: string) => {
			if (type !== 'stripeSignedApi') throw new Error(`unexpected credential type ${type}`);
			return { secretKey: 'sk_test_x', apiBaseUrl: 'https://api.stripe.com', webhookSecret: SECRET, previousWebhookSecret: '', ...opts.credentials };
		},
		getWorkflowStaticData: () => staticData,
		getNode: () => node,
		getWorkflow: () => ({ id: workflowId, name: 'test', active: true }),
		getMode: () => opts.mode ?? 'webhook',
		getWebhookName: () => opts.webhookName ?? 'default',
		getBodyData: () => parsed,
		getHeaderData: () => headers,
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers: {},
	};
	return { ctx: ctx as unknown as IWebhookFunctions, res, logs, staticData, workflowId };
}

const trigger = new StripeSignedTrigger();

export async function callWebhook(opts: CallOptions = {}): Promise<CallResult> {
	const { ctx, res, logs } = makeContext(opts);
	const result = await trigger.webhook.call(ctx);
	const event = result.workflowData?.[0]?.[0]?.json;
	return { result, res, logs, event };
}

export { trigger };

/** POSTs a body to a URL (a listener), answering its status and parsed JSON body. */
export function postRaw(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
			let text = '';
			res.on('data', (c) => (text += c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
		});
		req.on('error', reject);
		req.end(body);
	});
}
