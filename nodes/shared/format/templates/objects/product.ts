/** Products: name, active or not, default price. */
import { flag, ref, text, type ObjectView } from './kit';

export const productView: ObjectView = {
	label: 'Product',
	category: 'other',
	emoji: '📦',
	facts: [
		text('Name', 'name', 'description', 80, true),
		flag('Active', 'active', 'yes', 'no: not for sale'),
		ref('Default price', 'default_price'),
	],
};
