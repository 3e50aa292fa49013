/**
 * The nodes as AI-agent tools (issue #30). n8n makes a `<name>Tool` variant of every node whose description
 * says `usableAsTool` (its inputs removed, its output an ai_tool connection), and runs it with one input
 * item: the arguments the model chose. The model chooses the values of the parameters that hold a
 * `$fromAI('key', 'description', 'type')` expression; the descriptions are what the model reads.
 *
 * A parameter that only makes sense in one of the two variants is shown with n8n's `@tool` display
 * option: `forTool()` in the tool variant only, `notForTool()` in the workflow node only. Both may carry
 * the same name (one of the two is ever shown), so the node's code reads one parameter either way.
 */
import { FROM_AI_AUTO_GENERATED_MARKER, type INodeProperties } from 'n8n-workflow';

/**
 * `={{ /*n8n-auto-generated-fromAI-override*\/ $fromAI('key', `description`, 'type') }}`: a parameter the model
 * fills. With n8n's marker the editor shows it as its own ✨ "defined automatically by the model" field (as
 * when a person clicks the ✨ button), which one click turns back into a fixed value.
 */
export function fromAI(key: string, description: string, type: 'string' | 'number' | 'boolean' | 'json' = 'string'): string {
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(key)) throw new Error(`$fromAI key "${key}" is not valid`);
	// a backtick would end the description, a brace could end the {{ }} expression around it
	if (/[`{}]/.test(description)) throw new Error('a $fromAI description must not hold a backtick or a brace');
	return `={{ ${FROM_AI_AUTO_GENERATED_MARKER} $fromAI('${key}', \`${description}\`, '${type}') }}`;
}

function withToolOption(property: INodeProperties, tool: boolean): INodeProperties {
	const show = { ...(property.displayOptions?.show ?? {}), '@tool': [tool] };
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

/** The parameter as the tool variant shows it (hidden in the workflow node). */
export function forTool(property: INodeProperties): INodeProperties {
	return withToolOption(property, true);
}

/** The parameter as the workflow node shows it (hidden in the tool variant). */
export function notForTool(property: INodeProperties): INodeProperties {
	return withToolOption(property, false);
}

/** Whether this run is a tool call of an AI agent: n8n runs the `<name>Tool` variant then. */
export function isToolCall(ctx: { getNode(): { type: string } }): boolean {
	return ctx.getNode().type.endsWith('Tool');
}
