/**
 * The sandbox for a test file of clicks (sandbox.test.ts, risk.sandbox.test.ts): started once, reset with the
 * trigger's click caches before each test, and the host of each test (trigger → Stripe Action → Slack Action
 * Response, harness.ts) settled and closed after it.
 */
import { WebClient } from '@slack/web-api';

import { clearGroupCaches, forgetDeliveries } from '../../../nodes/shared/slack/click';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { startHost, type Host, type HostOptions } from './harness';

export interface SandboxSuite {
	readonly sandbox: Sandbox;
	/** The bot's Web API client on the sandbox. */
	readonly slack: WebClient;
	/** GET (no body) or POST JSON to the sandbox. */
	api(path: string, body?: unknown): Promise<any>;
	/** The host options for this sandbox: its Slack and Stripe, finance (S_FINANCE) may press every button. */
	hostOptions(overrides?: Partial<HostOptions>): HostOptions;
	/** Starts the host of this test and sends the sandbox's clicks to it. */
	useHost(overrides?: Partial<HostOptions>): Promise<Host>;
}

export function sandboxSuite(): SandboxSuite {
	let sandbox: Sandbox | undefined;
	let slack: WebClient | undefined;
	let host: Host | undefined;
	const started = () => {
		if (!sandbox) throw new Error('the sandbox did not start (see beforeAll)');
		return sandbox;
	};
	const suite: SandboxSuite = {
		get sandbox() {
			return started();
		},
		get slack() {
			started();
			return slack!;
		},
		async api(path, body) {
			const res = await fetch(`${started().url}${path}`, {
				method: body === undefined ? 'GET' : 'POST',
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			return (await res.json()) as any;
		},
		hostOptions(overrides = {}) {
			const url = started().url;
			return {
				slackCredentials: { botToken: 'xoxb-sandbox-token', signingSecret: 'sandbox-signing-secret', apiBaseUrl: `${url}/api/` },
				stripeCredentials: { secretKey: 'sk_test_sandbox', apiBaseUrl: url },
				triggerParams: {
					actionIdPrefixes: 'stripe_slack.',
					authorization: { rules: [{ actionPrefix: 'stripe_slack.', userIds: '', userGroupIds: 'S_FINANCE' }] },
					unmatchedActions: 'denyMoneyMoving',
					options: {},
				},
				...overrides,
			};
		},
		async useHost(overrides = {}) {
			host = await startHost(suite.hostOptions(overrides));
			await suite.api('/_sandbox/config', { interactivityUrl: host.url });
			return host;
		},
	};
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, seedTransactions: 10 });
		slack = new WebClient('xoxb-sandbox-token', { slackApiUrl: `${sandbox.url}/api/` });
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	beforeEach(async () => {
		await suite.api('/_sandbox/reset', {});
		forgetDeliveries();
		clearGroupCaches();
	});
	afterEach(async () => {
		if (host) {
			await host.settle();
			await host.close();
			host = undefined;
		}
	});
	return suite;
}
