/**
 * `npm start`: the local sandbox, a real n8n with this package installed as a community package,
 * the owner account, sandbox credentials and every template published. Ctrl-C stops everything.
 * Environment: N8N_PORT (default 5678), SANDBOX_PORT (default 5680), DEV_DATA_DIR (default .dev).
 */
import * as path from 'path';
import { startDevStack } from './lib/devStack';
import { ROOT } from './lib/n8n';

function port(name: string, dflt: number): number {
	const raw = process.env[name];
	if (!raw) return dflt;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1 || n > 65535) {
		console.error(`${name}="${raw}" is not a port number (1-65535).`);
		process.exit(2);
	}
	return n;
}

async function main(): Promise<void> {
	const started = Date.now();
	const log = (s: string) => console.log(`[dev] ${s}`);
	const stack = await startDevStack({
		dataDir: process.env.DEV_DATA_DIR ?? path.join(ROOT, '.dev'),
		n8nPort: port('N8N_PORT', 5678),
		sandboxPort: port('SANDBOX_PORT', 5680),
		log,
	});
	const e = stack.endpoints;
	let stopping = false;
	const shutdown = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		log(`${signal}: stopping n8n and the sandbox...`);
		await stack.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown('Ctrl-C'));
	process.on('SIGTERM', () => void shutdown('SIGTERM'));
	console.log(`
  n8n is ready (${((Date.now() - started) / 1000).toFixed(1)} s)

  Editor:   ${e.n8n}
  Login:    ${e.owner.email} / ${e.owner.password}
  Sandbox:  ${e.sandbox ?? '(none)'}${e.sandbox ? '   <- the fake Slack workspace and Stripe account' : ''}
  Webhooks: ${Object.entries(e.webhooks).map(([k, v]) => `\n    ${k.padEnd(14)} ${v}`).join('') || '(no templates yet)'}

  Send a signed test event:  npm run send-event -- payment_intent.succeeded
  Everything above is also in .dev/endpoints.json. Ctrl-C stops everything.
`);
}

main().catch((err) => {
	console.error(`\n[dev] Could not start: ${err instanceof Error ? err.message : String(err)}`);
	console.error('[dev] See "Troubleshooting" in README.md; n8n\'s own log is .dev/n8n.log.');
	process.exit(1);
});
