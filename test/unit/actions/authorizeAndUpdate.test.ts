/** Authorization of a click, its idempotency key, and the message update and audit note after it (split from core.test.ts). */
import { ACTIONS } from '../../../nodes/shared/actions';
import { buildAuditNote } from '../../../nodes/shared/audit';
import { clickIdempotencyKey } from '../../../nodes/shared/idempotency';
import {
	authorize,
	splitIds,
	UserGroupCache,
	type AuthorizationPolicy,
} from '../../../nodes/shared/slack/authorize';
import {
	completedMessage,
	escapeMrkdwn,
	removeActionButtons,
	statusLine,
} from '../../../nodes/shared/slack/messageUpdate';

describe('authorize', () => {
	const policy: AuthorizationPolicy = {
		unmatched: 'denyMoneyMoving',
		rules: [
			{ actionPrefix: 'stripe_slack.', userIds: ['U_CAROL'], userGroupIds: ['S_FINANCE'] },
			{ actionPrefix: 'stripe_slack.send_reminder', userIds: ['*'], userGroupIds: [] },
			{ actionPrefix: 'stripe_slack.accept_dispute', userIds: [], userGroupIds: [] },
		],
	};
	const groups: Record<string, string[]> = { S_FINANCE: ['U_ALICE'], S_SUPPORT: ['U_BOB'] };

	it('allows listed users and group members, denies others', async () => {
		const calls: string[] = [];
		const lister = async (g: string) => {
			calls.push(g);
			return groups[g] ?? [];
		};
		const cache = new UserGroupCache(60_000);
		expect(await authorize(policy, ACTIONS.refund, 'U_CAROL', lister, { cache })).toMatchObject({ allowed: true, reason: 'user_listed' });
		expect(calls).toEqual([]);
		expect(await authorize(policy, ACTIONS.refund, 'U_ALICE', lister, { cache })).toMatchObject({
			allowed: true,
			reason: 'group_member',
			groupId: 'S_FINANCE',
		});
		expect(await authorize(policy, ACTIONS.refund, 'U_BOB', lister, { cache })).toMatchObject({ allowed: false, reason: 'not_listed' });
		expect(calls).toEqual(['S_FINANCE']);
	});

	it('lets the longest prefix decide', async () => {
		const lister = async (g: string) => groups[g] ?? [];
		expect(await authorize(policy, ACTIONS.sendReminder, 'U_BOB', lister)).toMatchObject({ allowed: true, reason: 'everyone' });
		// The accept_dispute rule lists nobody, so even finance may not accept disputes.
		expect(await authorize(policy, ACTIONS.acceptDispute, 'U_CAROL', lister)).toMatchObject({ allowed: false });
	});

	it('covers the actions of #26: money-moving ones denied without a rule; a refund rule reaches the fraud refund by prefix unless it has its own', async () => {
		const lister = async (g: string) => groups[g] ?? [];
		const cache = new UserGroupCache(60_000); // not the shared one: other tests need S_FINANCE uncached
		const none: AuthorizationPolicy = { unmatched: 'denyMoneyMoving', rules: [] };
		for (const id of [ACTIONS.approveReview, ACTIONS.refundFraudWarning, ACTIONS.capturePayment, ACTIONS.voidInvoice]) {
			expect(await authorize(none, id, 'U_ALICE', lister, { cache })).toMatchObject({ allowed: false, reason: 'unmatched_denied' });
		}
		for (const id of [ACTIONS.sendAuthenticationLink]) {
			expect(await authorize(none, id, 'U_ALICE', lister, { cache })).toMatchObject({ allowed: true, reason: 'unmatched_allowed' });
		}
		const refunds: AuthorizationPolicy = {
			unmatched: 'denyMoneyMoving',
			rules: [
				{ actionPrefix: 'stripe_slack.', userIds: [], userGroupIds: ['S_FINANCE'] },
				{ actionPrefix: 'stripe_slack.refund', userIds: ['U_BOB'], userGroupIds: [] },
			],
		};
		expect(await authorize(refunds, ACTIONS.refundFraudWarning, 'U_BOB', lister, { cache })).toMatchObject({ allowed: true, rulePrefix: 'stripe_slack.refund' });
		expect(await authorize(refunds, ACTIONS.refundFraudWarning, 'U_ALICE', lister, { cache })).toMatchObject({ allowed: false, reason: 'not_listed' });
		expect(await authorize(refunds, ACTIONS.capturePayment, 'U_ALICE', lister, { cache })).toMatchObject({ allowed: true, rulePrefix: 'stripe_slack.' });
		const own: AuthorizationPolicy = {
			...refunds,
			rules: [...refunds.rules, { actionPrefix: ACTIONS.refundFraudWarning, userIds: [], userGroupIds: ['S_FINANCE'] }],
		};
		expect(await authorize(own, ACTIONS.refundFraudWarning, 'U_BOB', lister, { cache })).toMatchObject({ allowed: false });
		expect(await authorize(own, ACTIONS.refundFraudWarning, 'U_ALICE', lister, { cache })).toMatchObject({ allowed: true, rulePrefix: ACTIONS.refundFraudWarning });
	});

	it('applies the unmatched policy', async () => {
		const lister = async () => [];
		const none = (unmatched: AuthorizationPolicy['unmatched']): AuthorizationPolicy => ({ unmatched, rules: [] });
		expect((await authorize(none('denyMoneyMoving'), ACTIONS.refund, 'U1', lister)).allowed).toBe(false);
		expect((await authorize(none('denyMoneyMoving'), ACTIONS.markHandled, 'U1', lister)).allowed).toBe(true);
		expect((await authorize(none('deny'), ACTIONS.markHandled, 'U1', lister)).allowed).toBe(false);
		expect((await authorize(none('allow'), ACTIONS.refund, 'U1', lister)).allowed).toBe(true);
	});

	it('fails closed when a group cannot be read', async () => {
		const decision = await authorize(policy, ACTIONS.refund, 'U_ALICE', async () => {
			throw new Error('missing_scope');
		});
		expect(decision).toMatchObject({ allowed: false, reason: 'group_lookup_failed' });
		expect(decision.error).toMatch(/missing_scope/);
	});

	it('caches group members for the TTL and shares concurrent lookups', async () => {
		let clock = 0;
		const cache = new UserGroupCache(30_000, () => clock);
		let calls = 0;
		const lister = async (g: string) => {
			calls++;
			await new Promise((r) => setTimeout(r, 10));
			return groups[g] ?? [];
		};
		await Promise.all([1, 2, 3].map(async () => await authorize(policy, ACTIONS.refund, 'U_ALICE', lister, { cache, namespace: 'T1' })));
		expect(calls).toBe(1);
		clock = 29_000;
		await authorize(policy, ACTIONS.refund, 'U_BOB', lister, { cache, namespace: 'T1' });
		expect(calls).toBe(1);
		await authorize(policy, ACTIONS.refund, 'U_ALICE', lister, { cache, namespace: 'T2' });
		expect(calls).toBe(2);
		clock = 31_000;
		await authorize(policy, ACTIONS.refund, 'U_ALICE', lister, { cache, namespace: 'T1' });
		expect(calls).toBe(3);
	});

	it('does not cache failures', async () => {
		const cache = new UserGroupCache(60_000);
		let fail = true;
		const lister = async () => {
			if (fail) throw new Error('boom');
			return ['U_ALICE'];
		};
		expect((await authorize(policy, ACTIONS.refund, 'U_ALICE', lister, { cache })).allowed).toBe(false);
		fail = false;
		expect((await authorize(policy, ACTIONS.refund, 'U_ALICE', lister, { cache })).allowed).toBe(true);
	});

	it('splits id lists', () => {
		expect(splitIds(' U1, U2\nU3;;U4 ')).toEqual(['U1', 'U2', 'U3', 'U4']);
		expect(splitIds(undefined)).toEqual([]);
	});
});

describe('clickIdempotencyKey', () => {
	const click = { teamId: 'T1', channel: 'C1', messageTs: '1700000000.000100', actionId: ACTIONS.refund, objectId: 'ch_1' };

	it('is stable for the same click and differs for anything that matters', () => {
		const key = clickIdempotencyKey(click);
		expect(key).toBe(clickIdempotencyKey({ ...click }));
		expect(key).toMatch(/^slack-click-v1-[0-9a-f]{48}$/);
		expect(key.length).toBeLessThanOrEqual(255);
		// Known value, so a change of the derivation is noticed (it would break replays across an upgrade).
		expect(key).toBe('slack-click-v1-870e2df0177deb5bbb7d2bafa28771ed6b614773f87f5b1b');
		for (const change of [
			{ teamId: 'T2' },
			{ channel: 'C2' },
			{ messageTs: '1700000000.000200' },
			{ actionId: ACTIONS.retryPayment },
			{ objectId: 'ch_2' },
			{ amount: 500 },
		]) {
			expect(clickIdempotencyKey({ ...click, ...change })).not.toBe(key);
		}
		expect(clickIdempotencyKey({ ...click, amount: null })).toBe(key);
		expect(clickIdempotencyKey({ ...click, amount: 500 })).not.toBe(clickIdempotencyKey({ ...click, amount: 501 }));
	});

	it('cannot be confused by separators inside values', () => {
		expect(clickIdempotencyKey({ ...click, channel: 'C1|x', messageTs: 'y' })).not.toBe(
			clickIdempotencyKey({ ...click, channel: 'C1', messageTs: 'x|y' }),
		);
	});
});

describe('message update and audit note', () => {
	const at = new Date(Date.UTC(2025, 0, 2, 10, 42, 5));
	const blocks = [
		{ type: 'section', block_id: 'head', text: { type: 'mrkdwn', text: 'Payment *$10*' }, accessory: { type: 'button', action_id: ACTIONS.markHandled, value: 'ch_1', text: { type: 'plain_text', text: 'x' } } },
		{
			type: 'actions',
			block_id: 'acts',
			elements: [
				{ type: 'button', action_id: ACTIONS.refund, value: 'ch_1', text: { type: 'plain_text', text: 'Refund' } },
				{ type: 'button', action_id: ACTIONS.openDashboard, url: 'https://dashboard.stripe.com/', text: { type: 'plain_text', text: 'Open' } },
			],
		},
		{ type: 'actions', elements: [{ type: 'button', action_id: ACTIONS.retryPayment, value: 'in_1', text: { type: 'plain_text', text: 'Retry' } }] },
	];

	it('removes our buttons (keeping link buttons) and adds the status line', () => {
		const out = completedMessage({
			actionId: ACTIONS.refund,
			userId: 'U_ALICE',
			at,
			ok: true,
			detail: 're_123',
			originalText: 'Payment $10',
			originalBlocks: blocks,
		});
		expect(out.blocks).toHaveLength(3);
		expect(out.blocks[0].accessory).toBeUndefined();
		expect(out.blocks[1].elements).toEqual([blocks[1].elements![1]]);
		expect(out.blocks[2]).toEqual({
			type: 'context',
			block_id: 'stripe_slack_status',
			elements: [{ type: 'mrkdwn', text: 'Refunded by <@U_ALICE> at 10:42 UTC: succeeded (re_123)' }],
		});
		expect(out.text).toContain('Refunded by @U_ALICE at 10:42 UTC: succeeded');
		// The input is not modified.
		expect(blocks[0].accessory).toBeDefined();
		// A second update replaces the status line instead of adding one.
		const again = completedMessage({ actionId: ACTIONS.refund, userId: 'U_ALICE', at, ok: true, originalText: '', originalBlocks: out.blocks });
		expect(again.blocks.filter((b) => b.block_id === 'stripe_slack_status')).toHaveLength(1);
	});

	it('keeps the buttons after a failure and escapes the error', () => {
		const out = completedMessage({
			actionId: ACTIONS.retryPayment,
			userId: 'U_ALICE',
			at,
			ok: false,
			errorMessage: 'Your card <was> declined & *bold*',
			originalText: '',
			originalBlocks: blocks,
		});
		expect(out.blocks).toHaveLength(4);
		const text = (out.blocks[3].elements as Array<{ text: string }>)[0].text;
		expect(text).toBe('Payment retry by <@U_ALICE> at 10:42 UTC failed: Your card &lt;was&gt; declined &amp; *bold*');
	});

	it('escapes names and never produces mentions from text', () => {
		expect(escapeMrkdwn('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
		const line = statusLine({ actionId: ACTIONS.refund, userId: '<!here>', userName: '<!here>', at, ok: true });
		expect(line).not.toContain('<!here>');
		expect(line).toContain('&lt;!here&gt;');
	});

	it('removes every action block when asked to', () => {
		expect(removeActionButtons([{ type: 'actions', elements: [{ type: 'button', action_id: 'other' }] }], { allInteractive: true })).toEqual([]);
		expect(removeActionButtons([{ type: 'actions', elements: [{ type: 'button', action_id: 'other' }] }])).toHaveLength(1);
	});

	it('builds an audit note with who, what, when, request id and result', () => {
		const note = buildAuditNote({
			actionId: ACTIONS.refund,
			objectId: 'ch_1',
			userId: 'U_ALICE',
			userName: 'alice',
			at,
			ok: true,
			stripeRequestId: 'req_abc',
			idempotencyKey: 'slack-click-v1-x',
			resultSummary: 're_1 succeeded',
		});
		expect(note.text).toContain('<@U_ALICE>');
		expect(note.text).toContain('refunded');
		expect(note.text).toContain('2025-01-02 10:42:05 UTC');
		expect(note.text).toContain('req_abc');
		expect(note.text).toContain('succeeded');
		const json = JSON.stringify(note.blocks);
		expect(json).toContain('`req_abc`');
		expect(json).toContain('slack-click-v1-x');
		const failed = buildAuditNote({ actionId: ACTIONS.refund, objectId: 'ch_1', userId: 'U1', at, ok: false, errorMessage: 'No <such> charge', errorCode: 'resource_missing' });
		expect(failed.text).toContain('failed: No &lt;such&gt; charge');
		expect(failed.text).toContain('(resource_missing)');
	});
});
