/**
 * The node side of `../settings.ts`: before a node uses its parameters, the settings its expressions read
 * from a Settings node must exist there, or the node stops with the setting's name (a renamed field would
 * otherwise give `undefined`, silently: no channel, no minimum).
 */
import { type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
import { amountMistake, mistakeMessage } from '../delivery/mistakes';
import { missingSettingError, missingSettings, settingReferences } from '../settings';

/** The output (first item's json) of a node of this execution, or undefined when it did not run. */
export function nodeOutput(ctx: IExecuteFunctions, node: string): Record<string, unknown> | undefined {
	try {
		// n8n adds the leading "=" itself; the object comes back as text, so its shape is plain JSON.
		const text = ctx.evaluateExpression(`{{ JSON.stringify($(${JSON.stringify(node)}).first().json) }}`, 0);
		const json = typeof text === 'string' ? (JSON.parse(text) as unknown) : text;
		return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** Throws n8n's error naming every setting this node's parameters read that its Settings node lacks. */
export function assertSettingsPresent(ctx: IExecuteFunctions): void {
	const refs = settingReferences(ctx.getNode().parameters);
	if (!refs.length) return;
	const outputs: Record<string, unknown> = {};
	for (const node of new Set(refs.map((r) => r.node))) outputs[node] = nodeOutput(ctx, node);
	const missing = missingSettings(refs, outputs);
	if (!missing.length) return;
	const { message, description } = missingSettingError(missing);
	throw new NodeOperationError(ctx.getNode(), message, { description });
}

/**
 * The words for a minimum the parser cannot read, naming the setting the Minimum Amounts option reads
 * ("Minimum amount per currency is "$5O": …"), or the option itself when it is typed in the node.
 */
export function amountMistakeWords(parameters: unknown, value: string, parserMessage: string): { message: string; description: string } {
	const options = (parameters as { options?: { minimumAmounts?: unknown } } | undefined)?.options;
	const ref = settingReferences(options?.minimumAmounts)[0];
	const m = amountMistake(ref?.setting ?? 'Minimum Amounts', value, parserMessage);
	return {
		message: mistakeMessage(m),
		description: ref
			? `Fix "${ref.setting}" in the ${ref.node} node, then publish the workflow. Amounts may be written $50, USD 50, 50 USD, €20, £10; payments of at least the amount are posted.`
			: 'Fix Options → Minimum Amounts. Amounts may be written $50, USD 50, 50 USD, €20, £10; payments of at least the amount are posted.',
	};
}
