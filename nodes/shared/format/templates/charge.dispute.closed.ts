import type { Template } from '../templateContext';
import { disputeModel } from './dispute';

/** charge.dispute.closed: won → success, lost → critical, otherwise (e.g. warning_closed) info. */
export const chargeDisputeClosed: Template = (ctx) => {
	const status = ctx.get('status');
	const won = status === 'won';
	const lost = status === 'lost';
	const m = disputeModel(ctx, won ? 'Dispute won' : lost ? 'Dispute lost' : 'Dispute closed', won ? 'success' : lost ? 'critical' : 'info', false);
	return { ...m, emoji: won ? '🏆' : lost ? '🚨' : '📁' };
};
