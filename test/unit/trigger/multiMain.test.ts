/**
 * The High-Volume Trigger with several n8n mains (nodes/shared/stripe/multiMain.ts): journal mode is refused
 * at activation with a message that says what to use; "After the Workflow Finishes" listens as usual; one
 * main (or queue mode without multi-main) is unaffected.
 */
import type { ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { multiMainEnabled, multiMainRefusal } from '../../../nodes/shared/stripe/multiMain';
import { StripeHighVolumeTrigger } from '../../../nodes/StripeHighVolumeTrigger/StripeHighVolumeTrigger.node';

const MULTI = { EXECUTIONS_MODE: 'queue', N8N_MULTI_MAIN_SETUP_ENABLED: 'true' };

test('multi-main is on only in queue mode with N8N_MULTI_MAIN_SETUP_ENABLED true or 1 (as n8n parses it)', () => {
	expect(multiMainEnabled(MULTI)).toBe(true);
	expect(multiMainEnabled({ ...MULTI, N8N_MULTI_MAIN_SETUP_ENABLED: '1' })).toBe(true);
	expect(multiMainEnabled({ ...MULTI, N8N_MULTI_MAIN_SETUP_ENABLED: 'false' })).toBe(false);
	expect(multiMainEnabled({ EXECUTIONS_MODE: 'regular', N8N_MULTI_MAIN_SETUP_ENABLED: 'true' })).toBe(false);
	expect(multiMainEnabled({ EXECUTIONS_MODE: 'queue' })).toBe(false);
	expect(multiMainRefusal('afterRun', MULTI)).toBeUndefined();
	expect(multiMainRefusal('journal', { EXECUTIONS_MODE: 'queue' })).toBeUndefined();
});

function fakeTrigger(options: Record<string, unknown>, port: number): ITriggerFunctions {
	const params: Record<string, unknown> = { port, path: '/stripe', events: [], liveMode: 'any', options };
	return {
		getNode: () => ({ id: 'n1', name: 'Stripe High-Volume Trigger', type: 'stripeHighVolumeTrigger', typeVersion: 1, position: [0, 0], parameters: {} }),
		getWorkflow: () => ({ id: 'wf-multi-main', active: true }),
		getNodeParameter: (name: string, fallback?: unknown) => (name in params ? params[name] : fallback),
		getMode: () => 'trigger',
		getCredentials: async () => ({ webhookSecret: 'whsec_test_multi_main' }),
		logger: { info: () => undefined, warn: () => undefined, debug: () => undefined, error: () => undefined },
		helpers: { createDeferredPromise: () => ({ promise: new Promise(() => undefined), resolve: () => undefined, reject: () => undefined }) },
		emit: () => undefined,
	} as unknown as ITriggerFunctions;
}

describe('activation with several mains', () => {
	const saved = { ...process.env };
	beforeEach(() => Object.assign(process.env, MULTI));
	afterEach(() => {
		for (const k of Object.keys(MULTI)) delete process.env[k];
		Object.assign(process.env, saved);
	});

	it('journal mode (the default) is refused with what to use instead', async () => {
		const node = new StripeHighVolumeTrigger();
		await expect(node.trigger.call(fakeTrigger({}, 20000 + Math.floor(Math.random() * 20000)))).rejects.toThrow(
			/several mains[\s\S]*After the Workflow Finishes[\s\S]*Stripe Signed Trigger/,
		);
	});

	it('"After the Workflow Finishes" listens (the leader is the only main n8n runs it on)', async () => {
		const node = new StripeHighVolumeTrigger();
		const port = 20000 + Math.floor(Math.random() * 20000);
		const res = (await node.trigger.call(fakeTrigger({ acknowledge: 'afterRun', duplicateStore: 'memory', host: '127.0.0.1' }, port))) as ITriggerResponse;
		try {
			const status = await fetch(`http://127.0.0.1:${port}/stripe`);
			expect(status.status).toBe(200);
			expect(await status.json()).toMatchObject({ listening: true });
		} finally {
			await res.closeFunction?.();
		}
	});
});
