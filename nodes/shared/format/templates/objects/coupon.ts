/** Coupons and discounts: amount or percent off, how long, until when it can be redeemed. */
import type { TemplateContext } from '../../templateContext';
import { count, date, flag, ref, type Fact, type ObjectView } from './kit';

/** "$5.00 off" or "25% off", then "once", "forever" or "for 3 months". */
export function offText(ctx: TemplateContext, root?: unknown): string | undefined {
	const amount = ctx.money(ctx.get('amount_off', root), ctx.get('currency', root));
	const pct = ctx.num('percent_off', root);
	const off = amount ? `${amount} off` : pct !== undefined ? `${pct}% off` : undefined;
	const d = ctx.get('duration', root);
	const months = ctx.num('duration_in_months', root);
	const how = d === 'repeating' && months ? `for ${months} month${months === 1 ? '' : 's'}` : d === 'once' ? 'once' : d === 'forever' ? 'forever' : undefined;
	return off ? [off, how].filter(Boolean).join(' ') : undefined;
}

const off =
	(root: (ctx: TemplateContext) => unknown): Fact =>
	(ctx) => {
		const v = offText(ctx, root(ctx));
		ctx.add('Discount', v, 'amount');
		return v;
	};

export const couponView: ObjectView = {
	label: 'Coupon',
	category: 'other',
	emoji: '🎟️',
	facts: [
		off((ctx) => ctx.obj),
		(ctx) => void ctx.add('Name', ctx.text('name', { max: 60 }), 'description'),
		date('Redeem by', 'redeem_by', { head: 'redeem by' }),
		count('Times redeemed', 'times_redeemed'),
		count('Max redemptions', 'max_redemptions'),
		flag('Valid', 'valid', 'yes', 'no: can no longer be redeemed'),
	],
};

export const discountView: ObjectView = {
	label: 'Discount',
	category: 'customer',
	emoji: '🎟️',
	facts: [
		off((ctx) => ctx.get('coupon') ?? ctx.get('source.coupon')),
		date('Starts', 'start'),
		date('Ends', 'end', { head: 'ends' }),
		(ctx) => void ctx.addId('Customer', 'customer'),
		ref('Subscription', 'subscription'),
		ref('Invoice', 'invoice'),
		ref('Promotion code', 'promotion_code'),
	],
};
