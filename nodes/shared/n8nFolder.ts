/**
 * n8n's data folder, as n8n itself finds it (no n8n imports): `<N8N_USER_FOLDER>/.n8n`, else `~/.n8n`
 * (n8n-core's InstanceSettings: `n8nFolder = join(N8N_USER_FOLDER ?? homedir(), '.n8n')`). Nodes are not
 * given this folder by n8n's node API, and every n8n process (main, workers) sets it the same way.
 */
import { homedir } from 'os';
import { join } from 'path';

export function n8nDataFolder(env: NodeJS.ProcessEnv = process.env): string {
	return join(env.N8N_USER_FOLDER?.trim() || homedir(), '.n8n');
}

/** "~/x" → "<home>/x"; other paths as they are. */
export function expandHome(path: string): string {
	return path.replace(/^~(?=\/|$)/, homedir());
}
