import { noteOutcome, OUTCOME_KEYS } from '../shared/n8n/outcome';
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { nodeError } from '../shared/n8n/errors';
import type { Stripe } from '../shared/sdkTypes';

import { itemParameters } from '../shared/itemParameters';
import { routeEvents, type MatchMode, type RouteOptions } from '../shared/routing/route';
import { parseRules, type RawRule } from '../shared/routing/rules';
import { createStripeClient } from '../shared/stripeClient';
import { isTriggerNotice } from '../shared/stripe/notices';
import { assertSettingsPresent } from '../shared/n8n/settings';

/** The event (or a Stripe trigger's notice) is the item itself or its `body` (n8n's Webhook node). */
function eventOf(json: IDataObject): unknown {
	const body = json.body as IDataObject | undefined;
	return body && typeof body === 'object' && (body.object === 'event' || isTriggerNotice(body)) ? body : json;
}

export class StripeProductRouter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Product Router',
		name: 'stripeProductRouter',
		documentationUrl: 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/docs/nodes.md#stripe-product-router-routing-by-product',
		icon: { light: 'file:stripeProductRouter.svg', dark: 'file:stripeProductRouter.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{($parameter["rules"]?.rule ?? []).length + " rule(s)"}}',
		description: 'Route Stripe events by product, price, lookup key or metadata; fetches the line items a payload lacks',
		// not an AI agent's tool: its answer is which output an item leaves on, and an agent reads only the first (docs/nodes.md#the-nodes-as-ai-agent-tools)
		usableAsTool: undefined, // n8n's type has no `false`: left unset on purpose, and said so for n8n's usableAsTool rule
		defaults: {
			name: 'Route by Product',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Routed', 'Unmatched'],
		hints: [
			{ message: 'Routed: events that match a rule, once per matching rule, with route.channel set to its channel. Unmatched: events no rule matches (or whose products could not be read, see route.reason), with the Default Channel.', type: 'info', location: 'outputPane', whenToDisplay: 'always' },
		],
		credentials: [
			{
				name: 'stripeSignedApi',
				required: false,
				displayOptions: { show: { fetchLineItems: [true] } },
			},
		],
		properties: [
			{
				displayName: 'Rules',
				name: 'rules',
				placeholder: 'Add Rule',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				default: {},
				description: 'Checked in order. An event goes out on "Routed" once for each rule it matches (or only for the first, see Options), with route.rule and route.channel set.',
				options: [
					{
						name: 'rule',
						displayName: 'Rule',
						description: 'Events whose products match go to this rule’s channel',
						values: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
								placeholder: 'Pro plan sales',
								description: 'Shown in the output as route.rule',
							},
							{
								displayName: 'Match On',
								name: 'field',
								type: 'options',
								options: [
									{ name: 'Product (ID or Name)', value: 'product', description: 'The product sold, by ID (prod_…) or by its name, e.g. Pro plan' },
									{ name: 'Price ID', value: 'price', description: 'The price sold (price_…)' },
									{ name: 'Price Lookup Key', value: 'lookupKey', description: 'The lookup key you gave the price in Stripe, e.g. team_monthly' },
									{ name: 'Metadata Key (or Key=Value)', value: 'metadata', description: 'Metadata on the Stripe object, its prices or its products, e.g. plan=pro' },
								],
								default: 'product',
								description: 'What the rule compares with its Values',
							},
							{
								displayName: 'Values',
								name: 'values',
								type: 'string',
								default: '',
								placeholder: 'prod_123, Pro plan',
								description: 'Comma-separated; * is a wildcard (pro_*). Metadata: a key (plan) or key=value (plan=pro), looked for on the Stripe object and on its prices and products.',
							},
							{
								displayName: 'Channel',
								name: 'channel',
								type: 'string',
								default: '',
								placeholder: '#sales-pro',
								description: 'Copied to route.channel for Slack Post; empty means the Default Channel',
							},
						],
					},
				],
			},
			{
				displayName: 'Fetch Missing Line Items',
				name: 'fetchLineItems',
				type: 'boolean',
				default: true,
				description: 'Whether to fetch, with the Stripe credential, the line items a payload lacks (Checkout Sessions never carry them; invoices embed only their first lines), every page, and product names (cached)',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				description: 'Optional: the channel for events no rule matches, and what happens when several rules match',
				options: [
					{
						displayName: 'Default Channel',
						name: 'defaultChannel',
						type: 'string',
						default: '',
						placeholder: '#payments',
						description: 'Route.channel of unmatched events, and of rules without a channel',
					},
					{
						displayName: 'When Several Rules Match',
						name: 'matchMode',
						type: 'options',
						options: [
							{ name: 'Send Once per Matching Rule', value: 'all', description: 'One message in each matching rule’s channel' },
							{ name: 'Use the First Matching Rule', value: 'first', description: 'One message, in the channel of the first rule that matches' },
						],
						default: 'all',
						description: 'What happens to an event that matches more than one rule'
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		assertSettingsPresent(this);
		const items = this.getInputData();
		const param = itemParameters(this, (i) => items[i]?.json);
		const fetch = param<boolean>('fetchLineItems', 0, true);
		let stripe: Stripe | undefined;
		if (fetch) {
			const credentials = await this.getCredentials('stripeSignedApi').catch(() => undefined);
			if (credentials?.secretKey) {
				try {
					stripe = createStripeClient({ secretKey: String(credentials.secretKey), apiBaseUrl: String(credentials.apiBaseUrl ?? '') });
				} catch (error) {
					throw nodeError(this.getNode(), error, { description: 'Check the credential: its key or bot token, and its API base URL (https://api.stripe.com, https://slack.com/api/ or the local sandbox).' });
				}
			}
		}
		const optionsFor = (i: number): RouteOptions => {
			const raw = param<{ rule?: RawRule[] }>('rules', i, {});
			const o = param<IDataObject>('options', i, {});
			try {
				return {
					rules: parseRules(raw.rule ?? []),
					mode: (o.matchMode as MatchMode) ?? 'all',
					defaultChannel: String(o.defaultChannel ?? '').trim(),
					stripe,
				};
			} catch (error) {
				throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: i });
			}
		};
		const options = items.map((_, i) => optionsFor(i));
		const results = await routeEvents(items.map((it) => eventOf(it.json)), (i) => options[i]);
		const routed: INodeExecutionData[] = [];
		const unmatched: INodeExecutionData[] = [];
		results.forEach((r, i) => {
			for (const route of r.matched) routed.push({ json: { ...items[i].json, route: route as unknown as IDataObject }, pairedItem: { item: i } });
			if (r.unmatched) unmatched.push({ json: { ...items[i].json, route: r.unmatched as unknown as IDataObject }, pairedItem: { item: i } });
		});
		noteOutcome(
			this,
			results.flatMap((r) => [
				...r.matched.map((m) => `routed to ${m.channel} (${m.rule})`),
				...(r.unmatched ? [`default channel ${r.unmatched.channel} (${r.unmatched.reason ?? 'unmatched'})`] : []),
			]),
			OUTCOME_KEYS.route,
		);
		return [routed, unmatched];
	}
}
