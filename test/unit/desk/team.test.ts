/** Team actions and the access log (pure): what Assign, Escalate and Create ticket produce, and what the log records. */
import { accessLogEntry, accessLogMessage } from '../../../nodes/shared/desk/accessLog';
import { teamActionsBlock, objectIdOfTeamBlock } from '../../../nodes/shared/desk/buttons';
import { assignedMessage, escalationMessage, ticketFields } from '../../../nodes/shared/desk/team';

const AT = new Date('2026-12-02T10:42:00Z');
const alert = {
	text: 'Dispute opened: $10.00',
	blocks: [
		{ type: 'header', text: { type: 'plain_text', text: '⚖️ Dispute opened: $10.00' } },
		{ type: 'section', text: { type: 'mrkdwn', text: '*$10.00* disputed by jenny.rosen@example.com · <https://dashboard.stripe.com/test/disputes/dp_1|Open>' } },
		teamActionsBlock('dp_1Pgc71B7WZ01zgkWMevJiAUx', { customerId: 'cus_QXg1o8vcGmoR32' })!,
	],
};

describe('team actions', () => {
	it('Assign shows "Assigned to @x" once, however often it is done, and the picker shows x', () => {
		const once = assignedMessage(alert, 'U_CAROL', 'U_ALICE', AT);
		const twice = assignedMessage(once, 'U_BOB', 'U_ALICE', AT);
		const lines = twice.blocks.filter((b) => b.block_id === 'desk_assigned');
		expect(lines).toHaveLength(1);
		expect(JSON.stringify(lines[0])).toContain('Assigned to <@U_BOB> by <@U_ALICE> at 2026-12-02 10:42:00 UTC');
		const picker = (twice.blocks.find((b) => b.type === 'actions') as { elements: Array<Record<string, unknown>> }).elements[0];
		expect(picker).toMatchObject({ type: 'users_select', initial_user: 'U_BOB' });
		expect(twice.text).toBe('Dispute opened: $10.00\nAssigned to @U_BOB by @U_ALICE at 2026-12-02 10:42:00 UTC');
	});

	it('the team block carries its object id for the user picker', () => {
		expect(objectIdOfTeamBlock(alert.blocks[2].block_id as string)).toBe('dp_1Pgc71B7WZ01zgkWMevJiAUx');
		expect(objectIdOfTeamBlock('actions')).toBeUndefined();
		expect(teamActionsBlock('not an id')).toBeUndefined();
	});

	it('Escalate posts a redacted summary with a link to the original and the group mention', () => {
		const m = escalationMessage({ original: alert, by: 'U_ALICE', permalink: 'http://127.0.0.1:5680/archives/C_DISPUTES/p1700000000000100', userGroupId: 'S_FINANCE', at: AT });
		const all = JSON.stringify(m);
		expect(all).not.toContain('jenny.rosen@example.com');
		expect(all).toContain('j•••@e•••.com');
		expect(m.blocks[0]).toMatchObject({ text: { text: '<!subteam^S_FINANCE> :rotating_light: Escalated by <@U_ALICE> at 2026-12-02 10:42:00 UTC' } });
		expect(all).toContain('<http://127.0.0.1:5680/archives/C_DISPUTES/p1700000000000100|View the original message>');
		expect(all).not.toContain('dashboard.stripe.com'); // links of the original become their labels
		expect(m.text).toMatch(/^@group :rotating_light: Escalated by @U_ALICE/);
	});

	it('Create ticket gives the fields a helpdesk needs, redacted', () => {
		const t = ticketFields({ original: alert, objectId: 'dp_1Pgc71B7WZ01zgkWMevJiAUx', customerId: 'cus_QXg1o8vcGmoR32', user: { id: 'U_BOB', name: 'bob' }, team: 'T_SANDBOX', channel: 'C_DISPUTES', messageTs: '1.2', permalink: 'http://x/p12', at: AT });
		expect(t).toMatchObject({ title: '⚖ Dispute opened: $10.00' /* printed text is normalised (#18): the emoji's variation selector is dropped */, objectId: 'dp_1Pgc71B7WZ01zgkWMevJiAUx', customerId: 'cus_QXg1o8vcGmoR32', requestedBy: { id: 'U_BOB' }, createdAt: AT.toISOString() });
		expect(t.description).toContain('j•••@e•••.com');
		expect(t.description).not.toContain('jenny.rosen');
		expect(t.description).toContain('Slack: http://x/p12');
	});
});

describe('access log', () => {
	it('records who, what (email masked), when and the result, in the audit channel line and the entry', () => {
		const e = accessLogEntry({ kind: 'lookup', user: { id: 'U_BOB', name: 'bob' }, action: 'stripe_slack.lookup', subject: 'jenny.rosen@example.com', customerId: 'cus_QXg1o8vcGmoR32', result: 'card', channel: 'C_GENERAL', team: 'T_SANDBOX', source: 'slash_command', at: AT });
		expect(e).toMatchObject({ subject: 'j•••@e•••.com', at: '2026-12-02T10:42:00.000Z', result: 'card' });
		expect(accessLogMessage(e).text).toBe('Access log: <@U_BOB> looked up `j•••@e•••.com` at 2026-12-02 10:42:00 UTC: card shown.');
		const denied = accessLogEntry({ ...e, result: 'denied', subject: 'x <!channel>', at: AT });
		expect(denied.subject).toBe('xchannel');
		const action = accessLogEntry({ ...e, kind: 'action', action: 'stripe_slack.mark_contacted', subject: 'cus_QXg1o8vcGmoR32', result: 'repeated', at: AT });
		expect(accessLogMessage(action).text).toBe('Access log: <@U_BOB> used mark_contacted on `cus_QXg1o8vcGmoR32` at 2026-12-02 10:42:00 UTC: repeated click, nothing done twice.');
	});
});
