/**
 * One "n8n process" for stores.test.ts: runs endpoint health checks on a disabled endpoint (a Stripe stand-in)
 * with a file store in the folder given, and prints the notices it got as JSON. Not a test file.
 *   ts-node --transpile-only checkProcess.ts <folder> <start seconds> <rounds>
 */
import { checkEndpointHealth } from '../../../nodes/shared/stripe/endpointHealth';
import { FileHealthStore } from '../../../nodes/shared/stripe/endpointHealthStore';
import { fakeStripe } from './fakeStripe';

async function main(): Promise<void> {
	const [folder, start, rounds] = process.argv.slice(2);
	const { s, stripe } = fakeStripe();
	s.endpoint.status = 'disabled';
	const store = new FileHealthStore(folder);
	const out: Array<{ notice?: string; lost?: boolean; error?: string }> = [];
	for (let i = 0; i < Number(rounds); i++) {
		const r = await checkEndpointHealth({ stripe, endpointId: 'we_1TestEndpoint', eventTypes: ['invoice.paid'], store, now: () => (Number(start) + i * 600) * 1000 });
		out.push({ notice: r.notice?.type, lost: r.lost, error: r.error });
	}
	process.stdout.write(JSON.stringify(out));
}

void main();
