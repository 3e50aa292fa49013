/**
 * The node side of the settings check, against n8n's contract for evaluateExpression: n8n prefixes the "="
 * itself (node-execution-context.js: resolveSimpleParameterValue(`=${expression}`)), so an expression passed
 * with its own "=" comes back as text, not as the Settings node's output.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { amountMistakeWords, assertSettingsPresent, nodeOutput } from '../../../nodes/shared/n8n/settings';

function fakeCtx(parameters: Record<string, unknown>, outputs: Record<string, Record<string, unknown>>): IExecuteFunctions {
	return {
		getNode: () => ({ name: 'Format for Slack', type: 'x', typeVersion: 1, position: [0, 0], parameters, id: '1' }),
		evaluateExpression: (expression: string) => {
			const full = `=${expression}`; // what n8n evaluates
			const m = /^=\{\{ JSON\.stringify\(\$\("([^"]+)"\)\.first\(\)\.json\) \}\}$/.exec(full);
			if (!m) return full.slice(1); // n8n gives other text back as it is
			if (!outputs[m[1]]) throw new Error(`Referenced node is unexecuted`);
			return JSON.stringify(outputs[m[1]]);
		},
	} as unknown as IExecuteFunctions;
}

describe('settings, node side', () => {
	const params = { channel: "={{ $('Settings').first().json['Payments channel'] }}", options: { minimumAmounts: "={{ $('Settings').first().json['Minimum amount per currency'] }}" } };

	it("reads the Settings node's output, and nothing for a node that did not run", () => {
		const ctx = fakeCtx(params, { Settings: { 'Payments channel': '#payments' } });
		expect(nodeOutput(ctx, 'Settings')).toEqual({ 'Payments channel': '#payments' });
		expect(nodeOutput(ctx, 'Later')).toBeUndefined();
	});

	it('stops naming the setting that was renamed, and lets a complete Settings node pass', () => {
		expect(() => assertSettingsPresent(fakeCtx(params, { Settings: { 'Payments chanel': '#payments', 'Minimum amount per currency': 'none' } }))).toThrow(
			'The setting "Payments channel" is missing from Settings — was it renamed?',
		);
		expect(() => assertSettingsPresent(fakeCtx(params, { Settings: { 'Payments channel': '#payments', 'Minimum amount per currency': '' } }))).not.toThrow();
		expect(() => assertSettingsPresent(fakeCtx({ channel: '#payments' }, {}))).not.toThrow();
	});

	it('names the amount setting a minimum comes from', () => {
		const said = amountMistakeWords(params, '$5O', 'Minimum amount "$5O" cannot be read: write an amount with its currency, like "USD 50", "$50" or "EUR 20.00"');
		expect(said.message).toBe('Minimum amount per currency is "$5O": the part "$5O" cannot be read: write an amount with its currency, like "USD 50", "$50" or "EUR 20.00". Fix it in Settings');
		expect(said.description).toMatch(/^Fix "Minimum amount per currency" in the Settings node, then publish/);
	});
});
