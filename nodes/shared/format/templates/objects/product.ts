/** Products: name, active or not, default price. */
import { flag, ref, type ObjectView } from './kit';

export const productView: ObjectView = {
	label: 'Product',
	category: 'other',
	emoji: '📦',
	facts: [
		(ctx) => {
			const v = ctx.text('name', { max: 80 });
			ctx.add('Name', v, 'description');
			return v;
		},
		flag('Active', 'active', 'yes', 'no: not for sale'),
		ref('Default price', 'default_price'),
	],
};
