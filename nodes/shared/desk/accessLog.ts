import { auditTimestamp } from '../audit';
import { maskEmail, redactOutgoing } from '../format/redact';
import { escapeMrkdwn, safeText } from '../format/mrkdwn';
import { safeStripeId } from '../format/dashboard';
import { describeQuery, type LookupQuery } from './query';

/**
 * The access log of the support desk: one entry per lookup and per action (who, what, when, result),
 * posted to an audit channel and returned as the node's output so that it can also go to a database.
 * What was looked up is recorded with emails masked.
 */

export type AccessResult = 'card' | 'choices' | 'no_match' | 'error' | 'denied' | 'help' | 'ok' | 'failed' | 'repeated';

export interface AccessLogEntry {
	kind: 'lookup' | 'action';
	at: string;
	user: { id: string; name: string };
	/** The action_id (stripe_slack.lookup, stripe_slack.assign, stripe_slack.refund, …). */
	action: string;
	/** What was looked up or acted on: an id, or a masked email. */
	subject: string;
	/** The customer the card or action was about, if known. */
	customerId: string | null;
	result: AccessResult;
	detail: string | null;
	channel: string | null;
	team: string | null;
	source: 'slash_command' | 'shortcut' | 'button' | 'workflow';
}

export function maskedSubject(subject: unknown): string {
	const s = typeof subject === 'string' ? subject : '';
	const id = safeStripeId(s);
	if (id) return id;
	if (s.includes('@')) return maskEmail(s.trim(), 'standard');
	return s.replace(/[^\w.:-]/g, '').slice(0, 80) || '(none)';
}

export function lookupSubject(q: LookupQuery): string {
	return describeQuery(q, (e) => maskEmail(e, 'standard'));
}

export function accessLogEntry(input: Omit<AccessLogEntry, 'at' | 'subject' | 'detail'> & { at?: Date; subject: unknown; detail?: string | null }): AccessLogEntry {
	return {
		...input,
		at: (input.at ?? new Date()).toISOString(),
		subject: maskedSubject(input.subject),
		// details quote Stripe's and Slack's error messages: scanned like any free text (issue #15)
		detail: input.detail ? redactOutgoing(String(input.detail)).slice(0, 300) : null,
	};
}

const RESULT_WORDS: Record<AccessResult, string> = {
	card: 'card shown',
	choices: 'several matches listed',
	no_match: 'no match',
	error: 'Stripe error',
	denied: 'refused (not on the allowlist)',
	help: 'help shown',
	ok: 'done',
	failed: 'failed',
	repeated: 'repeated click, nothing done twice',
};

/** The line posted to the audit channel. */
export function accessLogMessage(e: AccessLogEntry): { text: string; blocks: Array<Record<string, unknown>> } {
	const who = /^[UW][A-Z0-9_]{1,40}$/.test(e.user.id) ? `<@${e.user.id}>` : escapeMrkdwn(e.user.name || e.user.id);
	const what = e.kind === 'lookup' ? 'looked up' : `used ${escapeMrkdwn(e.action.replace(/^stripe_slack\./, ''))} on`;
	const when = auditTimestamp(new Date(e.at));
	const detail = e.detail ? ` (${safeText(e.detail)})` : '';
	const text = `Access log: ${who} ${what} \`${escapeMrkdwn(e.subject).replace(/`/g, "'")}\` at ${when}: ${RESULT_WORDS[e.result]}${detail}.`;
	return { text, blocks: [{ type: 'context', block_id: 'desk_access_log', elements: [{ type: 'mrkdwn', text: `:memo: ${text}`.slice(0, 2990) }] }] };
}
