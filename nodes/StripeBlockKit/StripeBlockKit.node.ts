import { noteEvents, noteOutcome } from '../shared/n8n/outcome';
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

import { withTeamActions } from '../shared/desk/buttons';
import { isBelowMinimum, minorToDecimalString, parseMinimumAmounts } from '../shared/format/money';
import { FIELD_GROUPS, type FieldGroup, type FormatOptions, type Layout, type RedactionLevel } from '../shared/format/types';
import { itemParameters } from '../shared/itemParameters';
import { describeNonEvent, formatStripeEvent, isStripeEvent } from '../shared/format/event';
import { redactedError } from '../shared/format/redact';
import { formatSummary, isPrecomputedSummary } from '../shared/format/batchSummary';
import { isNoticeType, noticeAsEvent } from '../shared/format/notices';
import { forTool, fromAI, isToolCall } from '../shared/n8n/tool';
import { amountMistakeWords, assertSettingsPresent } from '../shared/n8n/settings';

/** A tool call's event: the Stripe Event parameter the model filled (JSON text or an object). */
function toolEvent(raw: unknown): IDataObject {
	if (typeof raw === 'string') {
		try {
			return JSON.parse(raw) as IDataObject;
		} catch {
			return { body: raw };
		}
	}
	return raw && typeof raw === 'object' ? (raw as IDataObject) : {};
}

/**
 * The event is the item itself, or its `body` (n8n Webhook node output), possibly as a JSON string. A Stripe
 * trigger's notice (catch-up report, endpoint-health alert) comes back as the event its template reads.
 */
export function eventFromItem(json: IDataObject): unknown {
	const ev = itemEvent(json);
	return noticeAsEvent(ev);
}

function itemEvent(json: IDataObject): unknown {
	if (isStripeEvent(json) || isPrecomputedSummary(json) || isStripeEvent(noticeAsEvent(json))) return json;
	let body: unknown = json.body;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return json;
		}
	}
	return isStripeEvent(body) || isPrecomputedSummary(body) || isStripeEvent(noticeAsEvent(body)) ? body : json;
}

function list(s: unknown): string[] {
	return typeof s === 'string' ? s.split(/[,\n]/).map((x) => x.trim()).filter(Boolean) : [];
}

export class StripeBlockKit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Block Kit',
		name: 'stripeBlockKit',
		documentationUrl: 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/docs/nodes.md#stripe-block-kit-formatter-node',
		icon: { light: 'file:stripeBlockKit.svg', dark: 'file:stripeBlockKit.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "summarize" ? "Summarize Events" : "Format Each Event"}}',
		description:
			'Turns a Stripe event (an object with "type" and "data.object", as Stripe sends it) into a safe Slack Block Kit message: title, amount in its currency, status, dashboard links and action buttons, with personal data masked and card numbers, keys and IBANs removed. Returns the message as text, blocks and metadata.',
		usableAsTool: true,
		defaults: {
			name: 'Stripe Block Kit',
		},
		inputs: [NodeConnectionTypes.Main],
		// A second output so that events under "Minimum Amounts" are visible on the canvas, not silently dropped.
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Messages', 'Below Minimum', 'Needs Attention'],
		hints: [
			{ message: 'Messages: one Slack message per event. Below Minimum: events smaller than their currency’s Minimum Amount (not posted). Needs Attention: failed payments, disputes and other warnings, again, for an alerts channel.', type: 'info', location: 'outputPane', whenToDisplay: 'always', displayCondition: '={{ $parameter["operation"] !== "summarize" }}' },
		],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Format Each Event',
						value: 'formatEach',
						description: 'One Slack message per Stripe event',
						action: 'Format each event',
					},
					{
						name: 'Summarize Events',
						value: 'summarize',
						description: 'All input events (or a precomputed summary) into one message: totals per currency and counts by category',
						action: 'Summarize events',
					},
				],
				default: 'formatEach',
				description: 'Format Each Event posts one message per Stripe event; Summarize Events posts one message for all the events that reach the node together',
			},
			forTool({
				displayName: 'Stripe Event',
				name: 'event',
				type: 'json',
				default: fromAI('event', 'The Stripe event to format: a JSON object exactly as Stripe sent it (or as the Stripe API returns it from /v1/events), with id (evt_...), type (such as invoice.payment_failed) and data.object (the charge, invoice, subscription or dispute)', 'json'),
				description: 'The Stripe event to format. By default the model passes it.',
			}),
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'string',
				default: '',
				placeholder: '#payments',
				description: 'Optional Slack channel, copied to the output "channel" field for the Slack node',
			},
			{
				displayName: 'Redaction Level',
				name: 'redactionLevel',
				type: 'options',
				options: [
					{
						name: 'Minimal',
						value: 'minimal',
						description: 'Opt-in: full customer names, partly masked emails and phones, city and country of addresses; secrets, card numbers and IBANs removed',
					},
					{
						name: 'Standard',
						value: 'standard',
						description: 'Names as initials, emails and phones masked, addresses reduced to the country, card brand and last 4 only',
					},
					{
						name: 'Strict',
						value: 'strict',
						description: 'Also hides emails, phones and addresses entirely; names as initials',
					},
				],
				default: 'standard',
				description: 'How much personal data reaches Slack. Text is normalised first, then always scanned for emails, phones, card numbers, keys and tokens, IBANs, IP addresses, SSNs and VAT numbers.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				description: 'Optional settings: which fields the message shows, its layout, language, minimum amounts and buttons',
				options: [
					{
						displayName: 'Allowed Fields',
						name: 'allowedFields',
						type: 'string',
						default: '',
						placeholder: 'customer_email, metadata.order_id',
						description: 'Comma-separated field paths (relative to the Stripe object, "*" matches one level) shown unmasked. Card numbers, keys, IBANs, fingerprints and client secrets are never shown.',
					},
					{
						displayName: 'Fields to Show',
						name: 'fieldsToShow',
						type: 'multiOptions',
						options: [
							{ name: 'Amount', value: 'amount', description: 'The amount and its currency, e.g. USD 50.00' },
							{ name: 'Customer', value: 'customer', description: 'Who paid: name (as initials by default), email and country, masked as the Redaction Level says' },
							{ name: 'Dates', value: 'dates', description: 'When it happened: created, due, period and cancellation dates' },
							{ name: 'Description', value: 'description', description: 'The description written on the payment, invoice or subscription' },
							{ name: 'IDs', value: 'ids', description: 'Stripe IDs (pi_..., in_..., cus_...) to search for in the Stripe dashboard' },
							{ name: 'Metadata', value: 'metadata', description: 'Your own metadata keys on the Stripe object (see Metadata Keys to Show)' },
							{ name: 'Payment Method', value: 'payment_method', description: 'Card brand and last 4 digits, or the kind of payment method' },
							{ name: 'Status', value: 'status', description: 'Stripe status, e.g. succeeded, past_due, needs_response, and decline reasons' },
						],
						default: [],
						description: 'Which groups of fields the message shows. None selected means all.',
					},
					{
						displayName: 'Hidden Fields',
						name: 'hiddenFields',
						type: 'string',
						default: '',
						placeholder: 'metadata.*, description',
						description: 'Comma-separated field paths never shown',
					},
					{
						displayName: 'Include Raw Event',
						name: 'includeRawEvent',
						type: 'boolean',
						default: false,
						description:
							"Whether to add the Stripe event, unredacted, as <code>event</code> on each formatted item. It holds customer names, emails, addresses, metadata and descriptions, and n8n saves it in the execution data. Off by default: the output carries only the redacted message.",
					},
					{
						displayName: 'Layout',
						name: 'layout',
						type: 'options',
						options: [
							{ name: 'Compact', value: 'compact', description: 'A few lines and the buttons' },
							{ name: 'Detailed', value: 'detailed', description: 'Header, fields, details and buttons' },
						],
						default: 'detailed',
						description: 'How long each message is: Detailed shows all fields, Compact fits in a few lines',
					},
					{
						displayName: 'Locale',
						name: 'locale',
						type: 'string',
						default: 'en-US',
						placeholder: 'de-DE',
						description: 'Language and region for amounts and dates, e.g. en-US, de-DE, ja-JP',
					},
					{
						displayName: 'Metadata Keys to Show',
						name: 'metadataKeys',
						type: 'string',
						default: '',
						placeholder: 'order_id, plan',
						description: 'Comma-separated metadata keys whose values are shown at Standard and Strict. Every other key shows as "key: [hidden]"; keys that name personal data (email, phone, address, password...) are always hidden.',
					},
					{
						displayName: 'Minimum Amounts',
						name: 'minimumAmounts',
						type: 'string',
						default: '',
						placeholder: 'USD:10.00, JPY:1000',
						description: 'Events with a smaller amount in that currency go to the "Below Minimum" output instead of "Messages". Format Each Event only.',
					},
					{
						displayName: 'Show Card Last 4',
						name: 'showCardLast4',
						type: 'boolean',
						default: true,
						description: 'Whether to show the last 4 digits of cards next to the brand',
					},
					{
						displayName: 'Summary Title',
						name: 'summaryTitle',
						type: 'string',
						default: '',
						placeholder: 'Stripe: last hour',
						description: 'Title of the summary message (Summarize Events only)',
					},
					{
						displayName: 'Team Actions',
						name: 'teamActions',
						type: 'boolean',
						default: false,
						description: 'Whether the message also gets the support desk’s team actions: Assign, Escalate, Mark contacted, Create ticket (point the Slack app’s Request URL at the support desk template)',
					},
					{
						displayName: 'Test-Mode Badge',
						name: 'testModeBadge',
						type: 'boolean',
						default: true,
						description: 'Whether to mark test-mode events with a "Test mode" badge',
					},
					{
						displayName: 'Time Zone',
						name: 'timeZone',
						type: 'string',
						default: '',
						placeholder: 'Europe/Berlin',
						description: 'IANA time zone for dates. Empty means the workflow time zone.',
					},
					{
						displayName: 'Title Prefix',
						name: 'titlePrefix',
						type: 'string',
						default: '',
						placeholder: '[ACME]',
						description: 'Text put before every message title',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		assertSettingsPresent(this);
		const input = this.getInputData();
		// As an agent's tool, the item holds the model's arguments: the event is the Stripe Event parameter.
		const items = isToolCall(this) ? input.map((item, i) => ({ ...item, json: toolEvent(this.getNodeParameter('event', i, {})) })) : input;
		const messages: INodeExecutionData[] = [];
		const below: INodeExecutionData[] = [];
		// Warning and critical messages (failed payments, disputes, …) again, for an alerts channel, so a
		// workflow needs no per-item IF node (n8n evaluates an IF's expression for every item).
		const attention: INodeExecutionData[] = [];
		if (!items.length) return [messages, below, attention];

		const operation = this.getNodeParameter('operation', 0, 'formatEach') as string;
		const param = itemParameters(this, (i) => items[i]?.json);
		const optionsFor = (i: number): FormatOptions & { minimums: Record<string, number>; summaryTitle?: string; teamActions?: boolean; includeRawEvent?: boolean } => {
			const o = param<IDataObject>('options', i, {});
			const fields = (Array.isArray(o.fieldsToShow) ? o.fieldsToShow : []).filter((f): f is FieldGroup =>
				(FIELD_GROUPS as readonly string[]).includes(f as string),
			);
			let minimums: Record<string, number>;
			try {
				minimums = parseMinimumAmounts(o.minimumAmounts as string | undefined);
			} catch (e) {
				const said = amountMistakeWords(this.getNode().parameters, String(o.minimumAmounts ?? ''), (e as Error).message);
				throw new NodeOperationError(this.getNode(), said.message, { itemIndex: i, description: said.description });
			}
			return {
				channel: param<string>('channel', i, ''),
				redaction: param<RedactionLevel>('redactionLevel', i, 'standard'),
				allowFields: list(o.allowedFields),
				denyFields: list(o.hiddenFields),
				metadataKeys: list(o.metadataKeys),
				fields,
				layout: (o.layout as Layout) ?? 'detailed',
				locale: (o.locale as string) || 'en-US',
				timeZone: (o.timeZone as string) || this.getTimezone(),
				showCardLast4: o.showCardLast4 !== false,
				testModeBadge: o.testModeBadge !== false,
				titlePrefix: (o.titlePrefix as string) ?? '',
				summaryTitle: (o.summaryTitle as string) || undefined,
				minimums,
				teamActions: o.teamActions === true,
				includeRawEvent: o.includeRawEvent === true,
			};
		};

		if (operation === 'summarize') {
			const opts = optionsFor(0);
			const events: unknown[] = [];
			for (let i = 0; i < items.length; i++) {
				const ev = eventFromItem(items[i].json);
				if (items.length === 1 && isPrecomputedSummary(ev)) {
					const msg = formatSummary(ev, { ...opts, title: opts.summaryTitle });
					return [[{ json: msg as unknown as IDataObject, pairedItem: { item: 0 } }], below, attention];
				}
				if (!isStripeEvent(ev)) {
					if (this.continueOnFail()) continue; // counted as skipped in the message
					throw new NodeOperationError(this.getNode(), `Item ${i} is not a Stripe event: ${describeNonEvent(ev)}`, {
						itemIndex: i,
						description: 'Expected a Stripe event ({ "type": "...", "data": { "object": {...} } }) as the item or under "body".',
					});
				}
				events.push(ev);
			}
			const skipped = items.length - events.length;
			const msg = formatSummary(skipped ? [...events, ...Array(skipped).fill(null)] : events, { ...opts, title: opts.summaryTitle });
			return [[{ json: msg as unknown as IDataObject, pairedItem: items.map((_, item) => ({ item })) }], below, attention];
		}

		// For the executions list: the events of this run, and those under their currency's minimum.
		const events: Array<{ id?: unknown; type?: unknown }> = [];
		const belowNotes: string[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const opts = optionsFor(i);
				const ev = eventFromItem(items[i].json);
				if (!isStripeEvent(ev)) {
					throw new NodeOperationError(this.getNode(), `Item ${i} is not a Stripe event: ${describeNonEvent(ev)}`, {
						itemIndex: i,
						description: 'Expected a Stripe event ({ "type": "...", "data": { "object": {...} } }) as the item or under "body".',
					});
				}
				const formatted = formatStripeEvent(ev, opts);
				if (opts.teamActions && !isNoticeType(ev.type)) withTeamActions(formatted, ev.data.object);
				// The raw event only when the user asked for it (issue #15): by default nothing unredacted goes on.
				const msg = opts.includeRawEvent ? { ...formatted, event: ev } : formatted;
				const { amount, currency } = msg.metadata;
				events.push(ev);
				if (isBelowMinimum(amount, currency, opts.minimums)) {
					belowNotes.push(`below minimum (${minimumText(currency, opts.minimums)})`);
					below.push({ json: { ...msg, skipped: true, reason: 'below minimum amount' } as unknown as IDataObject, pairedItem: { item: i } });
				} else {
					messages.push({ json: msg as unknown as IDataObject, pairedItem: { item: i } });
					// and the triggers' notices (catch-up, endpoint health, its recovery) for the alerts channel too
					if (msg.metadata.severity === 'warning' || msg.metadata.severity === 'critical' || isNoticeType(msg.metadata.event_type)) {
						attention.push({ json: structuredClone(msg) as unknown as IDataObject, pairedItem: { item: i } });
					}
				}
			} catch (error) {
				if (this.continueOnFail()) {
					messages.push({ json: { error: redactedError(error) }, pairedItem: { item: i } });
					continue;
				}
				throw nodeError(this.getNode(), error, {
					itemIndex: i,
					description: "Check that the item is a Stripe event (the trigger's output, or the field named in Event Field) and the node's options.",
				});
			}
		}
		noteEvents(this, events);
		noteOutcome(this, belowNotes);
		return [messages, below, attention];
	}
}

/** "USD 50.00": the minimum of the event's currency, as the Minimum Amounts setting reads. */
function minimumText(currency: unknown, minimums: Record<string, number>): string {
	const code = String(currency ?? '').toUpperCase();
	const minor = minimums[code];
	return typeof minor === 'number' ? `${code} ${minorToDecimalString(minor, code)}` : code;
}
