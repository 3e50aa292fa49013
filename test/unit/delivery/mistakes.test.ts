/**
 * Issue #28: a setting that cannot work is named with its bad value and the fix, reported once per setting
 * and value (not once per event), and the run fails with the same words.
 */
import {
	amountMistake,
	channelMistake,
	isSettingMistakeCode,
	mistakeError,
	mistakeKey,
	mistakeMessage,
	reportOnce,
	reportTarget,
	reportText,
} from '../../../nodes/shared/delivery/mistakes';
import { sharedMemoryThreadStore } from '../../../nodes/shared/delivery/threads';
import { parseMinimumAmounts } from '../../../nodes/shared/format/money';

const settings = { 'Payments channel': '#revnue', 'Alerts channel': '#billing-alerts', 'Report mistakes to': 'none', type: 'payment_intent.succeeded' };

describe('mistakes', () => {
	it('names the setting, the bad value and the fix for each channel answer', () => {
		const m = channelMistake('#revnue', 'channel_not_found', settings, 'stripe-bot')!;
		expect(mistakeMessage(m)).toBe('Payments channel is "#revnue": Slack says channel_not_found. Check the name in Settings and invite the bot with /invite @stripe-bot');
		expect(mistakeMessage(channelMistake('#revnue', 'not_in_channel', settings)!)).toMatch(/^Payments channel is "#revnue": Slack says not_in_channel\. Invite the bot .*\/invite @<your app>/);
		expect(mistakeMessage(channelMistake("#old", "is_archived", {})!)).toBe("Channel is \"#old\": Slack says is_archived. The channel is archived: unarchive it in Slack, or choose another channel in the node's Channel");
		expect(channelMistake('#payments', 'invalid_blocks', settings)).toBeUndefined();
		expect(['channel_not_found', 'not_in_channel', 'is_archived'].every(isSettingMistakeCode)).toBe(true);
		expect(isSettingMistakeCode('ratelimited')).toBe(false);
	});

	it('names an amount it cannot read', () => {
		let words = '';
		try {
			parseMinimumAmounts('USD 1, $5O');
		} catch (e) {
			words = mistakeMessage(amountMistake('Minimum amount per currency', 'USD 1, $5O', (e as Error).message));
		}
		expect(words).toBe('Minimum amount per currency is "USD 1, $5O": the part "$5O" cannot be read: write an amount with its currency, like "USD 50", "$50" or "EUR 20.00". Fix it in Settings');
	});

	it('reports to "Report mistakes to", else the alerts channel, never to the broken value itself', () => {
		const m = channelMistake('#revnue', 'channel_not_found', settings)!;
		expect(reportTarget(settings, m)).toBe('#billing-alerts');
		expect(reportTarget({ ...settings, 'Report mistakes to': 'U_ALICE' }, m)).toBe('U_ALICE');
		const alertsBroken = channelMistake('#billing-alerts', 'channel_not_found', settings)!;
		expect(alertsBroken.setting).toBe('Alerts channel');
		expect(reportTarget(settings, alertsBroken)).toBeUndefined();
		expect(reportText(m, 'Stripe → Slack: payments')).toContain('Payments channel is "#revnue"');
	});

	it('reports once per setting and value across many events; a failed report is tried again', async () => {
		const store = sharedMemoryThreadStore({ prefix: `t${Date.now()}:` });
		const sent: string[] = [];
		const m = channelMistake('#revnue', 'channel_not_found', settings)!;
		const outcomes = await Promise.all(Array.from({ length: 5 }, () => reportOnce(store, m, '#billing-alerts', async (to) => void sent.push(to))));
		expect(sent).toEqual(['#billing-alerts']);
		expect(outcomes.filter((o) => o.reported === 'now')).toHaveLength(1);
		expect(outcomes.filter((o) => o.reported === 'before')).toHaveLength(4);
		// Another bad value of the same setting is a new mistake.
		const other = channelMistake('#revenu', 'channel_not_found', { 'Payments channel': '#revenu' })!;
		expect(mistakeKey(other)).not.toBe(mistakeKey(m));
		// A report that fails is not remembered as sent.
		const failing = channelMistake('#x1', 'channel_not_found', { 'Payments channel': '#x1' })!;
		const first = await reportOnce(store, failing, '#billing-alerts', async () => {
			throw new Error('channel_not_found');
		});
		expect(first).toEqual({ reported: 'no', why: 'reporting to #billing-alerts failed too: channel_not_found' });
		expect((await reportOnce(store, failing, '#billing-alerts', async () => undefined)).reported).toBe('now');
	});

	it('the run fails with the mistake and where it was reported', () => {
		const m = channelMistake('#revnue', 'channel_not_found', settings, 'stripe-bot')!;
		expect(mistakeError(m, { reported: 'now', to: '#billing-alerts' }).message).toBe(
			'Payments channel is "#revnue": Slack says channel_not_found. Check the name in Settings and invite the bot with /invite @stripe-bot (reported in Slack to #billing-alerts)',
		);
		expect(mistakeError(m, { reported: 'before', to: '#billing-alerts' }).message).toMatch(/\(already reported in Slack to #billing-alerts\)$/);
		expect(mistakeError(m, { reported: 'no', why: 'x' }).description).toMatch(/^Not reported in Slack: x\./);
	});
});
