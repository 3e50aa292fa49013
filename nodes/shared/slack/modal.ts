import { ACTIONS } from '../actions';
import type { SlackInteraction } from './interaction';
import { encodeModalMetadata } from './interaction';
import { truncate } from './messageUpdate';

/**
 * Modals that collect what a button needs before acting: the evidence text of a dispute, or the reason and
 * amount of a refund. They must be opened with the click's trigger_id within 3 s, so the Slack Action Trigger
 * opens them itself; the submission (view_submission) then carries the click's context in private_metadata
 * and starts the workflow.
 */

export const EVIDENCE_INPUT = { blockId: 'stripe_slack_evidence', actionId: 'evidence_text' } as const;
export const REFUND_REASON_INPUT = { blockId: 'stripe_slack_refund_reason', actionId: 'refund_reason' } as const;
export const REFUND_AMOUNT_INPUT = { blockId: 'stripe_slack_refund_amount', actionId: 'refund_amount' } as const;
export const NOTE_INPUT = { blockId: 'stripe_slack_note', actionId: 'note' } as const;

function plain(text: string, max = 150) {
	return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

function metadataOf(click: SlackInteraction): string {
	return encodeModalMetadata({
		a: click.actionId,
		v: click.value,
		c: click.channel ?? undefined,
		ts: click.messageTs ?? undefined,
		tt: click.threadTs ?? undefined,
		r: click.responseUrl ?? undefined,
		tm: click.team.id || undefined,
		e: click.isEphemeral || undefined,
	});
}

export function evidenceModal(click: SlackInteraction): Record<string, unknown> {
	return {
		type: 'modal',
		callback_id: click.actionId,
		private_metadata: metadataOf(click),
		title: plain('Dispute evidence', 24),
		submit: plain('Submit evidence', 24),
		close: plain('Cancel', 24),
		blocks: [
			{
				type: 'section',
				text: {
					type: 'mrkdwn',
					text: truncate(
						`Evidence for dispute \`${click.value.replace(/[`<>&]/g, '')}\`. Submitting sends it to the card issuer; it cannot be changed afterwards.`,
						3000,
					),
				},
			},
			{
				type: 'input',
				block_id: EVIDENCE_INPUT.blockId,
				label: plain('What happened (shown to the bank)'),
				element: {
					type: 'plain_text_input',
					action_id: EVIDENCE_INPUT.actionId,
					multiline: true,
					min_length: 10,
					max_length: 3000,
				},
			},
		],
	};
}

export function refundModal(click: SlackInteraction): Record<string, unknown> {
	const option = (value: string, text: string) => ({ value, text: plain(text) });
	return {
		type: 'modal',
		callback_id: click.actionId,
		private_metadata: metadataOf(click),
		title: plain('Refund', 24),
		submit: plain('Refund', 24),
		close: plain('Cancel', 24),
		blocks: [
			{
				type: 'input',
				block_id: REFUND_REASON_INPUT.blockId,
				label: plain('Reason'),
				element: {
					type: 'static_select',
					action_id: REFUND_REASON_INPUT.actionId,
					initial_option: option('requested_by_customer', 'Requested by customer'),
					options: [
						option('requested_by_customer', 'Requested by customer'),
						option('duplicate', 'Duplicate'),
						option('fraudulent', 'Fraudulent'),
					],
				},
			},
			{
				type: 'input',
				block_id: REFUND_AMOUNT_INPUT.blockId,
				optional: true,
				label: plain('Amount (leave empty for a full refund)'),
				hint: plain('In the charge currency, for example 12.50'),
				element: { type: 'plain_text_input', action_id: REFUND_AMOUNT_INPUT.actionId, max_length: 20 },
			},
			{
				type: 'input',
				block_id: NOTE_INPUT.blockId,
				optional: true,
				label: plain('Note for the audit trail'),
				element: { type: 'plain_text_input', action_id: NOTE_INPUT.actionId, multiline: true, max_length: 500 },
			},
		],
	};
}

/** Which modal a click opens, if any. */
export function modalFor(click: SlackInteraction, options: { refundModal: boolean; evidenceModal: boolean }) {
	if (click.type !== 'block_actions') return null;
	if (options.evidenceModal && click.actionId === ACTIONS.submitEvidence) return evidenceModal(click);
	if (options.refundModal && click.actionId === ACTIONS.refund) return refundModal(click);
	return null;
}
