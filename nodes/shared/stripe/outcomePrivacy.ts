import { knownPersonalText } from '../format/known';
import { redactOutgoing } from '../format/redact';
import type { KnownText } from '../format/scanners';
import type { SlackInteraction } from '../slack/interaction';
import type { ActionOutcome } from '../slack/outcome';

/**
 * #15, privacy by default: what the Stripe Action node hands to the next node (and so to n8n's execution
 * data). By default a redacted outcome:
 *  - `result` without links that open a customer's documents (hosted_invoice_url, invoice_pdf, receipt_url,
 *    or any other URL);
 *  - `error.message` (and the failure `summary`, which repeats it) through the free-text scanner at the
 *    'standard' level; the error's type, code, status and decline code, and the request id, stay;
 *  - `interaction`: the modal inputs (`inputs`, `view.values`) and any field that is not the click's own
 *    (added by other nodes) through the same scanner, keys kept. The click's ids, the user who acted (id
 *    and name: the audit trail needs "who"), the response_url and the original message (already redacted
 *    by the formatter) stay: Slack Action Response needs them to update the message.
 * With `includeRaw`, `raw` (the Stripe object, the unscanned error, the click as it came) is added.
 */

/** Fields of a click that are ids, flags, our own metadata or the formatter's message: kept as they are. */
const CLICK_FIELDS_KEPT = new Set<string>([
	'type',
	'actionId',
	'value',
	'blockId',
	'actionTs',
	'isLinkButton',
	'user',
	'team',
	'enterpriseId',
	'apiAppId',
	'channel',
	'channelName',
	'messageTs',
	'threadTs',
	'isEphemeral',
	'responseUrl',
	'triggerId',
	'message',
	'deliveryKey',
	// Added by Slack Action Trigger.
	'authorization',
	'slackRetryNum',
	'receivedAt',
]);

/** Stripe fields that open a customer's documents; any other value that is a URL goes as well. */
const DOCUMENT_LINK_KEYS = new Set(['hosted_invoice_url', 'invoice_pdf', 'receipt_url']);

const isUrl = (value: unknown): boolean => typeof value === 'string' && /^\s*https?:\/\//i.test(value);

/**
 * Every string inside `value` through the free-text scanner; keys, numbers and booleans stay. `known`: the
 * names and streets of the Stripe object the action returned, masked too (format/known.ts).
 */
export function scanStrings(value: unknown, known?: KnownText): unknown {
	if (typeof value === 'string') return redactOutgoing(value, { known });
	if (Array.isArray(value)) return value.map((v) => scanStrings(v, known));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, scanStrings(v, known)]));
	}
	return value;
}

/** The result's facts without document links (at any depth). */
export function withoutDocumentLinks(value: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(value)) {
		if (DOCUMENT_LINK_KEYS.has(key) || isUrl(v)) continue;
		out[key] = v && typeof v === 'object' && !Array.isArray(v) ? withoutDocumentLinks(v as Record<string, unknown>) : v;
	}
	return out;
}

/** The click with its modal inputs and any foreign field scanned; see CLICK_FIELDS_KEPT for what stays. */
export function redactInteraction(interaction: SlackInteraction, known?: KnownText): SlackInteraction {
	const out: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(interaction)) {
		if (CLICK_FIELDS_KEPT.has(key)) out[key] = v;
		else if (key === 'view' && v && typeof v === 'object') {
			const view = v as NonNullable<SlackInteraction['view']>;
			out.view = { ...view, values: scanStrings(view.values, known) };
		} else out[key] = scanStrings(v, known);
	}
	return out as unknown as SlackInteraction;
}

/**
 * The names and streets an outcome knows of: the returned object's (a dispute's evidence.customer_name, an
 * invoice's customer_address) and those in Stripe's error body (a declined card's `payment_method` with its
 * billing name, the `payment_intent`), masked wherever the agent or Stripe typed them again.
 */
export function outcomeKnown(outcome: Pick<ActionOutcome, 'raw'> | null | undefined): KnownText | undefined {
	const raw = outcome?.raw;
	if (!raw) return undefined;
	const object = raw.object as { object?: unknown } | null | undefined;
	return knownPersonalText(
		{ obj: object, objectType: object && typeof object.object === 'string' ? object.object : undefined },
		{ obj: raw.error ?? undefined },
	);
}

/** The outcome the node outputs: redacted, plus `raw` only when asked for. */
export function outcomeForOutput(outcome: ActionOutcome, options: { includeRaw?: boolean } = {}): ActionOutcome {
	const { raw } = outcome;
	const known = outcomeKnown(outcome);
	const scan = (s: string) => redactOutgoing(s, { known });
	const out: ActionOutcome = {
		...outcome,
		// A success summary is ours (ids and status), scanned all the same; a failure's repeats the error message.
		summary: scan(outcome.summary),
		result: outcome.result ? withoutDocumentLinks(outcome.result) : (outcome.result ?? null),
		error: outcome.error ? { ...outcome.error, message: scan(outcome.error.message) } : (outcome.error ?? null),
		interaction: outcome.interaction ? redactInteraction(outcome.interaction, known) : (outcome.interaction ?? null),
	};
	delete out.raw;
	if (options.includeRaw) {
		out.raw = raw ?? { object: null, error: outcome.error ?? null, interaction: outcome.interaction ?? null };
	}
	return out;
}
