/**
 * The file thread store (nodes/shared/delivery/fileThreads.ts): survives a "restart" (a new backend on the
 * same file), ignores a line cut off by a crash, rewrites itself when it grows, and keeps its
 * compare-and-set and creation lease across 4 real processes writing one file at once.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { closeSharedRedisClients } from '../../../nodes/shared/dedupe';
import { FileThreadBackend, FileThreadStore } from '../../../nodes/shared/delivery/fileThreads';
import { resolveThread } from '../../../nodes/shared/delivery/threads';
import { chooseThreadStore, threadFile } from '../../../nodes/shared/delivery/stores';

jest.setTimeout(60_000);

let dir: string;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-threads-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
afterAll(() => closeSharedRedisClients());

const open = (file: string, options = {}) => new FileThreadStore(new FileThreadBackend(file, options));

test('a thread written before a restart is read after it (a new backend on the same file)', async () => {
	const file = path.join(dir, 'threads.jsonl');
	const before = open(file);
	expect(await before.setIfNewer('ns:C1:sub_1', { channel: 'C1', ts: '1700000000.000100', created: 100 })).toBe(true);
	expect(await before.setIfNewer('ns:C1:sub_1', { channel: 'C1', ts: '1700000000.000100', created: 300 })).toBe(true);
	const after = open(file);
	expect(await after.get('ns:C1:sub_1')).toEqual({ channel: 'C1', ts: '1700000000.000100', created: 300 });
	// and the compare-and-set still holds after the restart: never back in time
	expect(await after.setIfNewer('ns:C1:sub_1', { channel: 'C1', ts: '1700000000.000100', created: 200 })).toBe(false);
	expect(await after.get('ns:C1:missing')).toBeNull();
});

test('a line cut off by a crash is skipped, and the next write starts on a line of its own', async () => {
	const file = path.join(dir, 'threads.jsonl');
	await open(file).setIfNewer('a', { channel: 'C1', ts: '1.1', created: 1 });
	fs.appendFileSync(file, '{"k":"b","c":"C1","t":"2.2","cr"'); // torn: no newline, half a record
	const s = open(file);
	expect(await s.get('b')).toBeNull();
	expect(await s.setIfNewer('c', { channel: 'C1', ts: '3.3', created: 3 })).toBe(true);
	const again = open(file);
	expect(await again.get('a')).toMatchObject({ ts: '1.1' });
	expect(await again.get('b')).toBeNull();
	expect(await again.get('c')).toMatchObject({ ts: '3.3' });
	expect(fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('{"k":"c"'))).toHaveLength(1);
});

test('the file is rewritten with only the live records when it grows; other handles follow the new file', async () => {
	const file = path.join(dir, 'threads.jsonl');
	const a = open(file, { compactBytes: 2000 });
	const b = open(file, { compactBytes: 2000 });
	for (let i = 1; i <= 200; i++) await a.setIfNewer(`key${i % 5}`, { channel: 'C1', ts: `${i}.0`, created: i });
	expect(fs.statSync(file).size).toBeLessThan(4000); // 200 lines of ~60 bytes would be 12 kB
	for (let k = 0; k < 5; k++) expect((await b.get(`key${k}`))!.created).toBe(200 - ((200 - k) % 5));
	expect(await b.setIfNewer('key0', { channel: 'C1', ts: 'x', created: 1 })).toBe(false);
	expect(await b.setIfNewer('key0', { channel: 'C1', ts: 'y', created: 999 })).toBe(true);
	expect(await a.get('key0')).toMatchObject({ ts: 'y', created: 999 });
	expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

test('expired threads are forgotten', async () => {
	const s = new FileThreadStore(new FileThreadBackend(path.join(dir, 't.jsonl')), { ttlMs: 30 });
	await s.setIfNewer('k', { channel: 'C1', ts: '1.1', created: 5 });
	expect(await s.get('k')).not.toBeNull();
	await new Promise((r) => setTimeout(r, 60));
	expect(await s.get('k')).toBeNull();
	expect(await s.setIfNewer('k', { channel: 'C1', ts: '2.2', created: 1 })).toBe(true); // an expired record does not block
});

test('one process, 20 concurrent first messages of one key → one parent (resolveThread on the file store)', async () => {
	const file = path.join(dir, 'threads.jsonl');
	let posts = 0;
	const results = await Promise.all(
		Array.from({ length: 20 }, (_, i) =>
			resolveThread(open(file), 'ns:C1:sub_race', async () => {
				posts++;
				await new Promise((r) => setTimeout(r, 30));
				return { channel: 'C1', ts: `parent.${i}`, created: i };
			}),
		),
	);
	expect(posts).toBe(1);
	const parents = results.filter((r) => r.kind === 'parent');
	expect(parents).toHaveLength(1);
	const ts = (parents[0] as { parent: { ts: string } }).parent.ts;
	for (const r of results.filter((x) => x.kind === 'reply')) expect((r as { parent: { ts: string } }).parent.ts).toBe(ts);
});

test('4 processes on one file at once: each lease has exactly one winner, and every key ends at its largest created', async () => {
	const file = path.join(dir, 'threads.jsonl');
	const child = path.join(__dirname, 'fileThreads.child.ts');
	const run = promisify(execFile);
	const outs = await Promise.all(
		['p1', 'p2', 'p3', 'p4'].map((name) =>
			run(process.execPath, ['-r', 'ts-node/register/transpile-only', child, file, name, '10', '60'], { cwd: path.join(__dirname, '..', '..', '..'), timeout: 50_000 }),
		),
	);
	const reports = outs.map((o) => JSON.parse(o.stdout) as { name: string; leases: string[]; attempted: Record<string, number[]> });
	const winners = reports.flatMap((r) => r.leases).sort();
	expect(winners).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort());
	const check = open(file);
	for (let i = 0; i < 10; i++) {
		const k = `k${i}`;
		const max = Math.max(...reports.flatMap((r) => r.attempted[k] ?? []));
		expect((await check.get(k))!.created).toBe(max);
	}
	for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
});

test("Automatic without Redis keeps threads in a file in n8n's folder (N8N_USER_FOLDER/.n8n/slack-post)", () => {
	const env = { N8N_USER_FOLDER: dir };
	expect(threadFile(env)).toBe(path.join(dir, '.n8n', 'slack-post', 'threads.jsonl'));
	const s = chooseThreadStore('automatic', '', env);
	expect(typeof s !== 'string' && s.kind).toBe('file');
	expect(chooseThreadStore('redis', '', env)).toMatch(/needs a Redis URL/);
	expect(chooseThreadStore('automatic', 'http://x', env)).toMatch(/must start with redis:\/\//);
	const q = chooseThreadStore('automatic', '', { ...env, EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1' });
	expect(typeof q !== 'string' && q.kind).toBe('redis');
	expect(typeof chooseThreadStore('memory', '', env) !== 'string').toBe(true);
});
