/**
 * The nodes' and credentials' descriptions as n8n reads them: each class declared in package.json's `n8n`
 * section, loaded from source and instantiated, with every parameter and option walked.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ICredentialType, INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function load<T>(dist: string): { src: string; instance: T } {
	const src = dist.replace(/^dist\//, '').replace(/\.js$/, '.ts');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const mod = require(path.join(ROOT, src)) as Record<string, new () => T>;
	const Cls = mod[path.basename(src).split('.')[0]];
	return { src, instance: new Cls() };
}

export const nodes = (): Array<{ src: string; description: INodeTypeDescription }> =>
	(pkg.n8n.nodes as string[]).map((d) => {
		const { src, instance } = load<INodeType>(d);
		return { src, description: instance.description };
	});

export const credentials = (): Array<{ src: string; credential: ICredentialType }> =>
	(pkg.n8n.credentials as string[]).map((d) => {
		const { src, instance } = load<ICredentialType>(d);
		return { src, credential: instance };
	});

export interface Described {
	/** where it sits: "Operation", "Options > Layout", "Fields to Show > Amount", ... */
	where: string;
	kind: 'parameter' | 'option' | 'collection';
	description: string | undefined;
}

/** Every parameter, every choice of an options/multiOptions list and every entry of a collection. */
export function walk(properties: INodeProperties[], prefix = ''): Described[] {
	const out: Described[] = [];
	for (const p of properties) {
		const where = prefix + (p.displayName || p.name);
		if (p.type !== 'notice' && p.type !== 'callout' && p.type !== 'button') out.push({ where, kind: 'parameter', description: p.description ?? p.hint });
		for (const o of (p.options ?? []) as Array<INodeProperties | INodePropertyOptions | INodePropertyCollection>) {
			if ('type' in o && typeof (o as INodeProperties).type === 'string' && 'default' in o) {
				out.push(...walk([o as INodeProperties], `${where} > `));
			} else if ('values' in o) {
				out.push({ where: `${where} > ${o.displayName}`, kind: 'collection', description: (o as INodePropertyCollection & { description?: string }).description });
				out.push(...walk((o as INodePropertyCollection).values, `${where} > ${o.displayName} > `));
			} else {
				out.push({ where: `${where} > ${(o as INodePropertyOptions).name}`, kind: 'option', description: (o as INodePropertyOptions).description });
			}
		}
	}
	return out;
}
