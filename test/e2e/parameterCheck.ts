/**
 * What the n8n editor would mark red in a template's node: a value its node does not accept.
 * n8n-workflow's getNodeParametersIssues covers required fields; the editor also refuses option values
 * that are not among the options ("The value "both" is not supported!") and values of the wrong type, which
 * n8n-workflow does not check, so this walks the description itself.
 */
import { NodeHelpers, type INode, type INodeParameters, type INodeProperties, type INodePropertyCollection, type INodeTypeDescription } from 'n8n-workflow';

export interface ParameterProblem {
	node: string;
	path: string;
	problem: string;
}

const isExpression = (v: unknown): boolean => typeof v === 'string' && v.startsWith('=');

function staticOptionValues(p: INodeProperties): unknown[] | undefined {
	if (p.typeOptions?.loadOptionsMethod || p.typeOptions?.loadOptions) return undefined;
	return (p.options ?? []).map((o) => (o as { value?: unknown }).value);
}

function checkValue(p: INodeProperties, value: unknown, at: string, out: (path: string, problem: string) => void): void {
	if (isExpression(value)) return;
	switch (p.type) {
		case 'options': {
			const allowed = staticOptionValues(p);
			if (allowed && !allowed.includes(value)) out(at, `the value ${JSON.stringify(value)} is not supported (options: ${allowed.map((a) => JSON.stringify(a)).join(', ')})`);
			return;
		}
		case 'multiOptions': {
			const allowed = staticOptionValues(p);
			if (!Array.isArray(value)) return out(at, `expected a list, got ${JSON.stringify(value)}`);
			for (const v of value) if (allowed && !allowed.includes(v)) out(at, `the value ${JSON.stringify(v)} is not supported`);
			return;
		}
		case 'boolean':
			if (typeof value !== 'boolean') out(at, `expected true or false, got ${JSON.stringify(value)}`);
			return;
		case 'number':
			if (typeof value !== 'number') out(at, `expected a number, got ${JSON.stringify(value)}`);
			return;
		case 'string':
			if (typeof value !== 'string') out(at, `expected text, got ${JSON.stringify(value)}`);
			return;
		case 'collection':
			if (typeof value !== 'object' || value === null) return out(at, 'expected a collection');
			return checkProperties((p.options ?? []) as INodeProperties[], value as INodeParameters, at, out, false);
		case 'fixedCollection': {
			if (typeof value !== 'object' || value === null) return out(at, 'expected a fixed collection');
			const groups = (p.options ?? []) as INodePropertyCollection[];
			for (const [name, groupValue] of Object.entries(value as Record<string, unknown>)) {
				const group = groups.find((g) => g.name === name);
				if (!group) {
					out(`${at}.${name}`, 'no such group in the node');
					continue;
				}
				const entries = p.typeOptions?.multipleValues ? (Array.isArray(groupValue) ? groupValue : [groupValue]) : [groupValue];
				entries.forEach((entry, i) => checkProperties(group.values, entry as INodeParameters, `${at}.${name}[${i}]`, out, false));
			}
			return;
		}
		default:
			return;
	}
}

function checkProperties(properties: INodeProperties[], values: INodeParameters, at: string, out: (path: string, problem: string) => void, topLevel: boolean): void {
	for (const [name, value] of Object.entries(values ?? {})) {
		const candidates = properties.filter((p) => p.name === name);
		if (candidates.length === 0) {
			// the editor drops top-level values it has no parameter for; a template that sets one is wrong about its node
			out(`${at}${at ? '.' : ''}${name}`, topLevel ? 'no such parameter in the node' : 'no such option in the node');
			continue;
		}
		// a name can be declared several times with different displayOptions: any declaration that accepts the value will do
		const problems: Array<[string, string]> = [];
		for (const p of candidates) {
			const mine: Array<[string, string]> = [];
			checkValue(p, value, `${at}${at ? '.' : ''}${name}`, (path, problem) => mine.push([path, problem]));
			if (mine.length === 0) {
				problems.length = 0;
				break;
			}
			if (problems.length === 0) problems.push(...mine);
		}
		for (const [path, problem] of problems) out(path, problem);
	}
}

/** Every problem the editor would show for one template node, given its node type's description. */
export function parameterProblems(node: INode, description: INodeTypeDescription): ParameterProblem[] {
	const problems: ParameterProblem[] = [];
	const out = (path: string, problem: string) => problems.push({ node: node.name, path, problem });
	// only the parameters the editor displays for these values count, as in the editor
	const displayed = NodeHelpers.getNodeParameters(description.properties, node.parameters, false, false, node, description) ?? {};
	const shown = description.properties.filter((p) => Object.prototype.hasOwnProperty.call(displayed, p.name) || Object.prototype.hasOwnProperty.call(node.parameters, p.name));
	checkProperties(shown, node.parameters, '', out, true);
	const issues = NodeHelpers.getNodeParametersIssues(description.properties, node, description);
	for (const [name, messages] of Object.entries(issues?.parameters ?? {})) for (const m of messages) out(name, m);
	return problems;
}
