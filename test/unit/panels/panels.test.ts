/**
 * Node panels a person understands (issue #28, item 6): every parameter and option explained, outputs named
 * and explained, subtitles in words, Docs links to the node's own section, the Slack app manifest in every
 * template.
 */
import * as fs from 'fs';
import * as path from 'path';
import { anchorsOf } from '../package/links';
import { credentials, nodes, ROOT, walk } from './nodeDescriptions';

const REPO = 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/';
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

/** The file and heading an absolute link into this repository names, and whether the heading exists. */
function resolves(url: string): { url: string; file: boolean; heading: boolean } {
	if (!url.startsWith(REPO)) return { url, file: false, heading: false };
	const [file, anchor] = url.slice(REPO.length).split('#');
	const exists = fs.existsSync(path.join(ROOT, file));
	return { url, file: exists, heading: exists && !!anchor && anchorsOf(read(file)).has(anchor) };
}

describe('descriptions', () => {
	const all = nodes();

	it('finds every node and credential, and walks their options', () => {
		expect(all.length).toBeGreaterThanOrEqual(11);
		expect(credentials().length).toBe(2);
		// The walk reaches options inside collections and fixed collections.
		const blockKit = walk(all.find((n) => n.description.name === 'stripeBlockKit')!.description.properties).map((d) => d.where);
		expect(blockKit).toEqual(expect.arrayContaining(['Operation', 'Options > Layout', 'Options > Fields to Show > Amount', 'Options > Layout > Compact']));
		const router = walk(all.find((n) => n.description.name === 'stripeProductRouter')!.description.properties).map((d) => d.where);
		expect(router).toEqual(expect.arrayContaining(['Rules > Rule', 'Rules > Rule > Match On > Price ID']));
	});

	it.each(all.map((n) => [n.description.displayName, n]))('%s: every parameter and every option has a description', (_name, n) => {
		const missing = walk(n.description.properties).filter((d) => !d.description?.trim()).map((d) => `${d.kind} ${d.where}`);
		expect(missing).toEqual([]);
	});

	it.each(credentials().map((c) => [c.credential.displayName, c]))('credential %s: every field has a description', (_name, c) => {
		expect(walk(c.credential.properties).filter((d) => !d.description?.trim()).map((d) => d.where)).toEqual([]);
	});
});

describe('outputs', () => {
	const multi = nodes().filter((n) => Array.isArray(n.description.outputs) && n.description.outputs.length > 1);

	it('finds the nodes with several outputs', () => expect(multi.map((n) => n.description.name).sort()).toEqual(['slackNoiseControl', 'stripeBlockKit', 'stripeProductRouter', 'stripeSupportDesk']));

	it.each(multi.map((n) => [n.description.displayName, n]))('%s names each output and says in the output pane when items go there', (_name, n) => {
		const names = n.description.outputNames ?? [];
		expect(names.length).toBe((n.description.outputs as unknown[]).length);
		const hints = (n.description.hints ?? []).filter((h) => h.location === 'outputPane');
		expect(hints.length).toBeGreaterThan(0);
		for (const name of names) expect({ name, explained: hints.some((h) => h.message.includes(`${name}:`)) }).toEqual({ name, explained: true });
	});
});

describe('subtitles', () => {
	const internal = /\b(answer|fromButtonClick|reportResult|logAction|formatEach|last7Days|stripe_slack\.)\b/;

	it.each(nodes().map((n) => [n.description.displayName, n]))('%s: a subtitle in words, with a word for every operation', (_name, n) => {
		const subtitle = n.description.subtitle ?? '';
		expect(subtitle).not.toMatch(/^=\{\{\s*\$parameter\["(operation|period)"\]\s*\}\}$/);
		// A map { value: "Words" }[$parameter["operation"]] names every value the Operation parameters offer.
		const map = /\{\{\s*(\{[^}]*\})\[\$parameter\["(\w+)"\]\]\s*\}\}/.exec(subtitle);
		if (!map) {
			expect(subtitle.replace(/"[^"]*"/g, '')).not.toMatch(internal);
			return;
		}
		const words = JSON.parse(map[1].replace(/(\w+):/g, '"$1":')) as Record<string, string>;
		const values = n.description.properties
			.filter((p) => p.name === map[2])
			.flatMap((p) => (p.options ?? []).map((o) => ('value' in o ? String(o.value) : '')));
		expect(values.length).toBeGreaterThan(0);
		for (const v of values) expect({ v, word: words[v] }).toEqual({ v, word: expect.stringMatching(/^[A-Z][a-z]+( [A-Za-z0-9]+)*$/) });
		for (const w of Object.values(words)) expect(w).not.toMatch(internal);
	});
});

describe('Docs links', () => {
	it.each(nodes().map((n) => [n.description.displayName, n]))("%s: the Docs link (documentationUrl, codex) goes to the node's own heading", (_name, n) => {
		const codex = JSON.parse(read(n.src.replace(/\.ts$/, '.json')));
		const primary = codex.resources.primaryDocumentation[0].url as string;
		expect(n.description.documentationUrl).toBe(primary);
		expect(resolves(primary)).toEqual({ url: primary, file: true, heading: true });
		// The node's own section: the heading names the node.
		const heading = primary.split('#')[1];
		const words = n.description.displayName.toLowerCase().split(/[\s-]+/).filter((w) => !['stripe', 'slack'].includes(w));
		expect({ heading, namesNode: words.some((w) => heading.includes(w)) }).toEqual({ heading, namesNode: true });
	});

	it('every codex link resolves to an existing heading', () => {
		const urls = fs
			.readdirSync(path.join(ROOT, 'nodes'))
			.flatMap((d) => fs.readdirSync(path.join(ROOT, 'nodes', d)).filter((f) => f.endsWith('.node.json')).map((f) => path.join('nodes', d, f)))
			.flatMap((f) => {
				const r = JSON.parse(read(f)).resources;
				return [...(r.primaryDocumentation ?? []), ...(r.credentialDocumentation ?? [])].map((x: { url: string }) => x.url);
			});
		expect(urls.length).toBeGreaterThanOrEqual(20);
		for (const url of urls) expect(resolves(url)).toEqual({ url, file: true, heading: true });
	});

	it.each(credentials().map((c) => [c.credential.displayName, c]))('credential %s links to a heading of this repository', (_name, c) => {
		const url = String(c.credential.documentationUrl);
		expect(resolves(url)).toEqual({ url, file: true, heading: true });
	});

	it('a link to a missing heading is caught', () => {
		expect(resolves(`${REPO}docs/nodes.md#no-such-heading`).heading).toBe(false);
		expect(resolves('https://www.npmjs.com/package/n8n-nodes-stripe-slack').file).toBe(false);
	});
});

describe('the Slack app manifest in the templates', () => {
	const manifest = read('workflows/slack-app-manifest.yml');
	const templates = fs.readdirSync(path.join(ROOT, 'workflows')).filter((f) => f.endsWith('.json'));

	it.each(templates)('%s holds the manifest, unchanged, in a sticky note, and its notes name no file a package user lacks', (f) => {
		const w = JSON.parse(read(path.join('workflows', f)));
		const stickies = (w.nodes as Array<{ type: string; name: string; parameters: { content?: string } }>).filter((n) => n.type === 'n8n-nodes-base.stickyNote');
		const note = stickies.find((n) => n.name === 'Slack App Manifest');
		const block = /```yml\n([\s\S]*?)```/.exec(note?.parameters.content ?? '');
		expect(block?.[1]).toBe(manifest.endsWith('\n') ? manifest : `${manifest}\n`);
		for (const s of stickies) expect(s.parameters.content ?? '').not.toContain('workflows/slack-app-manifest.yml`');
	});
});

describe('the templates’ save settings', () => {
	const templates = fs.readdirSync(path.join(ROOT, 'workflows')).filter((f) => f.endsWith('.json'));

	it.each(templates)('%s saves every event run, succeeded or failed, so that each outcome can be read in the list', (f) => {
		const { settings } = JSON.parse(read(path.join('workflows', f)));
		expect(settings).toMatchObject({ saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all', saveManualExecutions: true });
		// no progress saved after every node: a run is listed once, with its outcome, when it ends
		expect(settings.saveExecutionProgress ?? false).toBe(false);
	});
});
