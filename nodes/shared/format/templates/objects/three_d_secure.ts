/** 3D Secure authentications: amount, status, outcome and reason in words. */
import { enumf, money, reason, ref, status, type ObjectView } from './kit';
import { DECLINE_CODES } from './reasons';

export const threeDSecureView: ObjectView = {
	label: '3D Secure authentication',
	category: 'payment',
	emoji: '🔐',
	amount: ['amount'],
	facts: [money('Amount', 'amount'), status(), enumf('Outcome', 'outcome.result'), reason('Reason', 'reason', DECLINE_CODES, { head: true }), enumf('Channel', 'channel'), ref('Payment method', 'payment_method')],
};
