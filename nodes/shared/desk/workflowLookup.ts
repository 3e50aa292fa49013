import { accessLogEntry, lookupSubject, type AccessLogEntry, type AccessResult } from './accessLog';
import { DESK_ACTIONS } from './actions';
import { buildCard, buildChoices, type DeskMessage } from './card';
import { lookup } from './lookup';
import { parseQuery } from './query';
import { postLog, type DeskConfig, type DeskTarget } from './operations';

/**
 * The support desk's lookup without Slack in front of it: what the Look Up Customer operation does, in a
 * workflow or as an AI agent's tool. The query is one email or Stripe id; the answer is the billing card
 * in plain words (the same redaction as the card in Slack: email masked, no address, no phone, card as
 * brand and last 4), and the lookup is recorded in the access log like one from Slack.
 */

export interface LookupAnswer {
	/** found: one customer; choose: several customers have this email; none: no match or not a query; error: Stripe refused */
	status: 'found' | 'choose' | 'none' | 'error';
	customerId: string | null;
	/** The card (or the list of matches, or why there is none) as plain text, one fact per line. */
	text: string;
	/** Several matches: look one up again by its id. */
	candidates?: string[];
}

export interface WorkflowLookupOutcome {
	log: AccessLogEntry;
	answer: LookupAnswer;
	delivery: Record<string, unknown>;
}

/** mrkdwn of our own cards to plain text: <url|label> to "label (url)", emphasis and code marks dropped. */
export function plainText(mrkdwn: string): string {
	return mrkdwn
		.replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
		.replace(/<@([UW][A-Z0-9_]+)>/g, '@$1')
		.replace(/\*([^*\n]+)\*/g, '$1')
		.replace(/`/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

/** The words of a desk message (its sections, their fields and the context lines), without its buttons. */
export function messageText(message: DeskMessage): string {
	const lines: string[] = [];
	for (const block of message.blocks) {
		const text = (block.text as { text?: string } | undefined)?.text;
		if (block.type === 'header' && text) lines.push(text);
		if (block.type === 'section') {
			if (text) lines.push(text);
			for (const f of (block.fields as Array<{ text?: string }> | undefined) ?? []) if (f.text) lines.push(f.text.replace('\n', ': '));
		}
		if (block.type === 'context') for (const e of (block.elements as Array<{ text?: string }> | undefined) ?? []) if (e.text) lines.push(e.text);
	}
	return plainText(lines.join('\n')).trim();
}

const ID_IN_CHOICE = /^desk_choice:(cus_[A-Za-z0-9]+)$/;

export async function lookupForWorkflow(
	target: Pick<DeskTarget, 'stripe'> & Partial<DeskTarget>,
	config: DeskConfig,
	input: { query: unknown; by: { id: string; name: string } },
): Promise<WorkflowLookupOutcome> {
	const q = parseQuery(String(input.query ?? ''));
	const at = (config.now ?? (() => new Date()))();
	let answer: LookupAnswer;
	if (q.kind !== 'email' && q.kind !== 'id') {
		const why = q.kind === 'invalid' ? q.reason : 'Give one email address or one Stripe id (cus_, in_, ch_, pi_, sub_ or du_) to look up.';
		answer = { status: 'none', customerId: null, text: why };
	} else {
		const result = await lookup(target.stripe, q, { now: at.getTime() });
		if (result.status === 'found') {
			const card = buildCard(result.data, { redaction: config.redaction, timeZone: config.timeZone, now: at.getTime() });
			// the card's footer speaks to a Slack user ("Only visible to you"): not part of the answer
			const text = messageText({ text: card.text, blocks: card.blocks.filter((b) => b.block_id !== 'desk_footer') });
			answer = { status: 'found', customerId: result.data.customer.id, text };
		} else if (result.status === 'choose') {
			const list = buildChoices(result.candidates, result.more, { redaction: config.redaction, timeZone: config.timeZone });
			const candidates = list.blocks.map((b) => ID_IN_CHOICE.exec(String(b.block_id ?? ''))?.[1]).filter((id): id is string => !!id);
			answer = { status: 'choose', customerId: null, text: `${messageText(list)}\nLook one up again by its cus_ id.`, candidates };
		} else {
			answer = { status: result.status, customerId: null, text: result.message };
		}
	}
	const result: AccessResult = answer.status === 'found' ? 'card' : answer.status === 'choose' ? 'choices' : answer.status === 'none' ? 'no_match' : 'error';
	const log = accessLogEntry({
		kind: 'lookup',
		user: input.by,
		action: DESK_ACTIONS.lookup,
		subject: q.kind === 'email' || q.kind === 'id' ? lookupSubject(q) : '(nothing)',
		customerId: answer.customerId,
		result,
		detail: answer.status === 'error' ? answer.text : answer.status === 'choose' ? `${answer.candidates?.length ?? 0} matches` : null,
		channel: null,
		team: null,
		source: 'workflow',
		at,
	});
	const logError = target.slack ? await postLog(target as DeskTarget, config, log) : null;
	return { log, answer, delivery: { via: 'output', ...(logError ? { accessLogError: logError } : {}) } };
}
