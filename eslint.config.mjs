/**
 * `npm run lint` = `n8n-node lint` = ESLint with n8n's own flat configuration for community nodes (the one
 * n8n-nodes-starter uses, with n8n Cloud's rules on), over nodes/, credentials/ and package.json.
 * The only findings it lets through are the exemptions in n8n-exemptions.json (self-hosted-only modules, each
 * with its reason; docs/n8n-checks.md); inline eslint-disable comments have no effect, as in n8n's scanner.
 */
import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';
import { exemptionsProcessor } from './scripts/lib/exemptions.mjs';

export default [
	globalIgnores(['**/*', '!nodes/', '!nodes/**', '!credentials/', '!credentials/**', '!package.json']),
	...config,
	{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
	{
		files: ['**/*.ts', 'package.json'],
		plugins: { 'n8n-exemptions': { processors: { exemptions: exemptionsProcessor() } } },
		processor: 'n8n-exemptions/exemptions',
	},
];
