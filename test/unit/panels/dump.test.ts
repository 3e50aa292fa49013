import { nodes, walk } from './nodeDescriptions';
it('dump', () => {
	const out: string[] = [];
	for (const n of nodes()) for (const d of walk(n.description.properties)) if (/^Options > [^>]*$/.test(d.where) || !d.description?.trim()) out.push(`${n.description.displayName}: ${d.kind} ${d.where}${d.description?.trim() ? '' : '   <<MISSING'}`);
	console.log(out.join('\n'));
});
