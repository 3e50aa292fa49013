/** Markdown helpers of the package tests. */

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
export function anchorsOf(md: string): Set<string> {
	const seen = new Map<string, number>();
	const out = new Set<string>();
	for (const line of md.replace(/^```[\s\S]*?^```/gm, '').split('\n')) {
		const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!h) continue;
		const text = h[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
		const base = text
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/ /g, '-');
		const n = seen.get(base) ?? 0;
		seen.set(base, n + 1);
		out.add(n === 0 ? base : `${base}-${n}`);
	}
	return out;
}
