import type { Template } from '../templateContext';
import { payoutModel } from './payout';

/** payout.paid: money arrived in the bank. */
export const payoutPaid: Template = (ctx) => payoutModel(ctx, false);
