/**
 * Issue #28 item 3 for Who May Do What: a name Slack does not know ("@finanse") is reported once in Slack
 * (the trigger's Report Mistakes To, else the Settings node's "Report mistakes to", else its "Alerts
 * channel"), remembered per setting and value for a day in a store that survives a restart, so ten clicks
 * give one message; the run's item carries it as `mistake`; with no target it is logged.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ACTIONS } from '../../../nodes/shared/actions';
import { DESK_ACTIONS } from '../../../nodes/shared/desk/actions';
import { mistakeMessage } from '../../../nodes/shared/delivery/mistakes';
import { FileThreadBackend, FileThreadStore } from '../../../nodes/shared/delivery/fileThreads';
import { sharedMemoryThreadStore } from '../../../nodes/shared/delivery/threads';
import {
	mistakeField,
	reportLogLine,
	reportMistakes,
	reportTargets,
	typedNames,
	unknownNameMistake,
	unknownNames,
	whoMayReportText,
	type NameLookup,
} from '../../../nodes/shared/slack/whoMayMistakes';
import type { MistakeReporting } from '../../../nodes/shared/slack/triggerTypes';
import { sandboxSuite } from './sandboxSuite';

jest.setTimeout(60_000);

// The sandbox workspace's names (sandbox/seed.ts): groups @finance and @support, people alice, bob, carol.
const known: Record<string, { groupId?: string; userId?: string }> = { finance: { groupId: 'S_FINANCE' }, support: { groupId: 'S_SUPPORT' }, alice: { userId: 'U_ALICE' } };
const lookup: NameLookup = async (name) => known[name];
const settingsNode = (fields: Record<string, string>, name = 'Settings') => ({
	name,
	type: 'n8n-nodes-base.set',
	parameters: { assignments: { assignments: Object.entries(fields).map(([n, value]) => ({ id: n, name: n, value, type: 'string' })) } },
});

describe('a name in Who May Do What that Slack does not know', () => {
	it('is named with its setting, the value typed and the fix', async () => {
		const mistakes = await unknownNames({ whoMay: { refund: '@finanse', teamActions: '@support, @suport', lookUp: '@support' } }, lookup, 'Slack Requests');
		expect(mistakes.map(mistakeMessage)).toEqual([
			'Who May Refund is "@finanse": Slack has no user group or person with that name. Check the spelling in Slack Requests → Who May Do What (user groups: Slack → People → User groups; a person: their display name or member ID U…), then publish the workflow',
			'Who May Use Team Actions is "@support, @suport": Slack has no user group or person named "@suport". Check the spelling in Slack Requests → Who May Do What (user groups: Slack → People → User groups; a person: their display name or member ID U…), then publish the workflow',
		]);
		expect(whoMayReportText(mistakes[0], 'Support desk')).toMatch(/^:warning: \*A setting of "Support desk" cannot work\.\* Who May Refund is "@finanse": .*said once a day\.$/s);
		// Names in the older ID fields are looked up too; IDs, "everyone" and known names are not mistakes.
		const typed = typedNames({ whoMay: { refund: 'U012AB, S0614, everyone, @Alice' }, lookupUserGroupIds: '@helpdesk', rules: [{ actionPrefix: 'stripe_slack.', userGroupIds: 'S_FINANCE, @fnance' }] });
		expect(typed.map((t) => [t.setting, t.name, t.place])).toEqual([
			['Who May Refund', '@alice', 'Who May Do What'],
			['Lookup Allowed User Group IDs', '@helpdesk', 'Options'],
			['Allowed User Group IDs', '@fnance', 'Authorization Rules'],
		]);
		expect(unknownNameMistake(typed[2], 'Slack Button Clicks').fix).toMatch(/^Check the spelling in Slack Button Clicks → Authorization Rules /);
		expect(await unknownNames({ whoMay: { refund: '@finance, @alice', moneyButtons: 'nobody' } }, lookup, 'x')).toEqual([]);
	});

	it('is not claimed when Slack cannot be asked (a missing scope or an outage is not a typo)', async () => {
		const failing: NameLookup = async () => {
			throw new Error('missing_scope');
		};
		expect(await unknownNames({ whoMay: { refund: '@finanse' } }, failing, 'x')).toEqual([]);
	});

	it('goes to the trigger’s Report Mistakes To, else the Settings node’s "Report mistakes to", else its "Alerts channel"', () => {
		const desk = [{ name: 'Support Desk', type: 'n8n-nodes-stripe-slack.stripeSupportDesk' }, settingsNode({ 'Audit channel': '#support-audit', 'Report mistakes to': '#support-audit' })];
		expect(reportTargets('', desk)).toEqual({ 'Report mistakes to': '#support-audit' });
		expect(reportTargets(' U_ALICE ', desk)).toEqual({ 'Report mistakes to': 'U_ALICE' });
		expect(reportTargets(undefined, [settingsNode({ 'Report mistakes to': 'none', 'Alerts channel': '#billing-alerts' })])).toEqual({ 'Report mistakes to': 'none', 'Alerts channel': '#billing-alerts' });
		// An expression cannot be read before the run; the node named Settings wins over another Set node.
		expect(reportTargets('', [settingsNode({ 'Report mistakes to': '={{ $json.x }}' })])).toEqual({});
		expect(reportTargets('', [settingsNode({ 'Alerts channel': '#a' }, 'Extra'), settingsNode({ 'Alerts channel': '#b' })])).toEqual({ 'Alerts channel': '#b' });
		expect(reportTargets('', [])).toEqual({});
	});

	it('ten clicks report once; a restart (a new store on the same file) still remembers; each workflow reports its own', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'who-may-'));
		const file = path.join(dir, 'threads.jsonl');
		try {
			const sent: Array<{ to: string; text: string }> = [];
			const send = async (to: string, text: string) => void sent.push({ to, text });
			const [m] = await unknownNames({ whoMay: { refund: '@finanse' } }, lookup, 'Slack Requests');
			const how = (lease: MistakeReporting['lease'], scope = 'wf1:trigger'): MistakeReporting => ({ targets: { 'Report mistakes to': '#support-audit' }, workflow: 'Support desk', scope, node: 'Slack Requests', lease });
			const first = new FileThreadStore(new FileThreadBackend(file));
			const reports = await Promise.all(Array.from({ length: 10 }, () => reportMistakes([m], how(() => first), send)));
			expect(sent).toEqual([{ to: '#support-audit', text: whoMayReportText(m, 'Support desk') }]);
			expect(reports.flat().map((r) => r.outcome.reported).sort()).toEqual([...Array(9).fill('before'), 'now']);
			// n8n restarted: a new store reads the same file.
			const second = new FileThreadStore(new FileThreadBackend(file));
			const after = await reportMistakes([m], how(() => second), send);
			expect(after[0].outcome).toEqual({ reported: 'before', to: '#support-audit' });
			expect(sent).toHaveLength(1);
			// The same typo in another workflow, or another value, is a new report.
			await reportMistakes([m], how(() => second, 'wf2:trigger'), send);
			const [other] = await unknownNames({ whoMay: { refund: '@finanze' } }, lookup, 'Slack Requests');
			await reportMistakes([other], how(() => second), send);
			expect(sent.map((s) => s.text.match(/is "([^"]+)"/)?.[1])).toEqual(['@finanse', '@finanse', '@finanze']);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('with no target it is only logged; the item names it, this action’s setting first', async () => {
		const ms = await unknownNames({ whoMay: { refund: '@finanse', lookUp: '@suport' } }, lookup, 'Slack Requests');
		expect(ms.map((m) => m.setting)).toEqual(['Who May Look Up Customers', 'Who May Refund']);
		const none = await reportMistakes(ms, { targets: {}, workflow: 'w', scope: 's', node: 'Slack Requests', lease: () => sharedMemoryThreadStore({ prefix: `t${Date.now()}:` }) }, async () => {
			throw new Error('must not send');
		});
		expect(reportLogLine(none[1])).toBe(`Slack Action Trigger: ${mistakeMessage(ms[1])} (NOT reported in Slack: no "Report mistakes to" or "Alerts channel" setting that works)`);
		const field = mistakeField(none, DESK_ACTIONS.lookup)!;
		expect(field).toMatchObject({ setting: 'Who May Look Up Customers', value: '@suport', reported: 'no', reportedTo: null });
		expect(field.others).toEqual([mistakeMessage(ms[1])]);
		expect(mistakeField(none, ACTIONS.refund)).toMatchObject({ setting: 'Who May Refund', value: '@finanse', message: mistakeMessage(ms[1]) });
		// An action no Who May setting decides: the first.
		expect(mistakeField(none, ACTIONS.markHandled)).toMatchObject({ setting: 'Who May Look Up Customers' });
		expect(mistakeField([], ACTIONS.refund)).toBeUndefined();
	});
});

describe('through the Slack Action Trigger, on the sandbox Slack', () => {
	const suite = sandboxSuite();
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'who-may-n8n-'));
	const saved = process.env.N8N_USER_FOLDER;
	beforeAll(() => {
		process.env.N8N_USER_FOLDER = folder; // the trigger's store: <folder>/.n8n/slack-post/threads.jsonl
	});
	afterAll(() => {
		if (saved === undefined) delete process.env.N8N_USER_FOLDER;
		else process.env.N8N_USER_FOLDER = saved;
		fs.rmSync(folder, { recursive: true, force: true });
	});

	const postRefundMessage = async (): Promise<string> =>
		(
			await suite.slack.chat.postMessage({
				channel: 'C_PAYMENTS',
				text: 'Payment of $1.00 USD succeeded',
				blocks: [{ type: 'actions', block_id: 'stripe_actions', elements: [{ type: 'button', action_id: ACTIONS.refund, value: 'ch_1PgafuB7WZ01zgkWXYmPNZs8', text: { type: 'plain_text', text: 'Refund' } }] }],
			})
		).ts as string;
	const messages = async () => (await suite.api('/_sandbox/slack/messages')) as { messages: Array<{ channel: string; text: string }>; ephemeral: Array<{ user: string; text: string }> };

	it('Who May Refund "@finanse": ten clicks, one message in Report Mistakes To; each clicker told; an allowed click’s item carries it', async () => {
		const whoMay = { refund: '@finanse' };
		const h = await suite.useHost({ triggerParams: { ...suite.hostOptions().triggerParams, whoMay, options: { reportMistakesTo: '#billing-alerts' } } });
		const ts = await postRefundMessage();
		for (let i = 0; i < 10; i++) await suite.api('/_sandbox/slack/click', { channel: 'C_PAYMENTS', ts, action_id: ACTIONS.refund, user_id: i % 2 ? 'U_ALICE' : 'U_CAROL' });
		await h.settle();
		const deadline = Date.now() + 10_000;
		while ((await messages()).ephemeral.length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
		const all = await messages();
		const reports = all.messages.filter((m) => m.text.includes('@finanse'));
		expect(reports).toHaveLength(1);
		expect(reports[0].channel).toBe('C_BILLING_ALERTS');
		expect(reports[0].text).toContain('Who May Refund is "@finanse": Slack has no user group or person with that name. Check the spelling in Slack Action Trigger → Who May Do What');
		expect(all.ephemeral).toHaveLength(10);
		expect(all.ephemeral.every((e) => e.text.includes('"@finanse" is not a user group or a person'))).toBe(true);
		expect(h.warnings.filter((w) => w.includes('reported in Slack to #billing-alerts'))).toHaveLength(1);
		await h.close();

		// "@finanse, @alice": Alice may refund; her run's item names the mistake, already reported.
		const h2 = await suite.useHost({ triggerParams: { ...suite.hostOptions().triggerParams, whoMay: { refund: '@finanse, @alice' }, options: { reportMistakesTo: '#billing-alerts' } } });
		await suite.api('/_sandbox/slack/click', { channel: 'C_PAYMENTS', ts: await postRefundMessage(), action_id: ACTIONS.refund, user_id: 'U_ALICE' });
		const runs = await h2.settle();
		expect(runs).toHaveLength(1);
		expect(runs[0].trigger[0].json.mistake).toMatchObject({ setting: 'Who May Refund', value: '@finanse, @alice', problem: 'Slack has no user group or person named "@finanse"', reported: 'now', reportedTo: '#billing-alerts' });
	});

	it('a member ID in Report Mistakes To gets a direct message', async () => {
		const h = await suite.useHost({ triggerParams: { ...suite.hostOptions().triggerParams, whoMay: { moneyButtons: '@fiance' }, options: { reportMistakesTo: 'U_ALICE' } } });
		await suite.api('/_sandbox/slack/click', { channel: 'C_PAYMENTS', ts: await postRefundMessage(), action_id: ACTIONS.refund, user_id: 'U_ALICE' });
		await h.settle();
		const dm = (await messages()).messages.filter((m) => m.text.includes('Who May Use the Other Money Buttons is "@fiance"'));
		expect(dm.map((m) => m.channel)).toEqual(['D_ALICE']);
	});
});
