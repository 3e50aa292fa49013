/**
 * `npm run install-runtime`: installs (or checks, or repairs) the pinned n8n runtime on its own, the first step
 * of `npm start` and of the end-to-end tests. Prints the runtime's folder on the last line of stdout.
 * N8N_RUNTIME_DIR chooses the folder (default ~/.cache/n8n-nodes-stripe-slack/n8n-<version>).
 */
import { ensureRuntime } from './lib/runtime';

const started = Date.now();
ensureRuntime((s) => process.stderr.write(`[runtime] ${s}\n`))
	.then((rt) => {
		process.stderr.write(`[runtime] ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
		process.stdout.write(`${rt.dir}\n`);
	})
	.catch((e: Error) => {
		process.stderr.write(`[runtime] ${e.message}\n[runtime] See "Troubleshooting" in README.md.\n`);
		process.exit(1);
	});
