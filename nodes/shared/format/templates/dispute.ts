/** Shared body of the charge.dispute.* templates: amount, reason, status, evidence deadline and time left. */
import { act, amountOf, markHandled, type MessageModel, type TemplateContext } from '../templateContext';
import { line, plainMoney, titled } from './common';

export function disputeModel(
	ctx: TemplateContext,
	title: string,
	severity: MessageModel['severity'],
	withResponseButtons: boolean,
): MessageModel {
	const amount = ctx.num('amount');
	const money = ctx.money(amount);
	const reason = ctx.enumv('reason');
	const status = ctx.enumv('status');
	const dueBy = ctx.get('evidence_details.due_by');
	const pastDue = ctx.get('evidence_details.past_due') === true;
	const dueText = ctx.date(dueBy);
	const left = ctx.relative(dueBy);
	const due = dueText ? `${dueText}\n${pastDue ? '*past due*' : `*${left}*`}` : undefined;
	const card = ctx.get('payment_method_details.card') ? ctx.cardText('payment_method_details.card') : undefined;
	const network = ctx.text('payment_method_details.card.network_reason_code', { max: 20 });
	const submissions = ctx.num('evidence_details.submission_count');
	ctx
		.add('Amount', money, 'amount')
		.add('Reason', line(reason, network && `code ${network}`), 'status')
		.add('Status', status, 'status')
		.add('Evidence due', due, 'dates')
		.add('Evidence', submissions !== undefined ? `${ctx.get('evidence_details.has_evidence') === true ? 'provided' : 'none yet'}, ${submissions} submission${submissions === 1 ? '' : 's'}` : undefined, 'status')
		.add('Payment method', card, 'payment_method')
		.addId('Dispute', 'id')
		.addId('Charge', 'charge')
		.addId('Payment', 'payment_intent')
		.addMetadata();
	const id = ctx.objectId;
	const needsResponse = typeof ctx.get('status') === 'string' && /needs_response/.test(ctx.get('status') as string);
	return ctx.model({
		category: 'dispute',
		severity,
		emoji: '🚨',
		title: titled(title, plainMoney(ctx, amount)),
		headline: line(money && `*${money}*`, reason, dueText && !pastDue && needsResponse ? `evidence due *${left}*` : undefined),
		amount: amountOf(ctx, amount),
		linkId: id,
		actions: [
			...(withResponseButtons && needsResponse
				? [
						...act(id, { action: 'submitEvidence', label: 'Submit evidence', style: 'primary' }),
						...act(id, {
							action: 'acceptDispute',
							label: 'Accept dispute',
							style: 'danger',
							confirm: {
								title: 'Accept this dispute?',
								text: `Accepting closes dispute ${id} as lost: ${plainMoney(ctx, amount) || 'the disputed amount'} stays with the cardholder. This cannot be undone.`,
								confirm: 'Accept dispute',
							},
						}),
					]
				: []),
			...markHandled(id),
		],
	});
}
