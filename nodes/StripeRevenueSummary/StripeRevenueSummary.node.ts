import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { nodeError } from '../shared/n8n/errors';

import { createStripeClient } from '../shared/stripeClient';
import type { RedactionLevel } from '../shared/format/types';
import { digestChart, digestMessage, type ChartMode } from '../shared/digest/blocks';
import { summarizeRevenue, type StripeLike, type SummarizeOptions } from '../shared/digest/summarize';
import { summarizeRevenueInWorker } from '../shared/digest/worker';
import type { PeriodKind } from '../shared/digest/period';
import { redactedError } from '../shared/format/redact';
import { assertSettingsPresent } from '../shared/n8n/settings';

type OutputMode = 'both' | 'message' | 'summary';

interface SummaryOptions {
	chartCurrency?: string;
	includePayments?: boolean;
	includeSubscriptions?: boolean;
	locale?: string;
	lowMemory?: boolean;
	title?: string;
	channel?: string;
}

export class StripeRevenueSummary implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Revenue Summary',
		name: 'stripeRevenueSummary',
		documentationUrl: 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/docs/nodes.md#revenue-digest-the-stripe-revenue-summary-node',
		icon: { light: 'file:stripeRevenueSummary.svg', dark: 'file:stripeRevenueSummary.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {yesterday: "Yesterday", last7Days: "Last 7 Days", custom: "Custom Period"}[$parameter["period"]] }}',
		description:
			'Sums a period of Stripe revenue per currency (gross, refunds, disputes, fees, net, payments, subscriptions) in constant memory and builds a Slack digest with a chart',
		// As a tool it answers "how much did we take yesterday / last week?" for the period set in the node.
		usableAsTool: true,
		defaults: {
			name: 'Stripe Revenue Summary',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'stripeSignedApi',
				required: true,
			},
		],
		properties: [
			{
				displayName: 'Period',
				name: 'period',
				type: 'options',
				options: [
					{
						name: 'Yesterday',
						value: 'yesterday',
						description: 'The whole previous day in the time zone',
					},
					{
						name: 'Last 7 Days',
						value: 'last7Days',
						description: 'The 7 whole days before today in the time zone',
					},
					{
						name: 'Custom',
						value: 'custom',
						description: 'From a start to an end date or time',
					},
				],
				default: 'yesterday',
				description: 'Which stretch of time to sum up',
			},
			{
				displayName: 'Start',
				name: 'start',
				type: 'string',
				default: '',
				required: true,
				placeholder: '2026-11-01 or 2026-11-01T09:00',
				description: 'First day (from local midnight) or first moment of the period, in the time zone',
				displayOptions: {
					show: {
						period: ['custom'],
					},
				},
			},
			{
				displayName: 'End',
				name: 'end',
				type: 'string',
				default: '',
				required: true,
				placeholder: '2026-11-30 or 2026-12-01T09:00',
				description: 'Last day (included, up to midnight) or the moment the period ends (not included), in the time zone',
				displayOptions: {
					show: {
						period: ['custom'],
					},
				},
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'Europe/Berlin',
				description: 'IANA time zone that decides where days start. Empty uses the workflow’s time zone (Settings), else the instance’s.',
			},
			{
				displayName: 'Compare With Previous Period',
				name: 'compare',
				type: 'boolean',
				default: true,
				description: 'Whether to also sum the period just before (the same number of days) and show ▲/▼ changes',
			},
			{
				displayName: 'Top Customers',
				name: 'topCustomers',
				type: 'number',
				typeOptions: {
					minValue: 0,
					maxValue: 20,
				},
				default: 5,
				description: 'How many of the biggest-spending customers to list per currency (0 for none)',
			},
			{
				displayName: 'Redaction Level',
				name: 'redaction',
				type: 'options',
				options: [
					{
						name: 'Minimal',
						value: 'minimal',
						description: 'Opt-in: full names, emails partly masked (j•••@example.com)',
					},
					{
						name: 'Standard',
						value: 'standard',
						description: 'Names as initials, emails masked (j•••@e•••.com)',
					},
					{
						name: 'Strict',
						value: 'strict',
						description: 'Initials only, emails hidden',
					},
				],
				default: 'standard',
				description: 'How customer names and emails appear in the output',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{
						name: 'Slack Message',
						value: 'message',
						description: 'Text and blocks ready for a Slack node',
					},
					{
						name: 'Slack Message and Summary Data',
						value: 'both',
						description: 'Text and blocks, plus the figures in "summary"',
					},
					{
						name: 'Summary Data',
						value: 'summary',
						description: 'Only the figures',
					},
				],
				default: 'both',
				description: 'What each output item holds',
			},
			{
				displayName: 'Chart',
				name: 'chart',
				type: 'options',
				options: [
					{
						name: 'PNG Image',
						value: 'image',
						description: 'A bar chart as binary data "chart", to upload to Slack',
					},
					{
						name: 'Text Sparkline',
						value: 'sparkline',
						description: 'A ▁▃▆█ line in the message, for when file uploads are off',
					},
					{
						name: 'None',
						value: 'none',
						description: 'No chart: figures only',
					},
				],
				default: 'image',
				description: 'How the gross per hour or day is drawn',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				description: 'Optional: channel, chart currency, what the summary includes, language and memory use',
				options: [
					{
						displayName: 'Channel',
						name: 'channel',
						type: 'string',
						default: '',
						placeholder: 'C0123456789',
						description: 'Copied to the output "channel" for the Slack node that posts the digest',
					},
					{
						displayName: 'Chart Currency',
						name: 'chartCurrency',
						type: 'string',
						default: '',
						placeholder: 'USD',
						description: 'Currency drawn in the chart. Empty picks the one with the most payments.',
					},
					{
						displayName: 'Include Payments',
						name: 'includePayments',
						type: 'boolean',
						default: true,
						description: 'Whether to list charges for succeeded and failed payment counts and top customers (needs read access to charges)',
					},
					{
						displayName: 'Include Subscriptions',
						name: 'includeSubscriptions',
						type: 'boolean',
						default: true,
						description: 'Whether to read subscription events for new and cancelled subscriptions and MRR movement (needs read access to events; Stripe keeps events 30 days)',
					},
					{
						displayName: 'Locale',
						name: 'locale',
						type: 'string',
						default: 'en-US',
						description: 'BCP 47 locale for amounts, e.g. de-DE',
					},
					{
						displayName: 'Low-Memory Mode',
						name: 'lowMemory',
						type: 'boolean',
						default: true,
						description:
							'Whether to read and sum in a worker thread with its own small memory budget (64 MB), so that n8n’s memory stays flat even for millions of transactions. Turn off only to debug.',
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: 'Revenue digest',
						description: 'Heading of the Slack message',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		assertSettingsPresent(this);
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		const credentials = await this.getCredentials('stripeSignedApi');
		const connection = {
			secretKey: String(credentials.secretKey ?? ''),
			apiBaseUrl: credentials.apiBaseUrl ? String(credentials.apiBaseUrl) : undefined,
		};
		let stripe: StripeLike | undefined;

		for (let i = 0; i < items.length; i++) {
			try {
				const period = this.getNodeParameter('period', i) as PeriodKind;
				const timeZone = (this.getNodeParameter('timeZone', i, '') as string).trim() || this.getTimezone();
				const output = this.getNodeParameter('output', i, 'both') as OutputMode;
				const chart = this.getNodeParameter('chart', i, 'image') as ChartMode;
				const options = this.getNodeParameter('options', i, {}) as SummaryOptions;
				let summary;
				try {
					const summarizeOptions: SummarizeOptions = {
						period: {
							kind: period,
							timeZone,
							start: period === 'custom' ? (this.getNodeParameter('start', i) as string) : undefined,
							end: period === 'custom' ? (this.getNodeParameter('end', i) as string) : undefined,
						},
						compare: this.getNodeParameter('compare', i, true) as boolean,
						topN: this.getNodeParameter('topCustomers', i, 5) as number,
						redaction: this.getNodeParameter('redaction', i, 'standard') as RedactionLevel,
						includePayments: options.includePayments ?? true,
						includeSubscriptions: options.includeSubscriptions ?? true,
					};
					if (options.lowMemory ?? true) {
						summary = await summarizeRevenueInWorker(connection, summarizeOptions);
					} else {
						stripe ??= createStripeClient(connection) as unknown as StripeLike;
						summary = await summarizeRevenue(stripe, summarizeOptions);
					}
				} catch (e) {
					throw new NodeOperationError(this.getNode(), (e as Error).message, { itemIndex: i });
				}

				const json: IDataObject = {};
				if (output !== 'summary') {
					const msg = digestMessage(summary, {
						chart,
						locale: options.locale,
						chartCurrency: options.chartCurrency,
						title: options.title,
						channel: options.channel,
					});
					Object.assign(json, msg);
				}
				if (output !== 'message') {
					json.summary = summary as unknown as IDataObject;
				}
				const item: INodeExecutionData = { json, pairedItem: { item: i } };
				if (chart === 'image') {
					const png = digestChart(summary, { currency: options.chartCurrency });
					if (png) {
						item.binary = { chart: await this.helpers.prepareBinaryData(png.png, 'revenue-chart.png', 'image/png') };
						json.chartTitle = png.title;
					}
				}
				out.push(item);
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: redactedError(error) }, pairedItem: { item: i } });
					continue;
				}
				throw nodeError(this.getNode(), error, {
					itemIndex: i,
					description: 'Check the period, the time zone (an IANA name such as Europe/Berlin) and the Stripe credential (a restricted key needs read access to balance transactions, charges and subscriptions).',
				});
			}
		}
		return [out];
	}
}
