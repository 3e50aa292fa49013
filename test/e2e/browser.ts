/** Chromium (playwright-core, /usr/bin/chromium) for the e2e tests that look at a page and take screenshots. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Locator, Page } from 'playwright-core';

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

/** Signs in to the n8n editor as the stack's owner. */
export async function signIn(page: Page, n8nUrl: string, owner: { email: string; password: string }): Promise<void> {
	await page.goto(`${n8nUrl}/signin`);
	await page.fill('#emailOrLdapLoginId', owner.email);
	await page.fill('#password', owner.password);
	await page.keyboard.press('Enter');
	await page.waitForURL(/\/home|\/workflows/, { timeout: 60_000 });
}

/** n8n's popovers over a freshly opened workflow (the Production Checklist): closed with Escape. */
export async function closePopovers(page: Page): Promise<void> {
	for (let i = 0; i < 2; i++) {
		if (!(await page.getByText('Production Checklist', { exact: true }).isVisible().catch(() => false))) return;
		await page.keyboard.press('Escape');
		await page.waitForTimeout(300);
	}
}

/** Opens a node's panel by double-clicking it on the canvas. */
export async function openNode(page: Page, name: string): Promise<void> {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	await page.locator('[data-test-id="ndv"], .ndv-wrapper, [data-test-id="node-parameters"]').first().waitFor({ timeout: 30_000 });
}

/** Closes the open node panel (back to the canvas). */
export async function closeNode(page: Page): Promise<void> {
	const back = page.locator('[data-test-id="back-to-canvas"], [data-test-id="ndv-close-button"]').first();
	if (await back.isVisible().catch(() => false)) await back.click();
	else await page.keyboard.press('Escape');
	await page.waitForTimeout(300);
}

/**
 * Types `value` into one of the editor's inputs: waits until the editor lets us edit (another session's edit
 * lock on the workflow expires after a while), clicks it, replaces its text, leaves it, and checks it took.
 */
export async function typeInto(page: Page, input: Locator, value: string): Promise<void> {
	const until = Date.now() + 120_000;
	while (await input.isDisabled()) {
		if (Date.now() > until) throw new Error('The editor kept the field read-only for 2 minutes');
		await page.waitForTimeout(2000);
	}
	await input.click();
	await input.fill(value);
	await page.keyboard.press('Tab');
	await page.waitForTimeout(300);
	const got = await input.inputValue();
	if (got !== value) throw new Error(`The field shows "${got}" after typing "${value}"`);
}

/**
 * In an open Set node ("Edit Fields"), types a new value into the field named `field`, with the editor's own
 * input (select all, type, leave the field).
 */
export async function setAssignment(page: Page, field: string, value: string): Promise<void> {
	const rows = page.locator('[data-test-id="assignment"]');
	const count = await rows.count();
	for (let i = 0; i < count; i++) {
		const row = rows.nth(i);
		const name = await row.locator('[data-test-id="assignment-name"] input, [data-test-id="assignment-name"] textarea').first().inputValue().catch(() => '');
		if (name !== field) continue;
		const input = row.locator('[data-test-id="assignment-value"] input, [data-test-id="assignment-value"] textarea').first();
		await typeInto(page, input, value);
		return;
	}
	throw new Error(`No field named "${field}" in the open Set node (${count} fields)`);
}

/** Publishes the open workflow with a version name, through the editor's Publish button and dialog. */
export async function publish(page: Page, versionName: string): Promise<void> {
	await page.locator('[data-test-id="workflow-open-publish-modal-button"]').click();
	const name = page.locator('[data-test-id="workflow-publish-version-name-input"] input, input[data-test-id="workflow-publish-version-name-input"]').first();
	await name.waitFor({ timeout: 30_000 });
	await name.fill(versionName);
	await page.locator('[data-test-id="workflow-publish-button"]').click();
	await page.locator('[data-test-id="workflow-publish-button"]').waitFor({ state: 'detached', timeout: 60_000 });
}
