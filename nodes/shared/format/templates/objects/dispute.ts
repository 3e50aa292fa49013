/**
 * Disputes (the events without a template of their own, e.g. funds withdrawn or reinstated): amount,
 * the reason in words, the evidence deadline, and what left or came back to your balance with the fee.
 */
import { formatMoney } from '../../money';
import type { TemplateContext } from '../../templateContext';
import { date, money, reason, ref, status, type ObjectView } from './kit';
import { DISPUTE_REASONS } from './reasons';

/** "$10.00 + $15.00 fee" from the dispute's balance transactions (net amount and fee, per currency). */
function balanceImpact(ctx: TemplateContext): string | undefined {
	const txs = ctx.get('balance_transactions');
	if (!Array.isArray(txs) || !txs.length) return undefined;
	const last = txs[txs.length - 1];
	const amount = ctx.num('amount', last);
	const fee = ctx.num('fee', last);
	const cur = ctx.get('currency', last);
	const m = ctx.money(amount === undefined ? undefined : Math.abs(amount), cur);
	if (!m) return undefined;
	const f = fee ? formatMoney(fee, cur, ctx.opts.locale) : '';
	return `${amount !== undefined && amount < 0 ? 'withdrawn' : 'returned'}: ${m}${f ? ` + ${ctx.safe(f, 40)} fee` : ''}`;
}

export const disputeView: ObjectView = {
	label: 'Dispute',
	category: 'dispute',
	emoji: '🚨',
	amount: ['amount'],
	facts: [
		money('Amount', 'amount'),
		reason('Reason', 'reason', DISPUTE_REASONS, { head: true }),
		status(),
		(ctx) => {
			const v = balanceImpact(ctx);
			ctx.add('Your balance', v, 'amount');
			return v;
		},
		(ctx) => {
			if (!/needs_response/.test(String(ctx.get('status')))) return;
			return date('Evidence due', 'evidence_details.due_by', { head: 'evidence due', time: true })(ctx, { key: '', words: '', severity: 'info' });
		},
		ref('Charge', 'charge'),
		ref('Payment', 'payment_intent'),
	],
	title: (_ctx, verb) => (verb.key === 'funds_withdrawn' ? 'Dispute: funds withdrawn' : verb.key === 'funds_reinstated' ? 'Dispute: funds reinstated' : undefined),
	next: (ctx, verb) =>
		verb.key === 'funds_withdrawn'
			? /needs_response/.test(String(ctx.get('status')))
				? 'Submit evidence before the deadline to win the funds back.'
				: 'Wait for the bank’s decision; the funds come back if you win.'
			: verb.key === 'funds_reinstated'
				? 'Nothing to do: the disputed amount is back in your balance.'
				: undefined,
	severity: (_ctx, verb) => (verb.key === 'funds_withdrawn' ? 'critical' : undefined),
	emojiFor: (_ctx, verb) => (verb.key === 'funds_reinstated' ? '↩️' : undefined),
};
