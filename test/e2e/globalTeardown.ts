import * as fs from 'fs';
import type { DevStack } from '../../scripts/lib/devStack';

export default async function globalTeardown(): Promise<void> {
	const stack = (globalThis as { __E2E_STACK__?: DevStack }).__E2E_STACK__;
	if (!stack) return;
	await stack.stop();
	const file = process.env.E2E_STACK_FILE;
	if (file && !process.env.E2E_KEEP_DATA) {
		fs.rmSync(require('path').dirname(file), { recursive: true, force: true });
	}
}
