/** What the end-to-end tests know of the running stack (written by globalSetup). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startDevStack, type DevStack, type Endpoints } from '../../scripts/lib/devStack';
import { N8nProcess, N8nRest, waitFor } from '../../scripts/lib/n8n';

export interface StackInfo {
	dataDir: string;
	endpoints: Endpoints;
	workflowIds: Record<string, string>;
	n8nOptions: { userFolder: string; port: number };
	runtime: { dir: string; node: string; n8n: string };
}

export function stackInfo(): StackInfo {
	const file = process.env.E2E_STACK_FILE;
	if (!file) throw new Error('E2E_STACK_FILE is not set: run the e2e tests through jest (globalSetup starts the stack)');
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export async function loggedIn(): Promise<N8nRest> {
	const info = stackInfo();
	const rest = new N8nRest(info.endpoints.n8n);
	await rest.ensureOwner(info.endpoints.owner);
	return rest;
}

/**
 * A stack of the test file's own (for tests that restart n8n), started in beforeAll and stopped in afterAll:
 * `stack()` is it, `restart()` stops its n8n and starts it again on the same data, `routed(templates)` waits
 * until n8n routes those templates' production webhooks (it registers them after it answers).
 */
export function ownStack(label: string, basePort: number): { stack: () => DevStack; restart: () => Promise<void>; routed: (templates: string[], when: string) => Promise<true> } {
	let stack: DevStack | undefined;
	let restarted: N8nProcess | undefined;
	let dataDir = '';
	beforeAll(async () => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `stripe-slack-${label}-e2e-`));
		stack = await startDevStack({ dataDir, n8nPort: basePort, sandboxPort: basePort + 2, skipBuild: true, log: (s) => process.stderr.write(`[${label}] ${s}\n`) });
	}, 240_000);
	afterAll(async () => {
		await restarted?.stop();
		await stack?.stop();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	}, 60_000);
	const get = (): DevStack => {
		if (!stack) throw new Error('the stack did not start (see beforeAll)');
		return stack;
	};
	return {
		stack: get,
		restart: async () => {
			await (restarted ?? get().n8n).stop();
			restarted = new N8nProcess(get().n8nOptions);
			await restarted.start();
		},
		routed: (templates, when) =>
			waitFor(
				`n8n to route the ${templates.join(', ')} webhook(s) ${when}`,
				async () => {
					for (const t of templates) if ((await fetch(get().endpoints.webhooks[t], { method: 'POST', body: '{}' })).status === 404) return undefined;
					return true as const;
				},
				60_000,
				250,
			),
	};
}
