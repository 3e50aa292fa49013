/**
 * `npm run sandbox`: runs the local Slack + Stripe stand-in on 127.0.0.1 (SANDBOX_PORT, default 5680).
 * Everything is configured by environment variables; see "Try it without Stripe or Slack" in README.md.
 */
import { startSandbox } from './server';

export { startSandbox } from './server';
export type { Sandbox, SandboxOptions } from './server';

async function main(): Promise<void> {
	const quiet = process.env.SANDBOX_QUIET === '1';
	const sb = await startSandbox({ log: quiet ? undefined : (l) => console.log(`[sandbox] ${l}`) });
	const tokenNote = process.env.SANDBOX_SLACK_TOKENS ? '(from SANDBOX_SLACK_TOKENS)' : 'xoxb-sandbox-token';
	const keyNote = process.env.SANDBOX_STRIPE_KEY ? '(from SANDBOX_STRIPE_KEY) or any sk_test_ key' : 'sk_test_sandbox or any sk_test_ key';
	console.log(
		[
			`Sandbox running at ${sb.url}`,
			`  page:             ${sb.url}/`,
			`  Slack API:        ${sb.url}/api/   (token ${tokenNote})`,
			`  Stripe API:       ${sb.url}/v1/    (key ${keyNote})`,
			`  interactivity ->  ${sb.slack.opts.interactivityUrl ?? '(not set: SANDBOX_INTERACTIVITY_URL or POST /_sandbox/config)'}`,
			`  seeded:           ${sb.stripe.balanceTransactions.length} balance transactions, ${sb.slack.channels.length} channels`,
		].join('\n'),
	);
	const stop = () => {
		sb.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((e: NodeJS.ErrnoException) => {
		if (e.code === 'EADDRINUSE') console.error(`Port already in use. Set SANDBOX_PORT to another port. (${e.message})`);
		else console.error(e);
		process.exit(1);
	});
}
