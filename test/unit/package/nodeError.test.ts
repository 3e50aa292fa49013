/** nodes/shared/n8n/errors.ts: what the node files turn an item's error into. */
import { type INode, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { apiErrorDescription, nodeError } from '../../../nodes/shared/n8n/errors';

const node: INode = { id: '1', name: 'Stripe Action', type: 'n8n-nodes-stripe-slack.stripeAction', typeVersion: 1, position: [0, 0], parameters: {} };

describe('nodeError', () => {
	it('keeps an n8n error as it is', () => {
		const e = new NodeOperationError(node, 'already');
		expect(nodeError(node, e, { description: 'x' })).toBe(e);
	});

	it('turns a Stripe or Slack answer into a NodeApiError with its status and what to check', () => {
		const stripe = Object.assign(new Error('No such charge: ch_1'), { statusCode: 404, type: 'StripeInvalidRequestError' });
		const e = nodeError(node, stripe, { itemIndex: 2, description: 'unused' });
		expect(e).toBeInstanceOf(NodeApiError);
		expect(e.message).toBe('No such charge: ch_1');
		expect(e.description).toBe(apiErrorDescription(404, 'Stripe'));
		expect((e as NodeApiError).httpCode).toBe('404');
		expect(e.context.itemIndex).toBe(2);
		const slack = nodeError(node, Object.assign(new Error('rate limited'), { status: 429 }), { service: 'Slack', description: 'unused' });
		expect(slack.description).toMatch(/^Slack is rate limiting/);
	});

	it('turns anything else into a NodeOperationError with the given description', () => {
		const e = nodeError(node, new Error('Quiet Hours: "25:00-07:00" is not a window like 22:00-07:00'), { itemIndex: 0, description: 'Check the options.' });
		expect(e).toBeInstanceOf(NodeOperationError);
		expect(e.message).toBe('Quiet Hours: "25:00-07:00" is not a window like 22:00-07:00');
		expect(e.description).toBe('Check the options.');
		expect(nodeError(node, 'a string', { description: 'd' }).message).toBe('a string');
	});

	it('scans the message for personal data first', () => {
		const e = nodeError(node, new Error('No customer jane.doe@example.com, card 4242 4242 4242 4242'), { description: 'd' });
		expect(e.message).not.toMatch(/jane\.doe@example\.com|4242 4242 4242 4242/);
	});
});
