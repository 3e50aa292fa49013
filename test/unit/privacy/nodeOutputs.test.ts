/**
 * Issue #15: the nodes that DERIVE their output (Noise Control, Revenue Summary, Support Desk, Slack Post,
 * Slack Action Response) put none of the planted personal values (planted.ts: street address, postcodes, SSN,
 * shipping name, email, phone, card, key; in metadata values and keys, descriptions, custom fields, shipping
 * and billing details, customer name and address, typed text) into their output items at the default level.
 * Each node is driven through its execute(); Stripe and Slack are fakes (jest.mock of the client factories)
 * except for Slack Post, which posts to the in-process sandbox.
 * A name inside free text (a description, a metadata key) is masked by the formatter's known-values masking
 * (nodes/shared/format/known.ts); without it the checks of the formatter's messages fail.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeTypeDescription } from 'n8n-workflow';

import { formatStripeEvent } from '../../../nodes/shared/format';
import { parseSlashCommand } from '../../../nodes/shared/slack/command';
import type { SlackInteraction } from '../../../nodes/shared/slack/interaction';
import type { ActionOutcome } from '../../../nodes/shared/slack/outcome';
import { DESK_ACTIONS } from '../../../nodes/shared/desk/actions';
import { SlackNoiseControl } from '../../../nodes/SlackNoiseControl/SlackNoiseControl.node';
import { StripeRevenueSummary } from '../../../nodes/StripeRevenueSummary/StripeRevenueSummary.node';
import { StripeSupportDesk } from '../../../nodes/StripeSupportDesk/StripeSupportDesk.node';
import { SlackActionResponse } from '../../../nodes/SlackActionResponse/SlackActionResponse.node';
import { SlackPost } from '../../../nodes/SlackPost/SlackPost.node';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { fixtureEvents } from '../format/fixtures';
import { PLANTED, expectNoPlanted, expectPlanted, plantEvent, plantObject } from './planted';

jest.setTimeout(30_000);

// ---- fakes: Stripe and Slack clients of the nodes (the core modules are the real ones) ----

type J = Record<string, any>;
const fakes: { stripe: J; slackCalls: Array<{ method: string; args: J }> } = { stripe: {}, slackCalls: [] };

jest.mock('../../../nodes/shared/stripeClient', () => ({
	...jest.requireActual('../../../nodes/shared/stripeClient'),
	createStripeClient: () => fakes.stripe,
}));
jest.mock('../../../nodes/shared/slack/slackApi', () => {
	const actual = jest.requireActual('../../../nodes/shared/slack/slackApi');
	const call = (method: string) => async (args: J) => {
		fakes.slackCalls.push({ method, args });
		if (method === 'chat.getPermalink') return { ok: true, permalink: 'https://example.slack.com/archives/C_PAYMENTS/p1' };
		return { ok: true, channel: args.channel ?? 'C_PAYMENTS', ts: `1722000000.${String(fakes.slackCalls.length).padStart(6, '0')}` };
	};
	return {
		...actual,
		createSlackClient: () => ({
			chat: { postMessage: call('chat.postMessage'), postEphemeral: call('chat.postEphemeral'), update: call('chat.update'), getPermalink: call('chat.getPermalink') },
			conversations: { history: call('conversations.history') },
		}),
	};
});

function ctx(description: INodeTypeDescription, items: INodeExecutionData[], params: Record<string, unknown>, extra: Partial<Record<string, unknown>> = {}): IExecuteFunctions {
	const defaults: Record<string, unknown> = {};
	for (const p of description.properties) if (!(typeof p.default === 'string' && p.default.startsWith('='))) defaults[p.name] = p.default;
	return {
		getInputData: () => items,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in params ? params[name] : name in defaults ? defaults[name] : fallback),
		getCredentials: async (type: string) => (type === 'slackAppApi' ? { botToken: 'xoxb-fake', apiBaseUrl: '' } : { secretKey: 'sk_test_fake', apiBaseUrl: '' }),
		getNode: () => ({ id: '1', name: description.displayName, type: description.name, typeVersion: 1, position: [0, 0], parameters: {} }),
		getTimezone: () => 'UTC',
		continueOnFail: () => false,
		helpers: { prepareBinaryData: async (data: Buffer, fileName: string, mimeType: string) => ({ data: data.toString('base64'), fileName, mimeType }) },
		...extra,
	} as unknown as IExecuteFunctions;
}

const jsonOf = (outputs: INodeExecutionData[][]) => JSON.stringify(outputs.flat().map((o) => o.json));

// ---- planted input: every fixture event, planted; the formatter's messages of them ----

const events = fixtureEvents().map((f) => plantEvent(f.event as J));
const formatted = events.map((e) => formatStripeEvent(e as never, { channel: 'C_PAYMENTS' }) as unknown as IDataObject);

it('the planted events carry every planted value (the checks below can fail)', () => {
	expectPlanted(events);
	for (const e of events) expectPlanted(e.data.object);
});

// ---- Slack Noise Control ----

describe('Slack Noise Control', () => {
	const node = new SlackNoiseControl();
	let dir: string;
	let saved: string | undefined;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-noise-'));
		saved = process.env.N8N_USER_FOLDER;
		process.env.N8N_USER_FOLDER = dir;
	});
	afterAll(() => {
		if (saved === undefined) delete process.env.N8N_USER_FOLDER;
		else process.env.N8N_USER_FOLDER = saved;
		fs.rmSync(dir, { recursive: true, force: true });
	});

	const run = async (operation: string, items: INodeExecutionData[], params: Record<string, unknown> = {}) =>
		await node.execute.call(ctx(node.description, items, { operation, channel: 'C_PAYMENTS', options: { scope: 'privacy', store: 'file' }, ...params }));

	async function allOutputs(): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[][] = [];
		const typed = [`pause ${PLANTED.address}`, `${PLANTED.email} ${PLANTED.phone} ${PLANTED.ssn}`, `pause ${PLANTED.postcode} ${PLANTED.usPostcode}`, `${PLANTED.name} ${PLANTED.card} ${PLANTED.key}`];
		const commandItems = typed.map((t) => ({ json: { text: t } }));
		// typed commands that are no command, and pauses with a planted "duration"
		for (const t of typed) out.push(...(await run('command', [{ json: {} }], { commandText: t, user: 'U_BOB' })));
		out.push(...(await run('pause', [{ json: {} }], { duration: '2h', user: 'U_BOB' })));
		// the planted events' messages: held (pause), then released as the held-alerts summary on resume
		out.push(...(await run('gate', formatted.map((json) => ({ json })), { criticalEventTypes: 'none.*' })));
		out.push(...(await run('command', commandItems.slice(0, 1), { commandText: 'pause status', user: 'U_BOB' })));
		out.push(...(await run('resume', [{ json: {} }], { user: 'U_BOB' })));
		out.push(...(await run('release', [{ json: {} }])));
		// and passed through when nothing holds them
		out.push(...(await run('gate', formatted.map((json) => ({ json })))));
		return out;
	}

	let outputs: INodeExecutionData[][];
	beforeAll(async () => {
		outputs = await allOutputs();
	});

	it('held, released (summary), passed and command replies: none of the planted values (the name in free text masked by format/known.ts)', () => {
		const all = outputs.flat();
		expect(all.some((o) => o.json.noise && (o.json.noise as J).action === 'hold')).toBe(true);
		expect(all.some((o) => (o.json.metadata as J | undefined)?.category === 'summary')).toBe(true);
		expect(all.some((o) => o.json.response_type === 'ephemeral')).toBe(true);
		expectNoPlanted(jsonOf(outputs));
	});

	it('the held-alerts summary and the command replies carry no name either', () => {
		const derived = outputs.flat().filter((o) => !o.json.noise);
		expect(derived.length).toBeGreaterThan(0);
		expectNoPlanted(JSON.stringify(derived.map((o) => o.json)));
	});

});

// ---- Stripe Revenue Summary ----

/** A fake Stripe for summarizeRevenue: list() filters by created like the API. */
function revenueStripe(day: number): J {
	const bt = (created: number, amount: number) => ({ id: `txn_${created}`, object: 'balance_transaction', created, amount, fee: 30, net: amount - 30, currency: 'usd', reporting_category: 'charge', type: 'charge', description: plantObject({}).description });
	const charge = (created: number, over: J) => plantObject({ id: `ch_${created}`, object: 'charge', created, amount: 9000, currency: 'usd', status: 'succeeded', ...over });
	const rows: Record<string, J[]> = {
		balanceTransactions: [bt(day + 10, 9000), bt(day + 20, 5000)],
		charges: [
			charge(day + 10, { customer: { id: 'cus_Planted1', object: 'customer', name: PLANTED.name, email: PLANTED.email, phone: PLANTED.phone, address: { line1: PLANTED.address } } }),
			charge(day + 20, { customer: null, amount: 5000 }),
			charge(day + 30, { customer: 'cus_Planted2', status: 'failed', failure_message: `Declined for ${PLANTED.email}` }),
		],
		events: [{ id: 'evt_1', type: 'customer.subscription.created', created: day + 40, data: { object: plantObject({ id: 'sub_1', object: 'subscription', status: 'active', currency: 'usd', items: { data: [{ price: { unit_amount: 1000, currency: 'usd', recurring: { interval: 'month', interval_count: 1 } }, quantity: 1 }] } }) } }],
	};
	const res = (name: string) => ({
		list: (params: J) =>
			(async function* () {
				for (const r of rows[name]) if (r.created >= params.created.gte && r.created < params.created.lt) yield r;
			})(),
	});
	return { balanceTransactions: res('balanceTransactions'), charges: res('charges'), events: res('events'), rows };
}

describe('Stripe Revenue Summary', () => {
	it('the digest (message, top customers, summary data) carries none of the planted values', async () => {
		const now = new Date();
		const day = Math.floor(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) / 1000) - 86400;
		fakes.stripe = revenueStripe(day);
		expectPlanted(fakes.stripe.rows, ['address', 'postcode', 'usPostcode', 'ssn', 'email', 'phone', 'name', 'card', 'key']);
		const node = new StripeRevenueSummary();
		const out = await node.execute.call(ctx(node.description, [{ json: {} }], { period: 'yesterday', timeZone: 'UTC', output: 'both', chart: 'sparkline', topCustomers: 5, options: { lowMemory: false, channel: 'C_REVENUE' } }));
		const json = out[0][0].json as J;
		expect(json.summary.topCustomers[0].customers.length).toBe(2);
		expect(json.summary.topCustomers[0].customers[0].label).toBe('J. P. · p•••@e•••.com');
		expectNoPlanted(jsonOf(out));
	});

	it('a Stripe error in a warning is scanned', async () => {
		const now = new Date();
		const day = Math.floor(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) / 1000) - 86400;
		const stripe = revenueStripe(day);
		stripe.charges = { list: () => (async function* () { throw Object.assign(new Error(`No such customer ${PLANTED.email}, ${PLANTED.phone}, ${PLANTED.ssn}`), { statusCode: 404 }); })() };
		fakes.stripe = stripe;
		const node = new StripeRevenueSummary();
		const out = await node.execute.call(ctx(node.description, [{ json: {} }], { period: 'yesterday', timeZone: 'UTC', output: 'both', chart: 'none', options: { lowMemory: false } }));
		expect(JSON.stringify(out[0][0].json.summary)).toMatch(/Payments left out/);
		expectNoPlanted(jsonOf(out), ['email', 'phone', 'ssn']);
	});

	it('an error item (Continue On Fail) carries the error scanned', async () => {
		const stripe = revenueStripe(0);
		stripe.balanceTransactions = {
			list: () => {
				throw new Error(`No such account for ${PLANTED.email}, ${PLANTED.phone}, SSN ${PLANTED.ssn}`);
			},
		};
		fakes.stripe = stripe;
		const node = new StripeRevenueSummary();
		const out = await node.execute.call(
			ctx(node.description, [{ json: {} }], { period: 'yesterday', timeZone: 'UTC', output: 'both', chart: 'none', options: { lowMemory: false } }, { continueOnFail: () => true }),
		);
		expect(out[0][0].json.error).toMatch(/^No such account for /);
		expectNoPlanted(jsonOf(out), ['email', 'phone', 'ssn']);
	});
});

// ---- Stripe Support Desk ----

function deskStripe(): J {
	const customer = plantObject({ id: 'cus_Planted1', object: 'customer', created: 1_700_000_000, balance: 0, currency: 'usd', invoice_settings: { default_payment_method: 'pm_1' } });
	const invoice = plantObject({ id: 'in_1', object: 'invoice', number: 'INV-0001', status: 'open', amount_due: 4200, amount_paid: 0, currency: 'usd', created: 1_700_000_100, customer: customer.id });
	const sub = plantObject({ id: 'sub_1', object: 'subscription', status: 'active', customer: customer.id, items: { data: [{ price: { unit_amount: 1000, currency: 'usd', nickname: `Plan for ${PLANTED.email}`, recurring: { interval: 'month', interval_count: 1 } }, current_period_end: 1_800_000_000 }] } });
	const pm = { id: 'pm_1', object: 'payment_method', type: 'card', card: { brand: 'visa', last4: '4242' }, billing_details: plantObject({}).billing_details, metadata: plantObject({}).metadata };
	const charge = plantObject({ id: 'ch_1', object: 'charge', amount: 4200, currency: 'usd', status: 'failed', created: Math.floor(Date.now() / 1000) - 3600, customer: customer.id, disputed: false, refunded: false, failure_message: `Declined: ${PLANTED.email} ${PLANTED.phone} ${PLANTED.ssn}` });
	const list = (data: J[]) => async () => ({ object: 'list', data, has_more: false });
	return {
		customer,
		customers: {
			search: list([customer]),
			retrieve: async () => customer,
			listPaymentMethods: list([pm]),
			update: async (_id: string, p: J) => ({ ...customer, metadata: { ...customer.metadata, ...p.metadata }, lastResponse: { requestId: 'req_1', headers: {} } }),
		},
		subscriptions: { list: list([sub]), retrieve: async () => sub },
		invoices: { list: list([invoice]), retrieve: async () => invoice },
		charges: { list: list([charge]), retrieve: async () => charge },
		paymentIntents: { retrieve: async () => ({ id: 'pi_1', customer: customer.id }) },
		disputes: { list: list([]), retrieve: async () => ({ id: 'dp_1', charge: 'ch_1' }) },
	};
}

function slashCommand(text: string): J {
	const body = new URLSearchParams({ command: '/stripe', text, user_id: 'U_BOB', user_name: 'bob', team_id: 'T_1', channel_id: 'C_GENERAL', trigger_id: 't.1' }).toString();
	return { ...parseSlashCommand(body)!, authorization: { allowed: true, reason: 'group_member' } };
}

/** A click on a team button of a formatter message (the message is the planted event's, as posted). */
function teamClick(actionId: string, value: string, message: IDataObject): J {
	return {
		type: 'block_actions', actionId, value, blockId: 'desk_team:cus_Planted1', isLinkButton: false,
		user: { id: 'U_BOB', name: 'bob' }, team: { id: 'T_1' }, channel: 'C_PAYMENTS', messageTs: '1722000000.000100', threadTs: null, isEphemeral: false,
		responseUrl: null, triggerId: null, message: { ts: '1722000000.000100', text: message.text, blocks: message.blocks }, view: null, inputs: {}, deliveryKey: `k-${actionId}`,
		authorization: { allowed: true, reason: 'group_member' },
	};
}

describe('Stripe Support Desk', () => {
	const node = new StripeSupportDesk();
	const run = async (items: J[], params: Record<string, unknown> = {}) =>
		await node.execute.call(ctx(node.description, items.map((json) => ({ json })), { operation: 'answer', auditChannel: 'C_AUDIT', escalationChannel: 'C_ESCALATE', pauseScope: '', ...params }));

	beforeEach(() => {
		fakes.stripe = deskStripe();
		fakes.slackCalls = [];
	});

	it('lookup card, choices, access log (by email, by id, Stripe errors, typed junk): no planted value', async () => {
		expectPlanted(fakes.stripe.customer);
		const items = [slashCommand(PLANTED.email), slashCommand('cus_Planted1'), slashCommand(`${PLANTED.address} ${PLANTED.postcode}`), slashCommand(`${PLANTED.ssn}`), slashCommand(PLANTED.phone)];
		const failing = deskStripe();
		failing.customers.search = async () => {
			throw Object.assign(new Error(`Invalid query: email:'${PLANTED.email}' (${PLANTED.phone}, ${PLANTED.ssn})`), { type: 'StripeInvalidRequestError', statusCode: 400 });
		};
		const out = await run(items);
		fakes.stripe = failing;
		const errored = await run([slashCommand(PLANTED.email)]);
		const all = [...out, ...errored];
		const card = out[0].find((o) => (o.json.delivery as J)?.card && o.json.result === 'card');
		expect(card).toBeDefined();
		expect(errored[0][0].json.result).toBe('error');
		// the cards sent to Slack say the same as the output
		expectNoPlanted(JSON.stringify(fakes.slackCalls));
		expectNoPlanted(jsonOf(all));
	});

	it('lookup card: the customer\'s name is shown as initials', async () => {
		const out = await run([slashCommand('cus_Planted1')]);
		expectNoPlanted(jsonOf(out));
	});

	it('team actions (assign, escalate, mark contacted, create ticket) and /stripe pause with planted text', async () => {
		const message = formatted.find((m) => String((m.metadata as J).object_type) === 'customer') ?? formatted[0];
		const items = [
			teamClick(DESK_ACTIONS.assign, 'U_CAROL', message),
			teamClick(DESK_ACTIONS.escalate, 'cus_Planted1', message),
			teamClick(DESK_ACTIONS.markContacted, 'cus_Planted1', message),
			teamClick(DESK_ACTIONS.createTicket, 'cus_Planted1', message),
			slashCommand(`pause ${PLANTED.address}`),
			slashCommand(`pause ${PLANTED.email} ${PLANTED.ssn}`),
			slashCommand(`resume ${PLANTED.address} ${PLANTED.phone}`),
		];
		items[4].actionId = DESK_ACTIONS.noise;
		items[5].actionId = DESK_ACTIONS.noise;
		items[4].value = `pause ${PLANTED.address}`;
		items[5].value = `pause ${PLANTED.email} ${PLANTED.ssn}`;
		items[6].actionId = DESK_ACTIONS.noise;
		items[6].value = `resume ${PLANTED.address} ${PLANTED.phone}`;
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-desk-'));
		const saved = process.env.N8N_USER_FOLDER;
		process.env.N8N_USER_FOLDER = dir;
		let out: INodeExecutionData[][];
		try {
			out = await run(items, { pauseScope: 'privacy' });
		} finally {
			if (saved === undefined) delete process.env.N8N_USER_FOLDER;
			else process.env.N8N_USER_FOLDER = saved;
			fs.rmSync(dir, { recursive: true, force: true });
		}
		expect(out[1].length).toBe(1); // the ticket
		expect(out[0].map((o) => o.json.subject)).toEqual(['cus_Planted1', 'cus_Planted1', 'cus_Planted1', 'cus_Planted1', 'pause_invalid', 'pause_invalid', 'resume']);
		expectNoPlanted(jsonOf(out));
	});

	it('the access log of a failed Stripe action (Log Action Result) scans Stripe\'s error message', async () => {
		const message = formatted[0];
		const outcome: J = {
			ok: false, action: 'stripe_slack.refund', objectId: 'ch_1', stripeRequestId: 'req_1', idempotencyKey: null, replayed: false, summary: '',
			error: { message: `Refund refused for ${PLANTED.email} (${PLANTED.phone}), SSN ${PLANTED.ssn}`, type: 'invalid_request_error' },
			performedAt: new Date().toISOString(), interaction: teamClick('stripe_slack.refund', 'ch_1', message),
		};
		const out = await run([outcome], { operation: 'logAction' });
		expect(out[0][0].json).toMatchObject({ kind: 'action', result: 'failed' });
		expectNoPlanted(jsonOf(out), ['email', 'phone', 'ssn']);
	});

});

// ---- Slack Action Response ----

describe('Slack Action Response', () => {
	const node = new SlackActionResponse();
	const click = (message: IDataObject): SlackInteraction =>
		({ ...teamClick('stripe_slack.refund', 'ch_1', message), authorization: undefined, inputs: {} }) as unknown as SlackInteraction;
	const outcome = (message: IDataObject): ActionOutcome => ({
		ok: false, action: 'stripe_slack.refund', objectId: 'ch_1', stripeRequestId: 'req_1', idempotencyKey: 'k', replayed: false, summary: '',
		error: { message: `Refund refused for ${PLANTED.email} (${PLANTED.phone}), SSN ${PLANTED.ssn}, card ${PLANTED.card}`, type: 'invalid_request_error' },
		performedBy: { id: 'U_BOB', name: 'bob' }, performedAt: new Date().toISOString(), interaction: click(message),
	});

	it('the Slack results it adds (`slack`: status line, audit note, ephemeral) carry none of the planted values', async () => {
		fakes.slackCalls = [];
		const message = formatted[0];
		const input = outcome(message);
		expectPlanted(input.error, ['email', 'phone', 'ssn', 'card']);
		const slackParts: unknown[] = [];
		for (const operation of ['reportResult', 'updateOriginal', 'postEphemeral', 'addAuditNote', 'postMessage']) {
			const out = await node.execute.call(ctx(node.description, [{ json: input as unknown as IDataObject }], { operation, options: { ephemeralOnSuccess: true, note: `Customer ${PLANTED.email} ${PLANTED.ssn}` } }));
			slackParts.push(out[0][0].json.slack);
			// the rest of the item is the input, handed on unchanged (Stripe Action's outcome: redacted there)
			expect({ ...out[0][0].json, slack: undefined }).toEqual({ ...input, slack: undefined });
		}
		expectNoPlanted(JSON.stringify(slackParts));
		expectNoPlanted(JSON.stringify(fakes.slackCalls));
	});

});

// ---- Slack Post ----

describe('Slack Post', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, slackRateLimit: { burst: 50, perSecond: 50 }, seedTransactions: 0 });
	});
	afterAll(async () => {
		await sb?.close();
	});

	const post = async (items: INodeExecutionData[], token = 'xoxb-sandbox-token', continueOnFail = false) => {
		const node = new SlackPost();
		return await node.execute.call(
			ctx(node.description, items, { channel: 'C_PAYMENTS' }, { continueOnFail: () => continueOnFail, getCredentials: async () => ({ botToken: token, apiBaseUrl: `${sb.url}/api/` }) }),
		);
	};

	it('posted and failed items (ok, ts, metadata, error, message) carry none of the planted values (the name in free text masked by format/known.ts)', async () => {
		const items = formatted.slice(0, 6).map((json) => ({ json: { ...json } }));
		const ok = await post(items);
		expect(ok[0].every((o) => o.json.ok === true)).toBe(true);
		const failed = await post(items.slice(0, 2), 'xoxb-wrong', true);
		expect(failed[0].every((o) => o.json.ok === false)).toBe(true);
		expectNoPlanted(jsonOf([...ok, ...failed]));
		// what Slack Post adds itself (no message) has no name either
		expectNoPlanted(JSON.stringify(ok[0].map((o) => o.json)));
	});

});
