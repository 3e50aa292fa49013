/** Terminal readers: the reader, its status and the action that failed or succeeded, in words. */
import { enumf, reason, status, text, type ObjectView } from './kit';
import { DECLINE_CODES } from './reasons';

export const terminalReaderView: ObjectView = {
	label: 'Card reader',
	category: 'payment',
	emoji: '📟',
	facts: [
		text('Reader', 'label', 'description', 40),
		enumf('Device', 'device_type'),
		status(),
		(ctx) => {
			const a = ctx.enumv('action.type');
			const s = ctx.enumv('action.status');
			ctx.add('Action', [a, s].filter(Boolean).join(': ') || undefined, 'status');
			return a;
		},
		reason('Action failed because', 'action.failure_code', DECLINE_CODES, { message: 'action.failure_message', head: true }),
	],
	next: (_ctx, verb) => (verb.key === 'action_failed' ? 'Retry the action on the reader, or take the payment another way.' : undefined),
};
