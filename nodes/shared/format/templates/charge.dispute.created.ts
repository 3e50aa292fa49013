import type { Template } from '../templateContext';
import { disputeModel } from './dispute';

/** charge.dispute.created: urgent. Buttons: Submit evidence, Accept dispute (confirm), Mark handled. */
export const chargeDisputeCreated: Template = (ctx) => disputeModel(ctx, 'Dispute opened', 'critical', true);
