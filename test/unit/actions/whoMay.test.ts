/**
 * Who may do what, in words (issue #28): "Who May Refund: @finance" maps to rules on the refund buttons; names
 * are looked up (a group's handle or a person); a name Slack does not know denies and says which; a config
 * with only Action ID Prefix rules decides as before.
 */
import { ACTIONS } from '../../../nodes/shared/actions';
import { DESK_ACTIONS } from '../../../nodes/shared/desk/actions';
import { lookupPolicy } from '../../../nodes/shared/desk/incoming';
import { authorize, UserGroupCache, type NameResolver } from '../../../nodes/shared/slack/authorize';
import { policyFromSettings, type TriggerSettings } from '../../../nodes/shared/slack/click';
import { lookupInWords, rulesInWords, whoList } from '../../../nodes/shared/slack/whoMay';

const groups: Record<string, string[]> = { S_FINANCE: ['U_ALICE', 'U_CAROL'], S_SUPPORT: ['U_BOB'] };
const lister = async (id: string) => {
	if (!groups[id]) throw new Error('no_such_subteam');
	return groups[id];
};
const names: Record<string, { groupId?: string; userId?: string }> = { finance: { groupId: 'S_FINANCE' }, support: { groupId: 'S_SUPPORT' }, bob: { userId: 'U_BOB' } };
const resolveName: NameResolver = async (n) => names[n];
const base: TriggerSettings = { actionIdPrefixes: 'stripe_slack.', interactionTypes: ['block_actions'], rules: [], unmatchedActions: 'denyMoneyMoving' };
const decide = (settings: TriggerSettings, action: string, user: string) =>
	authorize(policyFromSettings(settings), action, user, lister, { cache: new UserGroupCache(), resolveName });

describe('who may do what, in words', () => {
	it('reads what people type', () => {
		expect(whoList('@finance, @Alice and U012AB; S0614 everyone')).toEqual({ userIds: ['U012AB', '*'], userGroupIds: ['@finance', '@alice', 'S0614'] });
		expect(whoList('nobody')).toEqual({ userIds: [], userGroupIds: [] });
		expect(whoList('<!subteam^S0614|@finance>, <@U012AB>')).toEqual({ userIds: ['U012AB'], userGroupIds: ['S0614'] });
		expect(rulesInWords({ refund: '@finance' }).map((r) => r.actionPrefix)).toEqual([ACTIONS.refund, ACTIONS.refundFraudWarning]);
		expect(rulesInWords({})).toEqual([]);
		expect(lookupInWords({ lookUp: ' ' })).toBeUndefined();
	});

	it('Who May Refund: @finance lets finance refund and no one else; changing it to @support turns that around', async () => {
		const finance = { ...base, whoMay: { refund: '@finance' } };
		expect((await decide(finance, ACTIONS.refund, 'U_ALICE')).allowed).toBe(true);
		expect((await decide(finance, ACTIONS.refund, 'U_BOB')).allowed).toBe(false);
		expect((await decide(finance, ACTIONS.refundFraudWarning, 'U_CAROL')).allowed).toBe(true);
		const support = { ...base, whoMay: { refund: '@support' } };
		expect((await decide(support, ACTIONS.refund, 'U_BOB')).allowed).toBe(true);
		expect((await decide(support, ACTIONS.refund, 'U_ALICE')).allowed).toBe(false);
		// A person by name.
		expect((await decide({ ...base, whoMay: { refund: '@bob' } }, ACTIONS.refund, 'U_BOB')).reason).toBe('user_listed');
	});

	it('each kind of action has its own words; the rest stays as the rules say', async () => {
		const s = { ...base, whoMay: { refund: '@finance', moneyButtons: '@finance', teamActions: '@support, @finance' } };
		expect((await decide(s, ACTIONS.capturePayment, 'U_ALICE')).allowed).toBe(true);
		expect((await decide(s, ACTIONS.capturePayment, 'U_BOB')).allowed).toBe(false);
		expect((await decide(s, DESK_ACTIONS.assign, 'U_BOB')).allowed).toBe(true);
		expect((await decide(s, ACTIONS.markHandled, 'U_BOB')).allowed).toBe(true); // unmatched, not money-moving
	});

	it('a name Slack does not know denies and says which name', async () => {
		const d = await decide({ ...base, whoMay: { refund: '@financ' } }, ACTIONS.refund, 'U_ALICE');
		expect(d).toMatchObject({ allowed: false, reason: 'group_lookup_failed', error: '"@financ" is not a user group or a person in this Slack workspace' });
		// Slack that cannot be asked is not a name it does not know.
		const down = await authorize(policyFromSettings({ ...base, whoMay: { refund: '@finance' } }), ACTIONS.refund, 'U_ALICE', lister, {
			cache: new UserGroupCache(),
			resolveName: async () => {
				throw new Error('missing_scope');
			},
		});
		expect(down).toMatchObject({ allowed: false, reason: 'group_lookup_failed', error: 'Slack could not be asked who "@finance" is: missing_scope' });
	});

	it('rules-based configs decide as before, and words add to them', async () => {
		const rules = { ...base, rules: [{ actionPrefix: 'stripe_slack.', userIds: '', userGroupIds: 'S_FINANCE' }] };
		expect((await decide(rules, ACTIONS.refund, 'U_ALICE')).allowed).toBe(true);
		expect((await decide(rules, ACTIONS.refund, 'U_BOB')).allowed).toBe(false);
		expect((await decide({ ...rules, whoMay: { refund: '@support' } }, ACTIONS.refund, 'U_BOB')).allowed).toBe(true);
	});

	it('Who May Look Up Customers joins the lookup allowlist', async () => {
		const policy = lookupPolicy({ lookupUserGroupIds: '', whoMay: { lookUp: '@support' } });
		const d = (u: string) => authorize(policy, DESK_ACTIONS.lookup, u, lister, { cache: new UserGroupCache(), resolveName });
		expect((await d('U_BOB')).allowed).toBe(true);
		expect((await d('U_ALICE')).allowed).toBe(false);
	});
});
