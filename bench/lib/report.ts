/** Statistics and output of the delivery benchmarks: percentiles, rounding, Markdown tables, results files, the machine. */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './load';

// ------------------------------------------------------------------ statistics and output

export function percentile(values: number[], p: number): number {
	if (!values.length) return NaN;
	const s = [...values].sort((a, b) => a - b);
	const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
	return s[idx];
}

export const round = (n: number, d = 1): number => (Number.isFinite(n) ? Math.round(n * 10 ** d) / 10 ** d : n);

export function table(rows: Array<Record<string, unknown>>): string {
	if (!rows.length) return '';
	const cols = Object.keys(rows[0]);
	const cell = (v: unknown) => (v === undefined || v === null ? '' : String(v));
	const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
	const line = (vals: string[]) => `| ${vals.map((v, i) => v.padEnd(w[i])).join(' | ')} |`;
	return [line(cols), `| ${w.map((n) => '-'.repeat(n)).join(' | ')} |`, ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n');
}

export function writeResults(name: string, result: unknown): string {
	const dir = path.join(ROOT, 'bench', 'results');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${name}.json`);
	fs.writeFileSync(file, JSON.stringify(result, null, 2));
	return file;
}

export function machine(): Record<string, unknown> {
	const os = require('os') as typeof import('os');
	return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
}
