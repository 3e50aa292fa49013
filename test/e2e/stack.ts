/** What the end-to-end tests know of the running stack (written by globalSetup). */
import * as fs from 'fs';
import type { Endpoints } from '../../scripts/lib/devStack';
import { N8nRest } from '../../scripts/lib/n8n';

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
