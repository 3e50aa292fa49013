/**
 * Starts the stack that `npm start` runs (sandbox + real n8n + package + templates) once for all
 * end-to-end tests, on its own ports and in a temporary data folder, so a running `npm start` is
 * left alone. The first run installs the pinned n8n (several minutes); later runs reuse it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startDevStack, type DevStack } from '../../scripts/lib/devStack';

export default async function globalSetup(): Promise<void> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-slack-e2e-'));
	const started = Date.now();
	const stack = await startDevStack({
		dataDir,
		n8nPort: Number(process.env.E2E_N8N_PORT ?? 5778),
		sandboxPort: Number(process.env.E2E_SANDBOX_PORT ?? 5780),
		log: (s) => process.stderr.write(`[e2e] ${s}\n`),
	});
	process.stderr.write(`[e2e] stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s (data: ${dataDir})\n`);
	const info = {
		dataDir,
		endpoints: stack.endpoints,
		workflowIds: stack.workflowIds,
		n8nOptions: { userFolder: stack.n8nOptions.userFolder, port: stack.n8nOptions.port },
		runtime: stack.runtime,
	};
	const file = path.join(dataDir, 'stack.json');
	fs.writeFileSync(file, JSON.stringify(info, null, 2));
	process.env.E2E_STACK_FILE = file;
	(globalThis as { __E2E_STACK__?: DevStack }).__E2E_STACK__ = stack;
}
