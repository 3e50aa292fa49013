/**
 * Block Kit validation with Slack's documented limits (test/fixtures/slack/blockkit-limits.json,
 * which cites the documentation page of each number). A message breaking one of them is answered
 * `{"ok":false,"error":"invalid_blocks"}` with Slack-style `[ERROR] ... [json-pointer:/blocks/...]`
 * details in `response_metadata.messages`.
 *
 * Lengths are counted in Unicode code points (as python-slack-sdk's validators do).
 */
import type { Obj } from './util';

export const LIMITS = {
	messageBlocks: 50,
	blockId: 255,
	sectionText: 3000,
	sectionFields: 10,
	sectionFieldText: 2000,
	headerText: 150,
	actionsElements: 25,
	contextElements: 10,
	buttonText: 75,
	buttonActionId: 255,
	buttonValue: 2000,
	buttonUrl: 3000,
	buttonAccessibilityLabel: 75,
	confirmTitle: 100,
	confirmText: 300,
	confirmButton: 30,
	imageUrl: 3000,
	imageAltText: 2000,
	imageTitle: 2000,
} as const;

const KNOWN_BLOCKS = new Set([
	'section', 'header', 'divider', 'context', 'actions', 'image', 'rich_text', 'input', 'file', 'video', 'markdown',
]);

const len = (s: string) => Array.from(s).length;

export type BlocksResult = { ok: true; blocks: Obj[] | undefined } | { ok: false; error: string; messages: string[] };

/**
 * Accepts `blocks` as Slack does: absent, a JSON string (form-encoded calls) or an array (JSON calls).
 */
export function parseAndValidateBlocks(raw: unknown): BlocksResult {
	if (raw === undefined || raw === null || raw === '') return { ok: true, blocks: undefined };
	let blocks: unknown = raw;
	if (typeof raw === 'string') {
		try {
			blocks = JSON.parse(raw);
		} catch {
			return { ok: false, error: 'invalid_blocks_format', messages: ['[ERROR] blocks is not valid JSON'] };
		}
	}
	if (!Array.isArray(blocks)) {
		return { ok: false, error: 'invalid_blocks_format', messages: ['[ERROR] blocks must be an array'] };
	}
	const messages = validateBlocks(blocks as Obj[]);
	if (messages.length) return { ok: false, error: 'invalid_blocks', messages };
	return { ok: true, blocks: blocks as Obj[] };
}

/** Returns Slack-style error lines; empty when the blocks are valid. */
export function validateBlocks(blocks: Obj[], maxBlocks: number = LIMITS.messageBlocks): string[] {
	const errs: string[] = [];
	const err = (msg: string, ptr: string): void => void errs.push(`[ERROR] ${msg} [json-pointer:${ptr}]`);
	if (blocks.length > maxBlocks) err(`no more than ${maxBlocks} items allowed`, '/blocks');
	const blockIds = new Set<string>();

	blocks.forEach((b, i): void => {
		const p = `/blocks/${i}`;
		if (!b || typeof b !== 'object' || Array.isArray(b)) return err('must be an object', p);
		if (typeof b.type !== 'string' || !KNOWN_BLOCKS.has(b.type)) return err(`unsupported type: ${String(b.type)}`, `${p}/type`);
		if (b.block_id !== undefined) {
			if (typeof b.block_id !== 'string' || len(b.block_id) === 0) err('must be a non-empty string', `${p}/block_id`);
			else if (len(b.block_id) > LIMITS.blockId) err(`must be less than ${LIMITS.blockId + 1} characters`, `${p}/block_id`);
			else if (blockIds.has(b.block_id)) err(`duplicate block_id: ${b.block_id}`, `${p}/block_id`);
			else blockIds.add(b.block_id);
		}
		switch (b.type) {
			case 'section': {
				if (b.text === undefined && b.fields === undefined) err('must provide either text or fields', p);
				if (b.text !== undefined) textObject(b.text, `${p}/text`, LIMITS.sectionText, err);
				if (b.fields !== undefined) {
					if (!Array.isArray(b.fields)) err('must be an array', `${p}/fields`);
					else {
						if (b.fields.length > LIMITS.sectionFields) err(`no more than ${LIMITS.sectionFields} items allowed`, `${p}/fields`);
						b.fields.forEach((f: unknown, j: number) => textObject(f, `${p}/fields/${j}`, LIMITS.sectionFieldText, err));
					}
				}
				if (b.accessory !== undefined) element(b.accessory, `${p}/accessory`, err);
				break;
			}
			case 'header':
				textObject(b.text, `${p}/text`, LIMITS.headerText, err, true);
				break;
			case 'context': {
				if (!Array.isArray(b.elements) || b.elements.length === 0) {
					err('must provide at least 1 item', `${p}/elements`);
					break;
				}
				if (b.elements.length > LIMITS.contextElements) err(`no more than ${LIMITS.contextElements} items allowed`, `${p}/elements`);
				b.elements.forEach((e: Obj, j: number) => {
					if (e && e.type === 'image') imageElement(e, `${p}/elements/${j}`, err);
					else textObject(e, `${p}/elements/${j}`, Infinity, err);
				});
				break;
			}
			case 'actions': {
				if (!Array.isArray(b.elements) || b.elements.length === 0) {
					err('must provide at least 1 item', `${p}/elements`);
					break;
				}
				if (b.elements.length > LIMITS.actionsElements) err(`no more than ${LIMITS.actionsElements} items allowed`, `${p}/elements`);
				const ids = new Set<string>();
				b.elements.forEach((e: Obj, j: number) => {
					element(e, `${p}/elements/${j}`, err);
					if (e && typeof e.action_id === 'string') {
						if (ids.has(e.action_id)) err(`duplicate action_id: ${e.action_id}`, `${p}/elements/${j}/action_id`);
						ids.add(e.action_id);
					}
				});
				break;
			}
			case 'image':
				imageElement(b, p, err);
				if (b.title !== undefined) textObject(b.title, `${p}/title`, LIMITS.imageTitle, err, true);
				break;
			default:
				break; // divider, rich_text, input, file, video, markdown: accepted as-is
		}
	});
	return errs;
}

type Err = (msg: string, ptr: string) => void;

function textObject(t: unknown, p: string, max: number, err: Err, plainOnly = false): void {
	if (!t || typeof t !== 'object') return err('must be a text object', p);
	const o = t as Obj;
	if (o.type !== 'plain_text' && o.type !== 'mrkdwn') return err(`must be plain_text or mrkdwn, got ${String(o.type)}`, `${p}/type`);
	if (plainOnly && o.type !== 'plain_text') return err('must be plain_text', `${p}/type`);
	if (typeof o.text !== 'string' || len(o.text) === 0) return err('must be more than 0 characters', `${p}/text`);
	if (len(o.text) > max) err(`must be less than ${max + 1} characters`, `${p}/text`);
}

function imageElement(e: Obj, p: string, err: Err): void {
	if (typeof e.image_url !== 'string' && !e.slack_file) err('must provide image_url or slack_file', `${p}/image_url`);
	else if (typeof e.image_url === 'string' && len(e.image_url) > LIMITS.imageUrl) err(`must be less than ${LIMITS.imageUrl + 1} characters`, `${p}/image_url`);
	if (typeof e.alt_text !== 'string' || len(e.alt_text) === 0) err('must be more than 0 characters', `${p}/alt_text`);
	else if (len(e.alt_text) > LIMITS.imageAltText) err(`must be less than ${LIMITS.imageAltText + 1} characters`, `${p}/alt_text`);
}

/** Interactive elements. Buttons are checked fully; others only for their action_id. */
function element(e: unknown, p: string, err: Err): void {
	if (!e || typeof e !== 'object') return err('must be an object', p);
	const o = e as Obj;
	if (o.action_id !== undefined) {
		if (typeof o.action_id !== 'string' || len(o.action_id) === 0) err('must be a non-empty string', `${p}/action_id`);
		else if (len(o.action_id) > LIMITS.buttonActionId) err(`must be less than ${LIMITS.buttonActionId + 1} characters`, `${p}/action_id`);
	}
	if (o.type === 'image') return imageElement(o, p, err);
	if (o.type !== 'button') return;
	textObject(o.text, `${p}/text`, LIMITS.buttonText, err, true);
	if (o.value !== undefined && (typeof o.value !== 'string' || len(o.value) > LIMITS.buttonValue)) {
		err(`must be less than ${LIMITS.buttonValue + 1} characters`, `${p}/value`);
	}
	if (o.url !== undefined && (typeof o.url !== 'string' || len(o.url) > LIMITS.buttonUrl)) {
		err(`must be less than ${LIMITS.buttonUrl + 1} characters`, `${p}/url`);
	}
	if (o.style !== undefined && o.style !== 'primary' && o.style !== 'danger') err('must be one of primary, danger', `${p}/style`);
	if (o.accessibility_label !== undefined && (typeof o.accessibility_label !== 'string' || len(o.accessibility_label) > LIMITS.buttonAccessibilityLabel)) {
		err(`must be less than ${LIMITS.buttonAccessibilityLabel + 1} characters`, `${p}/accessibility_label`);
	}
	if (o.confirm !== undefined) {
		const c = o.confirm as Obj;
		if (!c || typeof c !== 'object') return err('must be a confirm object', `${p}/confirm`);
		textObject(c.title, `${p}/confirm/title`, LIMITS.confirmTitle, err, true);
		textObject(c.text, `${p}/confirm/text`, LIMITS.confirmText, err);
		textObject(c.confirm, `${p}/confirm/confirm`, LIMITS.confirmButton, err, true);
		textObject(c.deny, `${p}/confirm/deny`, LIMITS.confirmButton, err, true);
		if (c.style !== undefined && c.style !== 'primary' && c.style !== 'danger') err('must be one of primary, danger', `${p}/confirm/style`);
	}
}
