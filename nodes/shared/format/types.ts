/**
 * Types shared by the pure formatter core (no n8n imports): Slack Block Kit subset, the output
 * message shape, and the formatter options.
 */

export interface PlainText {
	type: 'plain_text';
	text: string;
	emoji?: boolean;
}

export interface MrkdwnText {
	type: 'mrkdwn';
	text: string;
}

export type TextObject = PlainText | MrkdwnText;

export interface ConfirmDialog {
	title: PlainText;
	text: PlainText;
	confirm: PlainText;
	deny: PlainText;
	style?: 'primary' | 'danger';
}

export interface ButtonElement {
	type: 'button';
	text: PlainText;
	action_id: string;
	value?: string;
	url?: string;
	style?: 'primary' | 'danger';
	confirm?: ConfirmDialog;
	accessibility_label?: string;
}

export interface HeaderBlock {
	type: 'header';
	block_id?: string;
	text: PlainText;
}

export interface SectionBlock {
	type: 'section';
	block_id?: string;
	text?: TextObject;
	fields?: TextObject[];
}

export interface ContextBlock {
	type: 'context';
	block_id?: string;
	elements: TextObject[];
}

export interface ActionsBlock {
	type: 'actions';
	block_id?: string;
	elements: ButtonElement[];
}

export interface DividerBlock {
	type: 'divider';
	block_id?: string;
}

export type Block = HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | DividerBlock;

export type Severity = 'info' | 'success' | 'warning' | 'critical';

export type Category =
	| 'payment'
	| 'invoice'
	| 'subscription'
	| 'dispute'
	| 'refund'
	| 'checkout'
	| 'customer'
	| 'payout'
	| 'other';

export interface MessageMetadata {
	event_id: string | null;
	object_id: string | null;
	object_type: string | null;
	livemode: boolean;
	category: Category | 'summary';
	severity: Severity;
	/** Event type (validated), for routing downstream. */
	event_type?: string | null;
	/** Headline amount in minor units and its currency, when the event has one. */
	amount?: number | null;
	currency?: string | null;
	/** The subscription an event is about (subscription events, and invoices of a subscription): a thread key. */
	subscription_id?: string | null;
	/** The event's `created` (Unix seconds): orders updates to one object. */
	created?: number | null;
	/** Summary messages only. */
	event_count?: number;
}

/** One output item: accepted as-is by n8n's Slack node (text + blocks) and by this package's Slack node. */
export interface SlackMessage {
	text: string;
	blocks: Block[];
	channel?: string;
	metadata: MessageMetadata;
}

export type RedactionLevel = 'minimal' | 'standard' | 'strict';
export type Layout = 'compact' | 'detailed';

/** Display field groups a non-developer can switch on or off ("Fields to Show"). */
export const FIELD_GROUPS = [
	'amount',
	'status',
	'customer',
	'payment_method',
	'description',
	'dates',
	'metadata',
	'ids',
] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

export interface FormatOptions {
	/** 'standard' by default. */
	redaction?: RedactionLevel;
	/** Show the last 4 digits of cards (default true; never the full number, never the fingerprint). */
	showCardLast4?: boolean;
	/** Field paths (relative to data.object, e.g. "customer_email", "metadata.order_id", "metadata.*") shown unmasked. */
	allowFields?: string[];
	/** Field paths never shown. */
	denyFields?: string[];
	/** Metadata keys whose values are shown at "standard" and "strict" (empty by default: others show as `key: [hidden]`). */
	metadataKeys?: string[];
	/** BCP 47 locale for money and dates, default 'en-US'. */
	locale?: string;
	/** IANA time zone for dates, default 'UTC'. */
	timeZone?: string;
	layout?: Layout;
	titlePrefix?: string;
	/** Show a "TEST MODE" badge on test-mode events (default true). */
	testModeBadge?: boolean;
	/** Which field groups to show; default all. */
	fields?: FieldGroup[];
	/** Copied to the output `channel`. */
	channel?: string;
	/** Connect account to use in dashboard links when the event has no `account`. */
	dashboardAccount?: string;
	/** Current time in ms since epoch, for "time left" (inject for tests). Default Date.now(). */
	now?: number;
}

export interface ResolvedOptions {
	redaction: RedactionLevel;
	showCardLast4: boolean;
	allowFields: string[];
	denyFields: string[];
	metadataKeys: string[];
	locale: string;
	timeZone: string;
	layout: Layout;
	titlePrefix: string;
	testModeBadge: boolean;
	fields: ReadonlySet<FieldGroup>;
	channel?: string;
	dashboardAccount?: string;
	now: number;
}

export function resolveOptions(o: FormatOptions = {}): ResolvedOptions {
	return {
		redaction: o.redaction ?? 'standard',
		showCardLast4: o.showCardLast4 ?? true,
		allowFields: (o.allowFields ?? []).map((s) => s.trim()).filter(Boolean),
		denyFields: (o.denyFields ?? []).map((s) => s.trim()).filter(Boolean),
		metadataKeys: (o.metadataKeys ?? []).map((s) => s.trim()).filter(Boolean),
		locale: o.locale?.trim() || 'en-US',
		timeZone: o.timeZone?.trim() || 'UTC',
		layout: o.layout ?? 'detailed',
		titlePrefix: o.titlePrefix ?? '',
		testModeBadge: o.testModeBadge ?? true,
		fields: new Set(o.fields && o.fields.length ? o.fields : FIELD_GROUPS),
		channel: o.channel?.trim() || undefined,
		dashboardAccount: o.dashboardAccount?.trim() || undefined,
		now: o.now ?? Date.now(),
	};
}
