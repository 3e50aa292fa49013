/**
 * The n8n runtime installer (scripts/lib/runtime.ts) run the way `npm start` runs it: as a child of npm, with
 * the project's `.npmrc` (ignore-scripts=true) exported to it as npm_config_ignore_scripts=true. A copy of the
 * runtime the stack uses, with sqlite3's native binding removed but its ready marker still there, must not be
 * reused: the installer repairs it, and the runtime it returns loads sqlite3 with its own Node.
 * (A whole first install in an empty folder, in the same environment, is the `npm run install-runtime` step of
 * .ci/run.)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { NATIVE_MODULES, runtimePaths, type ReadyMarker } from '../../scripts/lib/runtime';
import { ROOT } from '../../scripts/lib/n8n';
import { stackInfo } from './stack';

const loads = (dir: string, module: string) =>
	spawnSync(runtimePaths(dir).node, ['-e', NATIVE_MODULES[module]], { cwd: dir, encoding: 'utf8' });

describe('n8n runtime installer with npm_config_ignore_scripts=true', () => {
	let copy: string;
	afterAll(() => {
		if (copy) fs.rmSync(copy, { recursive: true, force: true });
	});

	it('repairs a runtime whose sqlite3 binding is missing, and the runtime it returns loads sqlite3', () => {
		const { runtime } = stackInfo();
		// A hard-linked copy beside the real one (same file system): quick, and the real runtime is never touched.
		copy = fs.mkdtempSync(`${runtime.dir}.repair-test-`);
		const cp = spawnSync('cp', ['-al', `${runtime.dir}/.`, copy], { encoding: 'utf8' });
		expect(cp.stderr).toBe('');
		const before = JSON.parse(fs.readFileSync(path.join(copy, '.ready'), 'utf8')) as ReadyMarker;
		fs.rmSync(path.join(copy, 'node_modules', 'sqlite3', 'build'), { recursive: true, force: true });
		expect(loads(copy, 'sqlite3').status).not.toBe(0);

		const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'ts-node'), ['--transpile-only', 'scripts/install-runtime.ts'], {
			cwd: ROOT,
			env: { ...process.env, npm_config_ignore_scripts: 'true', N8N_RUNTIME_DIR: copy },
			encoding: 'utf8',
			timeout: 600_000,
		});
		expect({ status: res.status, stderr: res.stderr }).toEqual({ status: 0, stderr: expect.stringContaining('Repairing the n8n runtime') });
		expect(res.stderr).toMatch(/sqlite3 does not load/);
		expect(res.stderr).toMatch(/Building the native modules \(sqlite3, isolated-vm\) for Node [\d.]+: done in/);
		expect(res.stdout.trim().split('\n').pop()).toBe(copy);

		const sqlite = loads(copy, 'sqlite3');
		expect({ status: sqlite.status, stderr: sqlite.stderr }).toEqual({ status: 0, stderr: '' });
		expect(loads(copy, 'isolated-vm').status).toBe(0);
		const after = JSON.parse(fs.readFileSync(path.join(copy, '.ready'), 'utf8')) as ReadyMarker;
		expect(Date.parse(after.finishedAt)).toBeGreaterThan(Date.parse(before.finishedAt));
		expect(after.steps.nativeBuild).toBeGreaterThan(0);
		// the real runtime still works
		expect(loads(runtime.dir, 'sqlite3').status).toBe(0);
	}, 600_000);
});
