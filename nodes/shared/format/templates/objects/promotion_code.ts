/** Promotion codes: the code, its coupon, active or not, expiry, redemptions. */
import { offText } from './coupon';
import { count, date, flag, type ObjectView } from './kit';

export const promotionCodeView: ObjectView = {
	label: 'Promotion code',
	category: 'other',
	emoji: '🎟️',
	facts: [
		(ctx) => {
			const v = ctx.text('code', { max: 40 });
			ctx.add('Code', v, 'description');
			return v && `\`${v.replace(/`/g, '')}\``;
		},
		(ctx) => void ctx.add('Discount', offText(ctx, ctx.get('coupon') ?? ctx.get('promotion.coupon')), 'amount'),
		flag('Active', 'active', 'yes', 'no'),
		date('Expires', 'expires_at', { head: 'expires' }),
		count('Times redeemed', 'times_redeemed'),
		count('Max redemptions', 'max_redemptions'),
	],
};
