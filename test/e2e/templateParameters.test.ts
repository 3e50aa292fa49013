/**
 * Every parameter of every node in every template is a value its node accepts: what the editor would mark
 * red (an option value that is not among the node's options, a value of the wrong type, a missing required
 * field) fails here. Our nodes are read from the built package, n8n's own from the pinned runtime.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { INode, INodeTypeDescription, IVersionedNodeType, INodeType } from 'n8n-workflow';
import { PACKAGE, ROOT } from '../../scripts/lib/n8n';
import { parameterProblems, type ParameterProblem } from './parameterCheck';
import { stackInfo } from './stack';

const TEMPLATES = fs
	.readdirSync(path.join(ROOT, 'workflows'))
	.filter((f) => f.endsWith('.json'))
	.sort();

function descriptionFrom(mod: Record<string, unknown>, className: string, version: number): INodeTypeDescription {
	const Cls = mod[className] as new () => INodeType | IVersionedNodeType;
	const inst = new Cls();
	if ('nodeVersions' in inst) {
		const v = inst.nodeVersions[version] ?? inst.nodeVersions[inst.currentVersion];
		return { ...inst.description, ...v.description } as INodeTypeDescription;
	}
	return inst.description;
}

const ours = new Map<string, { file: string; className: string }>();
for (const rel of PACKAGE.n8n.nodes) {
	const file = path.join(ROOT, rel);
	const className = path.basename(file).split('.')[0];
	const inst = new (require(file)[className])() as INodeType;
	ours.set(`${PACKAGE.name}.${inst.description.name}`, { file, className });
}

function describeType(type: string, version: number): INodeTypeDescription {
	const own = ours.get(type);
	if (own) return descriptionFrom(require(own.file), own.className, version);
	const base = 'n8n-nodes-base.';
	if (!type.startsWith(base)) throw new Error(`a template uses ${type}, which is neither ours nor n8n's own`);
	const nodesBase = path.join(stackInfo().runtime.dir, 'node_modules', 'n8n-nodes-base');
	const known = JSON.parse(fs.readFileSync(path.join(nodesBase, 'dist', 'known', 'nodes.json'), 'utf8')) as Record<string, { className: string; sourcePath: string }>;
	const entry = known[type.slice(base.length)];
	if (!entry) throw new Error(`n8n ${type} is not in this n8n`);
	return descriptionFrom(require(path.join(nodesBase, entry.sourcePath)), entry.className, version);
}

describe('templates hold only values their nodes accept (no red marks in the editor)', () => {
	it('the checker sees a wrong option value (it must be able to fail)', () => {
		const trigger = [...ours.keys()].find((k) => k.endsWith('.stripeSignedTrigger'))!;
		const node = { name: 'probe', type: trigger, typeVersion: 1, position: [0, 0], parameters: { liveMode: 'both' } } as unknown as INode;
		expect(parameterProblems(node, describeType(trigger, 1)).map((p) => p.path)).toEqual(['liveMode']);
		const wrong = { ...node, parameters: { liveMode: 'any', registerEndpoint: 'yes', renamedAway: 1 } } as unknown as INode;
		expect(parameterProblems(wrong, describeType(trigger, 1)).map((p) => p.path).sort()).toEqual(['registerEndpoint', 'renamedAway']);
	});

	it.each(TEMPLATES)('%s', (file) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', file), 'utf8')) as { nodes: INode[] };
		const problems: ParameterProblem[] = [];
		for (const node of workflow.nodes) problems.push(...parameterProblems(node, describeType(node.type, node.typeVersion)));
		expect(problems).toEqual([]);
	});
});
