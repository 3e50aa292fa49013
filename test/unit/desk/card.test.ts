/**
 * The billing card over the shared fixtures: what it shows (masked email, no address, subscriptions,
 * invoices, disputes with deadlines, payment method, balance, failed payments, links, buttons), and that
 * personal data planted in every string field never reaches it.
 */
import { parseAndValidateBlocks } from '../../../sandbox/blockkit';
import { buildAnswer, buildCard, buildChoices } from '../../../nodes/shared/desk/card';
import { validateMessage } from '../../../nodes/shared/format/limits';
import type { Block } from '../../../nodes/shared/format/types';
import { fixtureBillingData, NOW, PLANTED, plantEverywhere } from './fixtures';

const FIXTURE_PII = ['jenny.rosen@example.com', '+14155550123', '4155550123', '510 Townsend', '94103', 'San Francisco', 'AOB934RVNwzk6xtn'];

function strings(v: unknown, out: string[] = []): string[] {
	if (typeof v === 'string') out.push(v);
	else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
	else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
	return out;
}

function valid(m: { text: string; blocks: Array<Record<string, unknown>> }) {
	const r = parseAndValidateBlocks(m.blocks);
	expect(r.ok ? [] : (r as { messages: string[] }).messages).toEqual([]);
	const buttonsOnly = m.blocks.filter((b) => !String(b.block_id ?? '').startsWith('desk_team')) as unknown as Block[];
	expect(validateMessage(buttonsOnly, m.text)).toEqual([]);
}

function assertNoPlanted(m: unknown) {
	const joined = strings(m).join('\n');
	for (const v of [...Object.values(PLANTED), PLANTED.card.replace(/\D/g, ''), PLANTED.phone.replace(/\D/g, ''), ...FIXTURE_PII]) expect(joined).not.toContain(v);
	expect(joined).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/);
	expect(joined).not.toMatch(/sk_live_|DE89/);
	for (const s of strings(m)) {
		const rest = s.replace(/<https:\/\/dashboard\.stripe\.com\/[^|<>\s]+\|[^<>]*>/g, '').replace(/<@U[A-Z0-9_]+>/g, '');
		expect(rest).not.toContain('<');
	}
}

const actionIds = (m: { blocks: Array<Record<string, any>> }) => m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e: { action_id: string }) => e.action_id) : []));

describe('billing card', () => {
	it('shows the customer with a masked email and no address, and the billing facts of the fixtures', () => {
		const card = buildCard(fixtureBillingData(), { now: NOW });
		valid(card);
		assertNoPlanted(card);
		const all = strings(card).join('\n');
		expect(all).toContain('*J. R.* · `cus_QXg1o8vcGmoR32`'); // names are initials at the default level (#18)
		expect(all).toContain('j•••@e•••.com');
		expect(all).toContain('$5.00 credit');
		expect(all).toContain('Visa •••• 4242');
		expect(all).toMatch(/`sub_1Pgc6rB7WZ01zgkWNy0Cn5nw` \*Active\* · \$20\.00 \/ month · renews Aug 26, 2024/);
		expect(all).toMatch(/`in_1Pgc6tB7WZ01zgkWu9fdqL6I` \S+ · \*Open\* · \$10\.00/);
		expect(all).toMatch(/`dp_1Pgc71B7WZ01zgkWMevJiAUx` \$10\.00 · Warning needs response · General · respond by \*Aug 14, 2024\* \(in 20 days\)/);
		expect(all).toMatch(/Failed payments, last 30 days\*\n• \$1\.00 on Jul 23, 2024 · Your card was declined\./);
		expect(all).toContain('<https://dashboard.stripe.com/test/customers/cus_QXg1o8vcGmoR32|Customer in Stripe>');
		expect(all).toContain('<https://dashboard.stripe.com/test/invoices/in_1Pgc6tB7WZ01zgkWu9fdqL6I|Invoice 7FE1103-0002>');
		expect(actionIds(card)).toEqual([
			'stripe_slack.retry_payment',
			'stripe_slack.send_reminder',
			'stripe_slack.refund',
			'stripe_slack.cancel_subscription',
			'stripe_slack.submit_evidence',
			'stripe_slack.accept_dispute',
			'stripe_slack.open_dashboard',
			'stripe_slack.assign',
			'stripe_slack.escalate',
			'stripe_slack.mark_contacted',
			'stripe_slack.create_ticket',
			'stripe_slack.share_card',
		]);
		// money-moving buttons ask first, as on the alerts
		const refund = card.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === 'stripe_slack.refund');
		expect(refund.confirm.text.text).toMatch(/Refund \$1\.00/);
	});

	it('a shared card has no Share button and says who shared it', () => {
		const card = buildCard(fixtureBillingData(), { now: NOW, shared: true, userId: 'U_BOB' });
		valid(card);
		expect(actionIds(card)).not.toContain('stripe_slack.share_card');
		expect(strings(card).join('\n')).toContain('Shared by <@U_BOB>');
	});

	it('personal data planted in every string field (ids, enums and text) never reaches the card', () => {
		const card = buildCard(plantEverywhere(fixtureBillingData()), { now: NOW, shared: true, userId: 'U_BOB' });
		valid(card);
		assertNoPlanted(card);
	});

	it('personal data planted in every text field (ids left intact) never reaches the card, which still has its facts and buttons', () => {
		const data = fixtureBillingData();
		const plantText = (v: unknown, key = ''): unknown => {
			if (typeof v === 'string') return /^[a-z]+_[A-Za-z0-9]+$/.test(v) || ['currency', 'object', 'status', 'interval'].includes(key) ? v : `${v} ${Object.values(PLANTED).join(' ')}`;
			if (Array.isArray(v)) return v.map((x) => plantText(x, key));
			if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plantText(x, k)]));
			return v;
		};
		const card = buildCard(plantText(data) as typeof data, { now: NOW });
		valid(card);
		assertNoPlanted(card);
		expect(actionIds(card)).toContain('stripe_slack.mark_contacted');
		expect(strings(card).join('\n')).toContain('`cus_QXg1o8vcGmoR32`');
	});

	it('several matches become a short list to choose from, with masked emails', () => {
		const { customer } = fixtureBillingData();
		const list = buildChoices([customer, { ...customer, id: 'cus_otherCustomer01', name: 'Jenny R.' }], false);
		expect(parseAndValidateBlocks(list.blocks).ok).toBe(true);
		assertNoPlanted(list);
		expect(list.text).toBe('2 customers match. Choose one:');
		expect(list.blocks.slice(1).map((b: any) => [b.accessory.action_id, b.accessory.value])).toEqual([
			['stripe_slack.lookup_pick', 'cus_QXg1o8vcGmoR32'],
			['stripe_slack.lookup_pick', 'cus_otherCustomer01'],
		]);
		assertNoPlanted(buildChoices(plantEverywhere([customer]), true));
	});

	it('answers are escaped: a message cannot mention or link', () => {
		const a = buildAnswer('No customer <!channel> <https://evil.example|x>');
		expect(strings(a).join('')).not.toMatch(/<[!h]/);
	});
});
