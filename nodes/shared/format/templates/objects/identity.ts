/** Identity verification sessions: status, type, and why it needs more input (never the verified data). */
import { enumf, reason, status, type ObjectView } from './kit';
import { DECLINE_CODES } from './reasons';

export const verificationSessionView: ObjectView = {
	label: 'Identity verification',
	category: 'customer',
	emoji: '🪪',
	facts: [status(), enumf('Type', 'type'), reason('Needs input because', 'last_error.code', DECLINE_CODES, { head: true }), (ctx) => void ctx.addId('Customer', 'related_customer')],
	next: (_ctx, verb) => (verb.key === 'requires_input' ? 'Ask the person to try the verification again (the reason is above).' : undefined),
};
