/** Stripe's errors in the Stripe stand-in (`StripeError`), and the two every resource throws. */
import type { Obj } from './util';

/** Thrown by handlers; rendered as Stripe's `{"error": {...}}`. */
export class StripeError extends Error {
	constructor(
		public status: number,
		public type: string,
		message: string,
		public code?: string,
		public param?: string,
		/** false when Stripe would not store the result for an idempotency key (validation failures). */
		public saveIdempotent = true,
		public extra: Obj = {},
	) {
		super(message);
	}
	toJSON(): Obj {
		const e: Obj = { type: this.type, message: this.message };
		if (this.code) e.code = this.code;
		if (this.param) e.param = this.param;
		if (this.code) e.doc_url = `https://stripe.com/docs/error-codes/${this.code.replace(/_/g, '-')}`;
		return { error: { ...e, ...this.extra } };
	}
}

export const missing = (kind: string, id: string, param = 'id') =>
	new StripeError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, 'resource_missing', param, false);
export const paramMissing = (param: string) =>
	new StripeError(400, 'invalid_request_error', `Missing required param: ${param}.`, 'parameter_missing', param, false);
