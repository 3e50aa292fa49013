import type { Template } from '../templateContext';
import { disputeModel } from './dispute';

/** charge.dispute.updated: status or evidence changed; still urgent while a response is needed. */
export const chargeDisputeUpdated: Template = (ctx) => {
	const status = ctx.get('status');
	const needs = typeof status === 'string' && /needs_response/.test(status);
	return disputeModel(ctx, 'Dispute updated', needs ? 'critical' : 'warning', true);
};
