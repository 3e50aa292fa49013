/**
 * Event filters: pure matching, and through the node (a filtered-out event gets 200 and no execution).
 */
import type { IDataObject } from 'n8n-workflow';

import {
	enabledEventsForRegistration,
	filterEvent,
	matchesEventType,
	splitList,
} from '../../../nodes/shared/stripe/eventFilter';
import { callWebhook, fixtureText, sign } from './harness';

describe('matchesEventType', () => {
	it.each([
		['invoice.paid', ['invoice.paid'], true],
		['invoice.paid', ['invoice.*'], true],
		['invoice.payment_failed', ['invoice.*'], true],
		['invoiceitem.created', ['invoice.*'], false],
		['charge.dispute.created', ['charge.*'], true],
		['charge.dispute.created', ['charge.dispute.*'], true],
		['charge.succeeded', ['charge.dispute.*'], false],
		['customer.subscription.created', ['customer.*'], true],
		['anything.at_all', ['*'], true],
		['invoice.paid', [], true],
		['invoice.paid', [' '], true],
		['invoice.paid', ['charge.*', 'payment_intent.succeeded'], false],
		['payment_intent.succeeded', ['charge.*', 'payment_intent.succeeded'], true],
		['invoice.paid', ['*.paid'], true],
		['invoice.paid', ['invoice.pai'], false],
		['invoiceXpaid', ['invoice.paid'], false],
	])('%s vs %j -> %s', (type, patterns, expected) => {
		expect(matchesEventType(type, patterns)).toBe(expected);
	});
});

describe('filterEvent', () => {
	const live = { type: 'invoice.paid', livemode: true };
	const test = { type: 'invoice.paid', livemode: false };
	it('live / test / both', () => {
		expect(filterEvent(live, { mode: 'live' }).pass).toBe(true);
		expect(filterEvent(test, { mode: 'live' }).pass).toBe(false);
		expect(filterEvent(test, { mode: 'test' }).pass).toBe(true);
		expect(filterEvent(live, { mode: 'test' }).pass).toBe(false);
		expect(filterEvent(live, { mode: 'any' }).pass).toBe(true);
		expect(filterEvent(test, {}).pass).toBe(true);
	});
	it('connected accounts', () => {
		expect(filterEvent({ ...live, account: 'acct_1' }, { accounts: ['acct_1', 'acct_2'] }).pass).toBe(true);
		const other = filterEvent({ ...live, account: 'acct_3' }, { accounts: ['acct_1'] });
		expect(other).toEqual({ pass: false, reason: expect.stringMatching(/acct_3/) });
		expect(filterEvent(live, { accounts: ['acct_1'] }).pass).toBe(false);
		expect(filterEvent({ ...live, account: 'acct_3' }, { accounts: [] }).pass).toBe(true);
	});
	it('splitList and registration events', () => {
		expect(splitList(' a.b, c.*\n d ')).toEqual(['a.b', 'c.*', 'd']);
		expect(splitList(undefined)).toEqual([]);
		expect(enabledEventsForRegistration(['invoice.paid', 'charge.refunded', 'invoice.paid'])).toEqual([
			'charge.refunded',
			'invoice.paid',
		]);
		expect(enabledEventsForRegistration(['invoice.*', 'charge.refunded'])).toEqual(['*']);
		expect(enabledEventsForRegistration([])).toEqual(['*']);
	});
});

describe('filters in the node', () => {
	const text = fixtureText('charge.refunded'); // livemode false, no account
	const event = JSON.parse(text);

	async function send(params: IDataObject, options: IDataObject = {}, body = text) {
		return await callWebhook({ body, header: sign(body), params, options });
	}

	function expectIgnored(r: Awaited<ReturnType<typeof send>>, why: RegExp) {
		expect(r.result.workflowData).toBeUndefined();
		expect(r.result.noWebhookResponse).toBe(true);
		expect(r.res.statusCode).toBe(200);
		expect(r.res.body).toEqual({ received: true, ignored: expect.stringMatching(why) });
	}

	it('selected types, groups and "More Event Types" pass; others get 200 and no execution', async () => {
		expect((await send({ events: ['charge.refunded'] })).event).toEqual(event);
		expect((await send({ events: ['charge.*'] })).event).toEqual(event);
		expect((await send({ events: ['*'] })).event).toEqual(event);
		expect((await send({ events: [] })).event).toEqual(event);
		expect((await send({ events: ['invoice.paid'] }, { moreEventTypes: 'refund.*, charge.refun*' })).event).toEqual(event);
		expectIgnored(await send({ events: ['invoice.*', 'charge.succeeded'] }), /charge.refunded.*not one of the selected/);
	});

	it('live / test mode', async () => {
		expectIgnored(await send({ liveMode: 'live' }), /only live events/);
		expect((await send({ liveMode: 'test' })).event).toEqual(event);
		const liveText = JSON.stringify({ ...event, livemode: true }, null, 2);
		expect((await send({ liveMode: 'live' }, {}, liveText)).event).toEqual(JSON.parse(liveText));
		expectIgnored(await send({ liveMode: 'test' }, {}, liveText), /only test events/);
	});

	it('connected account', async () => {
		expectIgnored(await send({}, { connectedAccounts: 'acct_1ABC' }), /platform account/);
		const connect = JSON.stringify({ ...event, account: 'acct_1ABC' });
		expect((await send({}, { connectedAccounts: 'acct_1ABC' }, connect)).event).toEqual(JSON.parse(connect));
		expectIgnored(await send({}, { connectedAccounts: 'acct_OTHER' }, connect), /acct_1ABC/);
	});

	it('a filtered-out event does not use up its id: the same event passes after the filter is widened', async () => {
		const workflowId = 'wf-filter-then-widen';
		const ignored = await callWebhook({ body: text, header: sign(text), workflowId, params: { events: ['invoice.paid'] } });
		expect(ignored.result.workflowData).toBeUndefined();
		const passed = await callWebhook({ body: text, header: sign(text), workflowId, params: { events: ['charge.refunded'] } });
		expect(passed.event).toEqual(event);
	});
});
