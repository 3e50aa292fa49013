/**
 * Slack mrkdwn safety. Slack asks for exactly three characters to be escaped in text it parses:
 * & → &amp;  < → &lt;  > → &gt;  (https://api.slack.com/reference/surfaces/formatting#escaping).
 * With those escaped no value can open `<!channel>`, `<@U…>`, `<#C…>` or `<url|label>`.
 * Free text from customers is also neutralised (`neutralize`) so it cannot bold/italicise/strike or
 * code-format our message, cannot start a quote on a new line, cannot ping with a bare `@channel`,
 * and bare URLs/domains are not auto-linked.
 */
import { CONTROL_CHARS } from './controlChars';

/** Control characters and the invisible direction marks and overrides (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069). */
const INVISIBLE = new RegExp(`[${CONTROL_CHARS}\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]`, 'g');

export function escapeMrkdwn(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const FORMAT_CHARS: Record<string, string> = {
	'*': '\u2217', // ∗ asterisk operator
	_: '\uFF3F', // ＿ fullwidth low line
	'~': '\u223C', // ∼ tilde operator
	'`': '\u02CB', // ˋ modifier letter grave
};

/**
 * Make customer-controlled text inert in mrkdwn (before escaping): single line, formatting
 * characters replaced by look-alikes, `@channel|here|everyone` broken, URL schemes and domains
 * broken so Slack does not linkify them, control characters removed.
 */
export function neutralize(s: string): string {
	return (
		s
			.replace(INVISIBLE, '')
			.replace(/\s+/g, ' ')
			.replace(/[*_~`]/g, (c) => FORMAT_CHARS[c])
			.replace(/@(channel|here|everyone)\b/gi, '@\u200B$1')
			.replace(/:\/\//g, ':\u200B//')
			.replace(/([A-Za-z0-9-])\.(?=[A-Za-z]{2,})/g, '$1\u2024')
			.trim()
	);
}

/** Free text → safe mrkdwn: neutralize then escape. */
export function safeText(s: string): string {
	return escapeMrkdwn(neutralize(s));
}

/** An identifier (already validated) as inline code: backticks can't occur in validated ids. */
export function code(s: string): string {
	return '`' + escapeMrkdwn(s.replace(/`/g, '')) + '`';
}

/** A link we build ourselves (url is ours, label is already-safe mrkdwn without `|` or `>`). */
export function link(url: string, label: string): string {
	const safeUrl = url.replace(/[<>|\s]/g, encodeURIComponent);
	return `<${safeUrl}|${label.replace(/[|>]/g, '')}>`;
}

/** Human label for an enum value from Stripe ("requested_by_customer" → "Requested by customer"). */
export function humanize(s: string): string {
	const t = s.replace(/[_.]+/g, ' ').trim();
	return t ? t[0].toUpperCase() + t.slice(1) : t;
}

const ENTITY_TAIL = /&[a-z]{0,4}$/;

/**
 * Cut mrkdwn to at most `max` UTF-16 units with an ellipsis, never inside an escape entity
 * (`&amp;`…), a surrogate pair, or one of our own `<…|…>` links.
 */
export function truncateMrkdwn(s: string, max: number): string {
	if (s.length <= max) return s;
	if (max <= 1) return '…'.slice(0, max);
	let cut = s.slice(0, max - 1);
	const ent = ENTITY_TAIL.exec(cut);
	if (ent) cut = cut.slice(0, ent.index);
	const lastOpen = cut.lastIndexOf('<');
	if (lastOpen > cut.lastIndexOf('>')) cut = cut.slice(0, lastOpen);
	const last = cut.charCodeAt(cut.length - 1);
	if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
	// An unbalanced code span or bold marker would swallow the ellipsis; close it simply by cutting it off.
	if ((cut.match(/`/g) ?? []).length % 2 === 1) cut = cut.slice(0, cut.lastIndexOf('`'));
	return cut + '…';
}

/** Cut plain text (header, button label) to at most `max` UTF-16 units with an ellipsis. */
export function truncatePlain(s: string, max: number): string {
	if (s.length <= max) return s;
	let cut = s.slice(0, Math.max(0, max - 1));
	const last = cut.charCodeAt(cut.length - 1);
	if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
	return cut + '…';
}
