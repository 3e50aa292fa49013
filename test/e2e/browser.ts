/** Chromium (playwright-core, /usr/bin/chromium) for the e2e tests that look at a page and take screenshots. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Page } from 'playwright-core';

/** Where screenshots go: docs/screenshots with UPDATE_SCREENSHOTS=1 (the README's), test-results otherwise. */
export function screenshotDir(): string {
	const out = process.env.UPDATE_SCREENSHOTS ? join(__dirname, '..', '..', 'docs', 'screenshots') : join(__dirname, '..', '..', 'test-results');
	mkdirSync(out, { recursive: true });
	return out;
}

/** Runs `fn` with a page of a headless Chromium in a fresh profile, and closes it. */
export async function withPage<T>(viewport: { width: number; height: number }, fn: (page: Page) => Promise<T>): Promise<T> {
	const { chromium } = await import('playwright-core');
	const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}. Install it with: apt-get update && apt-get install -y chromium`);
	const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath,
		viewport,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		return await fn(ctx.pages()[0] ?? (await ctx.newPage()));
	} finally {
		await ctx.close();
		rmSync(profile, { recursive: true, force: true });
	}
}
