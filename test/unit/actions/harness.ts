/**
 * Small stand-ins for n8n: fake IWebhookFunctions / IExecuteFunctions, and an HTTP host that serves the
 * Slack Action Trigger the way n8n serves a webhook (raw body kept, response answered by the node,
 * workflow started after) and then runs Stripe Action → Slack Action Response on its output.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { SlackActionResponse } from '../../../nodes/SlackActionResponse/SlackActionResponse.node';
import type { MinimalRequest, MinimalResponse } from '../../../nodes/shared/slack/click';
import { SlackActionTrigger } from '../../../nodes/SlackActionTrigger/SlackActionTrigger.node';
import { StripeAction } from '../../../nodes/StripeAction/StripeAction.node';

export type Params = Record<string, unknown>;

const node = (name: string) => ({ id: `${name}-id`, name, type: name, typeVersion: 1, position: [0, 0] as [number, number], parameters: {} });

/** The node's own defaults (top-level properties), as n8n fills them in for parameters left unset. */
export function defaultsOf(description: INodeTypeDescription): Params {
	const out: Params = {};
	for (const p of description.properties) if (!(p.name in out) && p.type !== 'notice') out[p.name] = p.default;
	return out;
}

function paramGetter(params: Params, defaults: Params = {}) {
	return (name: string, ...rest: unknown[]) => {
		// getNodeParameter(name, fallback) for webhooks; (name, itemIndex, fallback) for execute.
		const fallback = rest.length >= 2 ? rest[1] : rest.length === 1 && typeof rest[0] !== 'number' ? rest[0] : undefined;
		if (name in params) return params[name];
		if (name in defaults && !(typeof defaults[name] === 'string' && (defaults[name] as string).startsWith('='))) return defaults[name];
		return fallback;
	};
}

export class RecordingResponse implements MinimalResponse {
	statusCode = 200;

	body: unknown = undefined;

	headersSent = false;

	sentAt = 0;

	constructor(private readonly real?: ServerResponse) {}

	status(code: number): this {
		this.statusCode = code;
		if (this.real) this.real.statusCode = code;
		return this;
	}

	json(body: unknown): void {
		this.finish(JSON.stringify(body), 'application/json');
		this.body = body;
	}

	send(body?: unknown): void {
		this.finish(body === undefined ? '' : String(body));
		this.body = body ?? '';
	}

	end(): void {
		this.finish('');
	}

	private finish(text: string, type?: string): void {
		if (this.headersSent) throw new Error('response sent twice');
		this.headersSent = true;
		this.sentAt = Date.now();
		if (this.real) {
			if (type) this.real.setHeader('content-type', type);
			this.real.end(text);
		}
	}
}

export function fakeWebhookFunctions(opts: {
	params: Params;
	credentials: IDataObject;
	request: MinimalRequest;
	response: MinimalResponse;
	workflowId?: string;
	warnings?: string[];
}): IWebhookFunctions {
	return {
		getNodeParameter: paramGetter(opts.params, defaultsOf(new SlackActionTrigger().description)),
		getCredentials: async () => opts.credentials,
		getRequestObject: () => opts.request,
		getResponseObject: () => opts.response,
		getWorkflow: () => ({ id: opts.workflowId ?? 'wf-test', name: 'test', active: true }),
		getNode: () => node('Slack Action Trigger'),
		getMode: () => 'webhook',
		logger: {
			warn: (m: string) => opts.warnings?.push(m),
			debug: () => undefined,
			info: () => undefined,
			error: () => undefined,
		},
	} as unknown as IWebhookFunctions;
}

export function fakeExecuteFunctions(opts: {
	name: string;
	params: Params;
	credentials: IDataObject;
	items: INodeExecutionData[];
	continueOnFail?: boolean;
	description?: INodeTypeDescription;
}): IExecuteFunctions {
	return {
		getInputData: () => opts.items,
		getNodeParameter: paramGetter(opts.params, opts.description ? defaultsOf(opts.description) : {}),
		getCredentials: async () => opts.credentials,
		getNode: () => node(opts.name),
		getExecutionId: () => 'exec-1',
		continueOnFail: () => opts.continueOnFail ?? false,
		getMode: () => 'webhook',
		logger: { warn: () => undefined, debug: () => undefined, info: () => undefined, error: () => undefined },
	} as unknown as IExecuteFunctions;
}

export interface FlowRun {
	trigger: INodeExecutionData[];
	stripe?: INodeExecutionData[];
	response?: INodeExecutionData[];
	error?: Error;
	finishedAt?: number;
}

export interface HostOptions {
	slackCredentials: IDataObject;
	stripeCredentials: IDataObject;
	triggerParams: Params;
	stripeParams?: Params;
	responseParams?: Params;
	workflowId?: string;
}

export interface Host {
	url: string;
	/** Every request the host received, with what the trigger answered. */
	requests: Array<{ headers: IncomingMessage['headers']; rawBody: Buffer; status: number; body: unknown; answeredInMs: number }>;
	/** Workflow runs started so far (each resolves when the flow is done). */
	runs: Array<Promise<FlowRun>>;
	settle(): Promise<FlowRun[]>;
	warnings: string[];
	close(): Promise<void>;
}

/** Runs Stripe Action and Slack Action Response on the trigger's items, like a 3-node workflow. */
export async function runFlow(opts: HostOptions, triggerItems: INodeExecutionData[]): Promise<FlowRun> {
	const run: FlowRun = { trigger: triggerItems };
	try {
		const stripe = new StripeAction();
		[run.stripe] = await stripe.execute.call(
			fakeExecuteFunctions({
				name: 'Stripe Action',
				params: opts.stripeParams ?? {},
				credentials: opts.stripeCredentials,
				items: triggerItems,
				description: stripe.description,
			}),
		);
		const response = new SlackActionResponse();
		[run.response] = await response.execute.call(
			fakeExecuteFunctions({
				name: 'Slack Action Response',
				params: opts.responseParams ?? {},
				credentials: opts.slackCredentials,
				items: run.stripe,
				description: response.description,
			}),
		);
	} catch (error) {
		run.error = error as Error;
	}
	run.finishedAt = Date.now();
	return run;
}

export async function startHost(opts: HostOptions): Promise<Host> {
	const trigger = new SlackActionTrigger();
	const requests: Host['requests'] = [];
	const runs: Array<Promise<FlowRun>> = [];
	const warnings: string[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const started = Date.now();
			const rawBody = Buffer.concat(chunks);
			const response = new RecordingResponse(res);
			const request: MinimalRequest = { headers: req.headers, rawBody, body: {} };
			const record = { headers: req.headers, rawBody, status: 0, body: undefined as unknown, answeredInMs: -1 };
			requests.push(record);
			void (async () => {
				let result: IWebhookResponseData;
				try {
					result = await trigger.webhook.call(
						fakeWebhookFunctions({
							params: opts.triggerParams,
							credentials: opts.slackCredentials,
							request,
							response,
							workflowId: opts.workflowId,
							warnings,
						}),
					);
				} catch (error) {
					if (!response.headersSent) response.status(500).json({ error: (error as Error).message });
					return;
				} finally {
					record.status = response.statusCode;
					record.body = response.body;
					record.answeredInMs = response.sentAt ? response.sentAt - started : -1;
				}
				// n8n: without noWebhookResponse it would answer itself ("onReceived").
				if (!result.noWebhookResponse && !response.headersSent) response.status(200).json({ message: 'Workflow was started' });
				if (result.workflowData) runs.push(runFlow(opts, result.workflowData[0]));
			})();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/slack-actions`,
		requests,
		runs,
		warnings,
		settle: async () => {
			// Wait until no new run appears for a moment (a click's webhook() may still be running).
			let seen = -1;
			while (seen !== runs.length) {
				seen = runs.length;
				await Promise.all(runs);
				await new Promise((r) => setTimeout(r, 150));
			}
			return await Promise.all(runs);
		},
		close: async () =>
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
