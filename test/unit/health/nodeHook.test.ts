/**
 * The endpoint-health hook of `startNodeCatchUp` (nodes/shared/n8n/catchUpOptions.ts), without n8n: a trigger
 * context stand-in (credential pointing at the in-process sandbox, `emit` recording items and ending each
 * "execution" at once) and the sandbox's Stripe with the endpoint already disabled. The alert must come out of the
 * activation pass itself, long before the first scheduled pass (the interval here is a day). Also: the options
 * behind catch-up stay visible (and so kept by n8n) when "Catch Up on Missed Events" is not in the collection.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IDataObject, ITriggerFunctions } from 'n8n-workflow';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { catchUpOptions, startNodeCatchUp } from '../../../nodes/shared/n8n/catchUpOptions';
import { postJson } from '../../sandbox/helpers';

describe('startNodeCatchUp: endpoint health after the activation pass', () => {
	let sb: Sandbox;
	let folder = '';
	const savedFolder = process.env.N8N_USER_FOLDER;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, seedTransactions: 0 });
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-slack-health-hook-'));
		process.env.N8N_USER_FOLDER = folder;
	});
	afterAll(async () => {
		await sb.close();
		if (savedFolder === undefined) delete process.env.N8N_USER_FOLDER;
		else process.env.N8N_USER_FOLDER = savedFolder;
		fs.rmSync(folder, { recursive: true, force: true });
	});

	function context(emitted: IDataObject[][], warnings: string[]): ITriggerFunctions {
		return {
			getNode: () => ({ id: 'node-health-1', name: 'Stripe Events' }),
			getWorkflow: () => ({ id: 'wf-health-1' }),
			logger: { info: () => undefined, warn: (m: string) => warnings.push(m), debug: () => undefined, error: () => undefined },
			getCredentials: async () => ({ secretKey: 'sk_test_sandbox', apiBaseUrl: sb.url }),
			helpers: {
				createDeferredPromise: () => {
					let resolve!: (v: unknown) => void;
					let reject!: (e: unknown) => void;
					const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
					return { promise, resolve, reject };
				},
			},
			emit: (data: Array<Array<{ json: IDataObject }>>, _r: unknown, done?: { resolve: (v: unknown) => void }) => {
				emitted.push(data[0].map((i) => i.json));
				done?.resolve({ status: 'success', data: { resultData: {} } });
			},
		} as unknown as ITriggerFunctions;
	}

	it('a disabled endpoint named in Endpoint ID gives the alert from the activation pass, once', async () => {
		const r = await fetch(`${sb.url}/v1/webhook_endpoints`, {
			method: 'POST',
			headers: { authorization: 'Bearer sk_test_sandbox', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ url: 'https://n8n.example.com/webhook/abc/webhook', 'enabled_events[0]': '*' }).toString(),
		});
		const endpointId = String(((await r.json()) as { id: string }).id);
		await postJson(`${sb.url}/_sandbox/stripe/webhook_endpoints/${endpointId}`, { status: 'disabled' });

		const emitted: IDataObject[][] = [];
		const warnings: string[] = [];
		const cfg = {
			options: { catchUpEveryMinutes: 1440, endpointId },
			types: ['payment_intent.succeeded'],
			filter: { types: ['payment_intent.succeeded'], mode: 'any' as const, accounts: [] },
			deliver: async () => true,
			label: 'Stripe Signed Trigger',
		};
		const runner = await startNodeCatchUp(context(emitted, warnings), cfg);
		expect(runner).toBeDefined();
		await runner!.first;
		await runner!.stop(false);
		expect(warnings).toEqual([]);
		const types = emitted.flat().map((j) => j.type);
		expect(types).toEqual(['stripe_slack.endpoint_unhealthy']);
		expect(emitted.flat()[0].data).toMatchObject({ endpointId, problems: ['disabled'], catchUpEveryMinutes: 1440 });

		// activated again (a restart): the stored state says the alert was given; no second one
		const again = await startNodeCatchUp(context(emitted, warnings), cfg);
		await again!.first;
		await again!.stop(false);
		expect(emitted.flat().map((j) => j.type)).toEqual(['stripe_slack.endpoint_unhealthy']);
	});

	it('the interval, window and Endpoint ID are shown unless catch-up is turned off (so n8n keeps their values)', () => {
		const dependent = catchUpOptions.filter((o) => o.name !== 'catchUp');
		expect(dependent.map((o) => o.name)).toEqual(['catchUpEveryMinutes', 'catchUpWindowHours', 'endpointId']);
		for (const o of dependent) {
			expect(o.displayOptions).toEqual({ hide: { catchUp: [false] } });
			expect(o.displayOptions?.show).toBeUndefined();
		}
	});
});
