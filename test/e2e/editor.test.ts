/**
 * Every template as a person sees it: log into the real n8n editor (headless Chromium), open each
 * template, check that every node is rendered with its icon (no "node not installed" placeholders),
 * and take a screenshot. Screenshots go to test-results/templates/; with UPDATE_SCREENSHOTS=1 they
 * refresh the ones in docs/screenshots/ that the README shows.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadTemplates, type Template } from '../../scripts/lib/devStack';
import { stackInfo } from './stack';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = process.env.UPDATE_SCREENSHOTS
	? join(__dirname, '..', '..', 'docs', 'screenshots')
	: join(__dirname, '..', '..', 'test-results', 'templates');

/** n8n shows a "Production Checklist" over freshly published workflows; it is not part of the template. */
async function dismissPopovers(page: Page): Promise<void> {
	const checklist = page.getByText('Production Checklist', { exact: true });
	if (!(await checklist.isVisible().catch(() => false))) return;
	await page.keyboard.press('Escape');
	if (await checklist.isVisible().catch(() => false)) {
		await checklist.locator('xpath=ancestor::*[.//button][1]').locator('button').first().click().catch(() => undefined);
	}
	await page.waitForTimeout(300);
}

/**
 * Waits until the canvas shows the template's nodes, then checks each one (sticky notes aside): the
 * names are the template's, and no node is an "install this node" placeholder and each has its icon.
 */
async function expectEveryNodeRendered(page: Page, t: Template): Promise<void> {
	const expected = t.json.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => n.name);
	const ICON = 'img, svg[data-icon^="node:"], [data-test-id="node-icon"]';
	// every node drawn, and each either with its icon or with n8n's "not installed" placeholder
	await page
		.waitForFunction(
			({ count, icon }) => {
				const els = Array.from(document.querySelectorAll('[data-test-id="canvas-node"]')).filter(
					(e) => e.getAttribute('data-node-type') !== 'n8n-nodes-base.stickyNote',
				);
				return els.length >= count && els.every((e) => e.querySelector(icon) || e.querySelector('[data-test-id="node-not-installed"]'));
			},
			{ count: expected.length, icon: ICON },
			{ timeout: 30_000 },
		)
		.catch(() => undefined); // the checks below say what is missing
	const rendered = await page.$$eval('[data-test-id="canvas-node"]', (els, icon) =>
		els.map((e) => ({
			name: e.getAttribute('data-node-name'),
			type: e.getAttribute('data-node-type'),
			notInstalled: !!e.querySelector('[data-test-id="node-not-installed"]'),
			icon: !!e.querySelector(icon),
		})),
		ICON,
	);
	const nodes = rendered.filter((r) => r.type !== 'n8n-nodes-base.stickyNote');
	expect(nodes.map((n) => n.name).sort()).toEqual([...expected].sort());
	for (const n of nodes) {
		expect({ node: n.name, notInstalled: n.notInstalled, icon: n.icon }).toEqual({ node: n.name, notInstalled: false, icon: true });
	}
}

/**
 * What n8n itself marks red, read from the editor page: the canvas node's issue indicator
 * (data-test-id="node-issues", n8n's own parameter, credential and input issues of the node) and, in each
 * node's panel (NDV), the parameter issue marks (data-test-id="parameter-issues": "The value "both" is not
 * supported!", "Parameter … is required"), with their text.
 */
async function editorIssues(page: Page, t: Template): Promise<Array<{ node: string; where: string; issues: string }>> {
	const out: Array<{ node: string; where: string; issues: string }> = [];
	const canvas = await page.$$eval('[data-test-id="canvas-node"]', (els) =>
		els
			.filter((e) => e.querySelector('[data-test-id="node-issues"]'))
			.map((e) => ({ node: e.getAttribute('data-node-name') ?? '?', where: 'canvas', issues: (e.querySelector('[data-test-id="node-issues"]')?.textContent ?? '').trim() || 'issue mark' })),
	);
	out.push(...canvas);
	for (const n of t.json.nodes.filter((x) => x.type !== 'n8n-nodes-base.stickyNote')) {
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${n.name.replace(/"/g, '\\"')}"]`);
		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"], .ndv-wrapper').first();
		await ndv.waitFor({ state: 'visible', timeout: 15_000 });
		// parameters render, then their issues are computed
		await page.waitForTimeout(400);
		const marks = page.locator('[data-test-id="ndv"] [data-test-id="parameter-issues"], .ndv-wrapper [data-test-id="parameter-issues"]');
		const count = await marks.count();
		for (let i = 0; i < count; i++) {
			await marks.nth(i).hover().catch(() => undefined);
			const label = await marks
				.nth(i)
				.locator('xpath=ancestor::*[@data-parameter-path][1]')
				.first()
				.getAttribute('data-parameter-path', { timeout: 1000 })
				.catch(() => null);
			const tip = (await page.locator('.el-popper:visible, [role="tooltip"]:visible').last().textContent().catch(() => '')) ?? '';
			out.push({ node: n.name, where: `panel${label ? ` ${label}` : ''}`, issues: tip.trim() || 'parameter issue mark' });
		}
		await page.keyboard.press('Escape');
		await ndv.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
	}
	return out;
}

describe('templates in the n8n editor', () => {
	const { endpoints } = stackInfo();
	let browser: BrowserContext;
	let page: Page;
	let profile: string;

	beforeAll(async () => {
		if (!existsSync(CHROMIUM)) {
			throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium`);
		}
		profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
		browser = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			viewport: { width: 1500, height: 950 },
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		page = browser.pages()[0] ?? (await browser.newPage());
		await page.goto(`${endpoints.n8n}/signin`);
		await page.fill('#emailOrLdapLoginId', endpoints.owner.email);
		await page.fill('#password', endpoints.owner.password);
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/home|\/workflows/, { timeout: 30_000 });
		mkdirSync(OUT, { recursive: true });
	});

	afterAll(async () => {
		await browser?.close();
		if (profile) rmSync(profile, { recursive: true, force: true });
	});

	const templates = loadTemplates();

	it('has templates to show', () => {
		expect(templates.map((t) => t.name)).toEqual(expect.arrayContaining(['payments', 'subscriptions', 'disputes', 'risk', 'actions']));
	});

	it.each(templates.map((t) => [t.name, t] as const))('%s: every node is rendered with its icon', async (name, t) => {
		await page.goto(`${endpoints.n8n}/workflow/${t.json.id}`);
		await expectEveryNodeRendered(page, t);
		// let icons and sticky notes finish rendering before the picture
		await page.waitForLoadState('networkidle').catch(() => undefined);
		await page.waitForTimeout(800);
		await dismissPopovers(page);
		await page.screenshot({ path: join(OUT, `template-${name}.png`) });
	});

	it.each(templates.map((t) => [t.name, t] as const))('%s: n8n marks no node and no parameter red (canvas and node panels)', async (_name, t) => {
		await page.goto(`${endpoints.n8n}/workflow/${t.json.id}`);
		await expectEveryNodeRendered(page, t);
		await dismissPopovers(page);
		expect(await editorIssues(page, t)).toEqual([]);
	});

	it('the check sees a red mark: a template with a value the trigger does not offer ("both") is caught', async () => {
		const t = templates.find((x) => x.name === 'payments')!;
		// no id: the import makes a new workflow of it, the template stays as it is
		const bad = { ...structuredClone(t.json), id: undefined as unknown as string };
		const trigger = bad.nodes.find((n) => n.type.endsWith('.stripeSignedTrigger'))!;
		trigger.parameters = { ...trigger.parameters, liveMode: 'both' };
		const dir = mkdtempSync(join(tmpdir(), 'bad-template-'));
		const file = join(dir, 'bad.json');
		writeFileSync(file, JSON.stringify(bad));
		try {
			await page.goto(`${endpoints.n8n}/workflow/new`);
			await page.locator('[data-test-id="workflow-import-input"]').setInputFiles(file);
			await expectEveryNodeRendered(page, t);
			const issues = await editorIssues(page, { ...t, json: bad });
			expect(issues.filter((i) => i.node === trigger.name).length).toBeGreaterThan(0);
			expect(issues.filter((i) => i.node !== trigger.name)).toEqual([]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it.each(templates.map((t) => [t.name, t] as const))('%s imports through the editor\'s "Import from File"', async (_name, t) => {
		await page.goto(`${endpoints.n8n}/workflow/new`);
		await page.locator('[data-test-id="workflow-import-input"]').setInputFiles(t.file);
		await expectEveryNodeRendered(page, t);
	});
});
