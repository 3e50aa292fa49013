/**
 * The real n8n that development and the end-to-end tests run on: install (cached), package install
 * (the way n8n installs a community package), CLI calls, start/stop, owner and REST access.
 * Plain Node: used by `npm start` (scripts/dev.ts) and by test/e2e.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { ROOT, type Runtime } from './runtime';

export { ROOT };
export { ensureRuntime, type Runtime } from './runtime';
export const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
	config: { n8nVersion: string };
	n8n: { nodes: string[]; credentials: string[] };
};

function run(cmd: string, args: string[], cwd: string, what: string): string {
	const res = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	if (res.status !== 0) {
		throw new Error(`${what} failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
	}
	return res.stdout;
}

/** `npm run build`: dist/ with every node, credential and icon. */
export function buildPackage(): void {
	run('npm', ['run', 'build', '--silent'], ROOT, 'Building the package (npm run build)');
}

/**
 * Installs this package into `<userFolder>/.n8n/nodes` exactly as n8n installs a community package
 * from the registry (community-packages.service: pack, unpack into node_modules/<name>, drop dev and
 * peer dependencies, `npm install` its own dependencies with scripts off), from a local `npm pack`.
 * Node types are then named `n8n-nodes-stripe-slack.<node>`, as real users get them.
 * Skipped when the packed tarball is the one installed last time.
 */
export function installPackage(userFolder: string): { changed: boolean } {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const packOut = run('npm', ['pack', '--json', '--pack-destination', nodesDir], ROOT, 'npm pack');
	const [{ filename }] = JSON.parse(packOut) as Array<{ filename: string }>;
	const tarball = path.join(nodesDir, path.basename(filename));
	const hash = crypto.createHash('sha256').update(fs.readFileSync(tarball)).digest('hex');
	const pkgDir = path.join(nodesDir, 'node_modules', PACKAGE.name);
	const marker = path.join(pkgDir, '.installed-from');
	try {
		if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === hash) return { changed: false };
		fs.rmSync(pkgDir, { recursive: true, force: true });
		fs.mkdirSync(pkgDir, { recursive: true });
		run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1'], nodesDir, 'Unpacking the package');
		const pj = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
		delete pj.devDependencies;
		delete pj.peerDependencies;
		delete pj.optionalDependencies;
		fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(pj, null, 2));
		run(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--loglevel=error',
			],
			pkgDir,
			"Installing the package's dependencies",
		);
		const nodesPkg = path.join(nodesDir, 'package.json');
		const manifest = fs.existsSync(nodesPkg)
			? JSON.parse(fs.readFileSync(nodesPkg, 'utf8'))
			: { name: 'installed-nodes', private: true, dependencies: {} };
		manifest.dependencies = { ...manifest.dependencies, [PACKAGE.name]: pj.version };
		fs.writeFileSync(nodesPkg, JSON.stringify(manifest, null, 2));
		fs.writeFileSync(marker, hash);
		return { changed: true };
	} finally {
		fs.rmSync(tarball, { force: true });
	}
}

export interface N8nOptions {
	runtime: Runtime;
	userFolder: string;
	port: number;
	/** extra environment (queue mode, etc.) */
	env?: Record<string, string>;
	/** where n8n's own output goes (a file); default: discarded */
	logFile?: string;
}

export function n8nEnv(o: N8nOptions): NodeJS.ProcessEnv {
	const base = `http://127.0.0.1:${o.port}`;
	// n8n settings the user exported (N8N_*, GENERIC_TIMEZONE) reach n8n; the ones below that the runner
	// depends on (port, folder, addresses) win over them.
	const passthrough = Object.fromEntries(
		Object.entries(process.env).filter(([k]) => k.startsWith('N8N_') || k === 'GENERIC_TIMEZONE'),
	);
	return {
		...passthrough,
		PATH: `${path.dirname(o.runtime.node)}:${process.env.PATH ?? ''}`,
		HOME: process.env.HOME ?? '/root',
		TZ: process.env.TZ ?? 'UTC',
		N8N_USER_FOLDER: o.userFolder,
		N8N_PORT: String(o.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${base}/`,
		WEBHOOK_URL: `${base}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		// n8n's task broker listens even with runners off; derive its port from n8n's so that several
		// instances (npm start, the e2e stack, queue mode) can run side by side.
		N8N_RUNNERS_BROKER_PORT: String(o.port + 10000 <= 65535 ? o.port + 10000 : o.port - 1000),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
		DB_SQLITE_POOL_SIZE: '2',
		EXECUTIONS_DATA_PRUNE: 'true',
		...o.env,
	};
}

/** Runs an n8n CLI command (import:workflow, import:credentials, ...) to completion. */
export function runCli(o: N8nOptions, args: string[]): string {
	const res = spawnSync(o.runtime.node, [o.runtime.n8n, ...args], {
		env: n8nEnv(o),
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 180_000,
	});
	if (res.status !== 0) {
		throw new Error(`n8n ${args[0]} failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
	}
	return res.stdout;
}

/** Thrown by a waitFor probe to stop waiting at once (for example: the process it waits for has exited). */
export class GiveUp extends Error {}

export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	timeoutMs: number,
	everyMs = 250,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	while (Date.now() < deadline) {
		try {
			const v = await probe();
			if (v !== undefined) return v;
		} catch (e) {
			if (e instanceof GiveUp) throw e;
			last = e;
		}
		await new Promise((r) => setTimeout(r, everyMs));
	}
	throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export class N8nProcess {
	readonly url: string;

	private child?: ChildProcess;

	private exited?: Promise<void>;

	constructor(
		private readonly o: N8nOptions,
		private readonly command: 'start' | 'webhook' | 'worker' = 'start',
	) {
		this.url = `http://127.0.0.1:${o.port}`;
	}

	async start(timeoutMs = 120_000): Promise<void> {
		const out = this.o.logFile ? fs.openSync(this.o.logFile, 'a') : 'ignore';
		const child = spawn(this.o.runtime.node, [this.o.runtime.n8n, this.command], {
			env: n8nEnv(this.o),
			stdio: ['ignore', out, out],
		});
		this.child = child;
		let exitInfo: string | undefined;
		this.exited = new Promise((resolve) =>
			child.on('exit', (code, signal) => {
				exitInfo = `exit code ${code}, signal ${signal}`;
				resolve();
			}),
		);
		if (this.command === 'worker') return;
		await waitFor(
			`n8n ${this.command} to answer /healthz/readiness on ${this.url}`,
			async () => {
				if (exitInfo) {
					throw new GiveUp(
						`n8n stopped during start-up (${exitInfo})${this.o.logFile ? `; see ${this.o.logFile}` : ''}`,
					);
				}
				const r = await fetch(`${this.url}/healthz/readiness`);
				return r.status === 200 ? true : undefined;
			},
			timeoutMs,
		).catch((e) => {
			this.kill('SIGKILL');
			throw e;
		});
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	kill(signal: NodeJS.Signals = 'SIGTERM'): void {
		if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
	}

	async stop(timeoutMs = 20_000): Promise<void> {
		if (!this.child || !this.exited) return;
		this.kill('SIGTERM');
		const t = setTimeout(() => this.kill('SIGKILL'), timeoutMs);
		await this.exited;
		clearTimeout(t);
	}
}

/** A logged-in session on n8n's own REST API (what the editor uses). */
export class N8nRest {
	private cookie = '';

	constructor(readonly url: string) {}

	async request<T = any>(method: string, p: string, body?: unknown): Promise<T> {
		const r = await fetch(`${this.url}${p}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie, 'browser-id': 'stripe-slack-dev' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await r.text();
		if (!r.ok) throw new Error(`n8n ${method} ${p} answered ${r.status}: ${text.slice(0, 500)}`);
		const setCookie = r.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const json = text ? JSON.parse(text) : {};
		return (json && typeof json === 'object' && 'data' in json ? json.data : json) as T;
	}

	/** A GET with the session cookie, answered as-is (static files such as /types/nodes.json). */
	async fetch(p: string): Promise<Response> {
		return fetch(`${this.url}${p.startsWith('/') ? '' : '/'}${p}`, { headers: { cookie: this.cookie } });
	}

	/** Creates the owner on a new instance (no-op when one exists), then logs in. */
	async ensureOwner(owner: { email: string; password: string }): Promise<void> {
		try {
			await this.request('POST', '/rest/owner/setup', {
				email: owner.email,
				firstName: 'Dev',
				lastName: 'Owner',
				password: owner.password,
			});
		} catch (e) {
			if (!/already|400/.test(String(e))) throw e;
		}
		await this.request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}

	async activate(workflowId: string): Promise<void> {
		const wf = await this.request<{ versionId: string; active: boolean; activeVersionId?: string }>(
			'GET',
			`/rest/workflows/${workflowId}`,
		);
		await this.request('POST', `/rest/workflows/${workflowId}/activate`, { versionId: wf.versionId });
	}

	async deactivate(workflowId: string): Promise<void> {
		await this.request('POST', `/rest/workflows/${workflowId}/deactivate`, {});
	}

	async executions(workflowId?: string): Promise<Array<{ id: string; status: string; workflowId: string; mode: string }>> {
		const q = workflowId ? `?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100` : '?limit=100';
		const res = await this.request<{ results: Array<{ id: string; status: string; workflowId: string; mode: string }> }>(
			'GET',
			`/rest/executions${q}`,
		);
		return res.results;
	}
}
