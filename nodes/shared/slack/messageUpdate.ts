import { ACTION_PREFIX } from '../actions';
import { CONTROL_CHARS } from '../format/controlChars';
import { redactOutgoing } from '../format/redact';
import type { KnownText } from '../format/scanners';
import { actionWords } from './actionLabels';

/**
 * Turns the original message into its "done" version: the buttons of this package are removed (so a second
 * click cannot happen) and a context line tells who did what, when, and how it went:
 *   "Refunded by <@U123> at 10:42 UTC: succeeded (re_123)"
 * Every piece of text that comes from outside is escaped for Slack mrkdwn.
 */

const CONTROL_CHARACTERS = new RegExp(`[${CONTROL_CHARS}]`, 'g');

/** Escapes &, < and > as Slack requires; control characters become spaces. */
export function escapeMrkdwn(text: unknown): string {
	return String(text ?? '')
		.replace(CONTROL_CHARACTERS, ' ')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;');
}

/**
 * Text from outside shown inside a sentence (names, ids, Stripe messages): escaped so it cannot mention,
 * link or break out; formatting characters stay as they are so that ids like re_123 can be copied.
 */
export function escapeInline(text: unknown): string {
	return escapeMrkdwn(text);
}

/**
 * Text that may carry customer data (Stripe error messages, result summaries, notes written by the
 * workflow): normalised and run through the formatter's scanners at the default level, then escaped, so
 * audit notes, ephemeral replies and status lines follow the same policy as the alerts.
 */
export function scrubbedInline(text: unknown, known?: KnownText): string {
	return escapeInline(redactOutgoing(String(text ?? ''), { known }));
}

/** <@U123> for a real-looking user id, otherwise the escaped text. */
export function mentionUser(userId: string | undefined | null, fallbackName?: string): string {
	// Slack user ids are U…/W… in upper case; the sandbox's are like U_ALICE.
	if (userId && /^[UW][A-Z0-9_]{1,40}$/.test(userId)) return `<@${userId}>`;
	return escapeInline(fallbackName || userId || 'someone');
}

export function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	return `${text.slice(0, Math.max(0, max - 1))}…`;
}

export function formatUtcTime(date: Date): string {
	const hh = String(date.getUTCHours()).padStart(2, '0');
	const mm = String(date.getUTCMinutes()).padStart(2, '0');
	return `${hh}:${mm} UTC`;
}

export interface StatusLineInput {
	actionId: string;
	userId: string;
	userName?: string;
	at: Date;
	ok: boolean;
	/** "re_123", "in_123 paid" — shown in parentheses after the status. */
	detail?: string | null;
	/** The error message when !ok. */
	errorMessage?: string | null;
	replayed?: boolean;
	/** Names and streets of the Stripe object concerned, masked in the texts (stripe/outcomePrivacy.ts `outcomeKnown`). */
	known?: KnownText;
}

export function statusLine(input: StatusLineInput): string {
	const words = actionWords(input.actionId);
	const who = mentionUser(input.userId, input.userName);
	const when = formatUtcTime(input.at);
	if (input.ok) {
		const detail = input.detail ? ` (${scrubbedInline(input.detail, input.known)})` : '';
		const replay = input.replayed ? ' — repeated click, nothing done twice' : '';
		return truncate(`${words.done} by ${who} at ${when}: succeeded${detail}${replay}`, 2900);
	}
	const why = scrubbedInline(input.errorMessage || 'unknown error', input.known);
	return truncate(`${words.noun} by ${who} at ${when} failed: ${why}`, 2900);
}

type Block = Record<string, unknown>;

function isOurInteractiveElement(element: unknown): boolean {
	if (!element || typeof element !== 'object') return false;
	const e = element as Block;
	const actionId = typeof e.action_id === 'string' ? e.action_id : '';
	// Link buttons (with a url) stay: they only open a page.
	if (typeof e.url === 'string' && e.url) return false;
	return actionId.startsWith(ACTION_PREFIX);
}

/** Removes this package's buttons: from actions blocks (dropping blocks left empty) and from section accessories. */
export function removeActionButtons(blocks: unknown[], options: { allInteractive?: boolean } = {}): Block[] {
	const out: Block[] = [];
	for (const raw of blocks) {
		if (!raw || typeof raw !== 'object') continue;
		const block = { ...(raw as Block) };
		const drop = (el: unknown) =>
			options.allInteractive
				? !!el && typeof el === 'object' && typeof (el as Block).action_id === 'string' && !(el as Block).url
				: isOurInteractiveElement(el);
		if (block.type === 'actions' && Array.isArray(block.elements)) {
			const elements = block.elements.filter((el) => !drop(el));
			if (elements.length === 0) continue;
			block.elements = elements;
		} else if (block.accessory && drop(block.accessory)) {
			delete block.accessory;
		}
		out.push(block);
	}
	return out;
}

export interface CompletedMessageInput extends StatusLineInput {
	originalText: string;
	originalBlocks: unknown[];
	/** Keep the buttons (e.g. after a failure, so that someone can try again). Default: remove on success only. */
	keepButtons?: boolean;
}

export interface SlackMessageBody {
	text: string;
	blocks: Block[];
}

/** The message to put in place of the original one. */
export function completedMessage(input: CompletedMessageInput): SlackMessageBody {
	const line = statusLine(input);
	const keep = input.keepButtons ?? !input.ok;
	let blocks = keep ? (input.originalBlocks as Block[]).filter((b) => !!b && typeof b === 'object') : removeActionButtons(input.originalBlocks);
	// Drop an earlier status line of ours, so repeated updates do not pile up.
	blocks = blocks.filter((b) => b.block_id !== 'stripe_slack_status');
	blocks.push({
		type: 'context',
		block_id: 'stripe_slack_status',
		elements: [{ type: 'mrkdwn', text: line }],
	});
	// Slack allows 50 blocks per message.
	if (blocks.length > 50) blocks = [...blocks.slice(0, 49), blocks[blocks.length - 1]];
	const plain = line.replace(/<@([A-Z0-9_]+)>/g, '@$1');
	const text = truncate(input.originalText ? `${input.originalText}\n${plain}` : plain, 3900);
	return { text, blocks };
}
