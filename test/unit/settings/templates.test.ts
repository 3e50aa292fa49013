/**
 * Issue #28: every template's Settings node is in plain words, every setting our nodes read exists there,
 * none is empty (the editor would show the placeholder "value"), each is explained in the "Settings in plain
 * words" note, every template says how to publish and test, and every template hands failed runs to the
 * error workflow shipped beside it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { settingReferences } from '../../../nodes/shared/settings';

const DIR = path.join(__dirname, '../../../workflows');
interface Node { name: string; type: string; parameters: Record<string, unknown>; notes?: string; notesInFlow?: boolean }
interface Wf { id: string; name: string; nodes: Node[]; settings: Record<string, unknown>; connections: Record<string, unknown> }
const load = (f: string): Wf => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'));
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const templates = files.filter((f) => f !== 'errors.json');
const fieldsOf = (n: Node) => ((n.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }).assignments);

describe('templates: settings in plain words', () => {
	it('ships the error workflow with a fixed id, and every template names it as its error workflow', () => {
		const errors = load('errors.json');
		expect(errors.id).toBe('tplErrors0000001');
		expect(errors.nodes.map((n) => n.type)).toEqual(expect.arrayContaining(['n8n-nodes-base.errorTrigger', 'n8n-nodes-stripe-slack.slackPost']));
		expect(templates.length).toBeGreaterThanOrEqual(7);
		for (const f of templates) expect({ f, errorWorkflow: load(f).settings.errorWorkflow }).toEqual({ f, errorWorkflow: errors.id });
	});

	it.each(files)('%s: every setting read by a node exists in its Settings node, in words, not empty, and explained', (f) => {
		const wf = load(f);
		const settings = wf.nodes.find((n) => n.name === 'Settings');
		const refs = wf.nodes.filter((n) => n !== settings).flatMap((n) => settingReferences(n.parameters));
		const raw = JSON.stringify(wf.nodes.map((n) => n.parameters));
		expect(raw).not.toMatch(/json\.settings\./);
		if (!settings) {
			expect(refs).toEqual([]);
			return;
		}
		const fields = fieldsOf(settings);
		const names = fields.map((a) => a.name);
		for (const r of refs) expect({ f, read: r.setting, exists: names.includes(r.setting) }).toEqual({ f, read: r.setting, exists: true });
		for (const a of fields) {
			expect({ f, name: a.name, words: /^[A-Z][a-z]+( [A-Za-z,]+)*$/.test(a.name) }).toEqual({ f, name: a.name, words: true });
			expect({ f, name: a.name, empty: String(a.value).trim() === '' }).toEqual({ f, name: a.name, empty: false });
		}
		expect(settings.notesInFlow).toBe(true);
		if (f !== 'errors.json') {
			const help = wf.nodes.find((n) => n.name === 'Settings in plain words')!.parameters.content as string;
			for (const name of names) expect({ f, name, explained: help.includes(`**${name}**:`) }).toEqual({ f, name, explained: true });
		}
	});

	it.each(templates)('%s: a sticky note says to publish with a version name, and how to test', (f) => {
		const notes = load(f).nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').map((n) => n.parameters.content as string).join('\n');
		expect(notes).toMatch(/\*\*Publish\*\*/);
		expect(notes).toMatch(/version a name/);
		expect(notes).toMatch(/apply only after you \*\*publish\*\*/);
		expect(notes).toMatch(/npm run send-event -- [a-z_.]+|Execute step|press a button|\/stripe/);
	});

	it('the minimum rule is written as the code applies it', () => {
		const help = load('payments.json').nodes.find((n) => n.name === 'Settings in plain words')!.parameters.content as string;
		expect(help).toContain('Payments of at least this amount are posted');
		expect(help).toContain('Currencies not listed: all posted');
		const what = load('payments.json').nodes.find((n) => n.name === 'What to change')!.parameters.content as string;
		expect(what).not.toContain('smaller payments are not posted;');
	});
});
