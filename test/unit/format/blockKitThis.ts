/** The n8n context the Stripe Block Kit node's execute() reads, faked for tests (not a test file). */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export function blockKitThis(items: INodeExecutionData[], params: Record<string, unknown>, continueOnFail = false): IExecuteFunctions {
	return {
		getInputData: () => items,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in params ? params[name] : fallback),
		getNode: () => ({ id: '1', name: 'Stripe Block Kit', type: 'stripeBlockKit', typeVersion: 1, position: [0, 0], parameters: {} }),
		getTimezone: () => 'UTC',
		continueOnFail: () => continueOnFail,
	} as unknown as IExecuteFunctions;
}
