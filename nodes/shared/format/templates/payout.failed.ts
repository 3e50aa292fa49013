import type { Template } from '../templateContext';
import { payoutModel } from './payout';

/** payout.failed: critical; failure code and message. Button: Mark handled. */
export const payoutFailed: Template = (ctx) => payoutModel(ctx, true);
