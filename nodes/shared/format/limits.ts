/**
 * Slack Block Kit limits (test/fixtures/slack/blockkit-limits.json) — enforce and validate.
 * `enforceLimits` cuts long values with an ellipsis (never inside an escape entity), moves section
 * fields beyond 10 into a following section, drops blocks beyond 50 with a note, and bounds the
 * fallback text. `validateMessage` lists every violation (used by tests).
 */
import { truncateMrkdwn, truncatePlain } from './mrkdwn';
import type { Block, ButtonElement, ConfirmDialog, SectionBlock, TextObject } from './types';

export const LIMITS = {
	blocks: 50,
	sectionText: 3000,
	sectionFields: 10,
	fieldText: 2000,
	headerText: 150,
	buttonText: 75,
	buttonValue: 2000,
	buttonUrl: 3000,
	actionId: 255,
	blockId: 255,
	actionsElements: 25,
	contextElements: 10,
	contextText: 3000,
	confirmTitle: 100,
	confirmText: 300,
	confirmButton: 30,
	accessibilityLabel: 75,
	/** chat.postMessage truncates text after 40,000 characters; we keep ours much shorter. */
	fallbackText: 3000,
} as const;

function cutText(t: TextObject, max: number): TextObject {
	return t.type === 'mrkdwn'
		? { ...t, text: truncateMrkdwn(t.text, max) }
		: { ...t, text: truncatePlain(t.text, max) };
}

function cutConfirm(c: ConfirmDialog): ConfirmDialog {
	return {
		...c,
		title: { ...c.title, text: truncatePlain(c.title.text, LIMITS.confirmTitle) },
		text: { ...c.text, text: truncatePlain(c.text.text, LIMITS.confirmText) },
		confirm: { ...c.confirm, text: truncatePlain(c.confirm.text, LIMITS.confirmButton) },
		deny: { ...c.deny, text: truncatePlain(c.deny.text, LIMITS.confirmButton) },
	};
}

function cutButton(b: ButtonElement): ButtonElement | undefined {
	if (b.action_id.length > LIMITS.actionId) return undefined;
	if (b.value !== undefined && b.value.length > LIMITS.buttonValue) return undefined;
	if (b.url !== undefined && b.url.length > LIMITS.buttonUrl) return undefined;
	const out: ButtonElement = { ...b, text: { ...b.text, text: truncatePlain(b.text.text, LIMITS.buttonText) } };
	if (out.accessibility_label) out.accessibility_label = truncatePlain(out.accessibility_label, LIMITS.accessibilityLabel);
	if (out.confirm) out.confirm = cutConfirm(out.confirm);
	return out;
}

export interface EnforceResult {
	blocks: Block[];
	text: string;
	notes: string[];
}

export function enforceLimits(blocks: Block[], text: string): EnforceResult {
	const notes: string[] = [];
	const out: Block[] = [];
	for (const b of blocks) {
		const blockId = b.block_id && b.block_id.length > LIMITS.blockId ? undefined : b.block_id;
		switch (b.type) {
			case 'header':
				out.push({ ...b, block_id: blockId, text: { ...b.text, text: truncatePlain(b.text.text, LIMITS.headerText) } });
				break;
			case 'section': {
				const s: SectionBlock = { ...b, block_id: blockId };
				if (s.text) s.text = cutText(s.text, LIMITS.sectionText);
				if (s.fields) {
					const fields = s.fields.map((f) => cutText(f, LIMITS.fieldText));
					s.fields = fields.slice(0, LIMITS.sectionFields);
					out.push(s);
					for (let i = LIMITS.sectionFields; i < fields.length; i += LIMITS.sectionFields) {
						out.push({
							type: 'section',
							...(blockId ? { block_id: `${blockId}_${i / LIMITS.sectionFields}`.slice(0, LIMITS.blockId) } : {}),
							fields: fields.slice(i, i + LIMITS.sectionFields),
						});
					}
					if (fields.length > LIMITS.sectionFields) notes.push('fields continued in a second section');
				} else out.push(s);
				break;
			}
			case 'context': {
				const els = b.elements.slice(0, LIMITS.contextElements).map((e) => cutText(e, LIMITS.contextText));
				if (b.elements.length > LIMITS.contextElements) notes.push(`${b.elements.length - LIMITS.contextElements} context items dropped`);
				out.push({ ...b, block_id: blockId, elements: els });
				break;
			}
			case 'actions': {
				const els = b.elements.map(cutButton).filter((e): e is ButtonElement => !!e);
				const kept = els.slice(0, LIMITS.actionsElements);
				if (els.length > kept.length) notes.push(`${els.length - kept.length} buttons dropped`);
				if (kept.length) out.push({ ...b, block_id: blockId, elements: kept });
				break;
			}
			default:
				out.push({ ...b, block_id: blockId });
		}
	}
	let final = out;
	if (out.length > LIMITS.blocks) {
		// Keep the first 48 blocks, a note, and the last block when it is the actions block.
		const last = out[out.length - 1];
		const keepLast = last.type === 'actions';
		const head = out.slice(0, LIMITS.blocks - (keepLast ? 2 : 1));
		const dropped = out.length - head.length - (keepLast ? 1 : 0);
		notes.push(`${dropped} blocks dropped`);
		final = [
			...head,
			{ type: 'context', elements: [{ type: 'mrkdwn', text: `_${dropped} more blocks not shown (Slack allows ${LIMITS.blocks})_` }] },
			...(keepLast ? [last] : []),
		];
	}
	return { blocks: final, text: truncateMrkdwn(text, LIMITS.fallbackText), notes };
}

/** Every Block Kit limit violation in a message (empty array = valid). */
export function validateMessage(blocks: Block[], text: string): string[] {
	const v: string[] = [];
	const len = (s: string | undefined) => (s ?? '').length;
	if (!text || len(text) > 40000) v.push(`fallback text length ${len(text)}`);
	if (blocks.length > LIMITS.blocks) v.push(`blocks ${blocks.length} > ${LIMITS.blocks}`);
	const blockIds = new Set<string>();
	blocks.forEach((b, i) => {
		const at = `blocks[${i}] ${b.type}`;
		if (b.block_id !== undefined) {
			if (len(b.block_id) > LIMITS.blockId || !b.block_id) v.push(`${at} block_id length`);
			if (blockIds.has(b.block_id)) v.push(`${at} duplicate block_id ${b.block_id}`);
			blockIds.add(b.block_id);
		}
		switch (b.type) {
			case 'header':
				if (b.text.type !== 'plain_text') v.push(`${at} header not plain_text`);
				if (!b.text.text || len(b.text.text) > LIMITS.headerText) v.push(`${at} header text length ${len(b.text.text)}`);
				break;
			case 'section':
				if (!b.text && !b.fields?.length) v.push(`${at} section without text or fields`);
				if (b.text && (!b.text.text || len(b.text.text) > LIMITS.sectionText)) v.push(`${at} text length ${len(b.text.text)}`);
				if (b.fields) {
					if (b.fields.length > LIMITS.sectionFields) v.push(`${at} ${b.fields.length} fields`);
					b.fields.forEach((f, j) => {
						if (!f.text || len(f.text) > LIMITS.fieldText) v.push(`${at} field ${j} length ${len(f.text)}`);
					});
				}
				break;
			case 'context':
				if (!b.elements.length || b.elements.length > LIMITS.contextElements) v.push(`${at} ${b.elements.length} elements`);
				b.elements.forEach((e, j) => {
					if (!e.text || len(e.text) > LIMITS.contextText) v.push(`${at} element ${j} length ${len(e.text)}`);
				});
				break;
			case 'actions': {
				if (!b.elements.length || b.elements.length > LIMITS.actionsElements) v.push(`${at} ${b.elements.length} elements`);
				const ids = new Set<string>();
				for (const e of b.elements) {
					if (e.text.type !== 'plain_text' || !e.text.text || len(e.text.text) > LIMITS.buttonText) v.push(`${at} button text`);
					if (!e.action_id || len(e.action_id) > LIMITS.actionId) v.push(`${at} action_id length`);
					if (ids.has(e.action_id)) v.push(`${at} duplicate action_id ${e.action_id}`);
					ids.add(e.action_id);
					if (e.value !== undefined && len(e.value) > LIMITS.buttonValue) v.push(`${at} value length`);
					if (e.url !== undefined && len(e.url) > LIMITS.buttonUrl) v.push(`${at} url length`);
					if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') v.push(`${at} style`);
					if (e.accessibility_label !== undefined && len(e.accessibility_label) > LIMITS.accessibilityLabel) v.push(`${at} accessibility_label`);
					if (e.confirm) {
						const c = e.confirm;
						if (len(c.title.text) > LIMITS.confirmTitle || !c.title.text) v.push(`${at} confirm title`);
						if (len(c.text.text) > LIMITS.confirmText || !c.text.text) v.push(`${at} confirm text`);
						if (len(c.confirm.text) > LIMITS.confirmButton || len(c.deny.text) > LIMITS.confirmButton) v.push(`${at} confirm buttons`);
					}
				}
				break;
			}
		}
	});
	return v;
}
