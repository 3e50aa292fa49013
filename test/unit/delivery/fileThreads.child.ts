/**
 * One "n8n process" for fileThreads.test.ts: on the file given, it races the others for the creation lease
 * of each key and writes random `created` values by compare-and-set, then prints what it did as JSON.
 * Run: node -r ts-node/register/transpile-only fileThreads.child.ts <file> <name> <keys> <writes>
 */
import { FileThreadBackend, FileThreadStore } from '../../../nodes/shared/delivery/fileThreads';

async function main(): Promise<void> {
	const [file, name, keysArg, writesArg] = process.argv.slice(2);
	const store = new FileThreadStore(new FileThreadBackend(file, { compactBytes: 4096 }));
	const keys = Array.from({ length: Number(keysArg) }, (_, i) => `k${i}`);
	const leases: string[] = [];
	// Leases first, all at once: exactly one process may win each key (they are never released here).
	await Promise.all(keys.map(async (k) => ((await store.claimCreate(`lease:${k}`, 600_000)) ? leases.push(k) : undefined)));
	const attempted: Record<string, number[]> = {};
	await Promise.all(
		Array.from({ length: Number(writesArg) }, async (_, i) => {
			const k = keys[i % keys.length];
			const created = Math.floor(Math.random() * 1_000_000);
			(attempted[k] ??= []).push(created);
			await store.setIfNewer(k, { channel: 'C1', ts: `${name}.${i}`, created });
		}),
	);
	process.stdout.write(JSON.stringify({ name, leases, attempted }));
}

main().catch((e) => {
	process.stderr.write(String((e as Error).stack ?? e));
	process.exit(1);
});
