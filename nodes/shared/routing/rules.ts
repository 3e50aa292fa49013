/**
 * Routing rules: each names what it matches (a product by id or name, a price id, a price lookup key, or a
 * metadata key, optionally with a value) and where matching events go. Values are lists; `*` is a wildcard.
 * Plain data in, plain data out.
 */
import type { EventLines, ProductLine } from './lines';

export type RuleField = 'product' | 'price' | 'lookupKey' | 'metadata';
export const RULE_FIELDS: RuleField[] = ['product', 'price', 'lookupKey', 'metadata'];

export interface RouteRule {
	/** shown in the output (`route.rule`) and in errors */
	name: string;
	field: RuleField;
	/** product ids or names, price ids, lookup keys, or `key` / `key=value` for metadata */
	values: string[];
	/** where matching events go (copied to `route.channel`); may be empty when the outputs do the routing */
	channel: string;
}

export interface RawRule {
	name?: unknown;
	field?: unknown;
	values?: unknown;
	channel?: unknown;
}

/** Rules from the node's parameters; a rule that cannot work is an error that names it, never skipped. */
export function parseRules(raw: RawRule[]): RouteRule[] {
	return raw.map((r, i) => {
		const name = typeof r.name === 'string' && r.name.trim() ? r.name.trim() : `Rule ${i + 1}`;
		const field = r.field as RuleField;
		if (!RULE_FIELDS.includes(field)) {
			throw new Error(`${name}: "Match On" must be one of ${RULE_FIELDS.join(', ')}, got ${JSON.stringify(r.field)}`);
		}
		const values = (Array.isArray(r.values) ? r.values.map(String) : String(r.values ?? '').split(/[,\n]/))
			.map((v) => v.trim())
			.filter(Boolean);
		if (!values.length) throw new Error(`${name}: "Values" is empty; give at least one ${field === 'metadata' ? 'metadata key (or key=value)' : field}`);
		if (field === 'metadata' && values.some((v) => v.startsWith('='))) {
			throw new Error(`${name}: a metadata value must start with its key ("plan=pro"), got "${values.find((v) => v.startsWith('='))}"`);
		}
		const channel = typeof r.channel === 'string' ? r.channel.trim() : '';
		return { name, field, values, channel };
	});
}

function glob(pattern: string): (s: string | undefined) => boolean {
	const p = pattern.toLowerCase();
	if (!p.includes('*')) return (s) => s !== undefined && s.toLowerCase() === p;
	const re = new RegExp(`^${p.split('*').map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
	return (s) => s !== undefined && re.test(s.toLowerCase());
}

function metadataMatch(pattern: string, metadata: Record<string, string>): boolean {
	const eq = pattern.indexOf('=');
	const key = (eq < 0 ? pattern : pattern.slice(0, eq)).trim();
	const want = eq < 0 ? undefined : glob(pattern.slice(eq + 1).trim());
	const keyOk = glob(key);
	return Object.entries(metadata).some(([k, v]) => keyOk(k) && (!want || want(v)));
}

/** The lines (or, for metadata, the object itself) that make a rule match; empty when it does not. */
export function ruleMatches(rule: RouteRule, ev: EventLines): ProductLine[] | undefined {
	const tests = rule.values.map((v) => {
		if (rule.field === 'metadata') return (l: ProductLine) => metadataMatch(v, l.metadata);
		const g = glob(v);
		if (rule.field === 'product') return (l: ProductLine) => g(l.productId) || g(l.productName);
		if (rule.field === 'price') return (l: ProductLine) => g(l.priceId);
		return (l: ProductLine) => g(l.lookupKey);
	});
	const hits = ev.lines.filter((l) => tests.some((t) => t(l)));
	if (hits.length) return hits;
	if (rule.field === 'metadata' && rule.values.some((v) => metadataMatch(v, ev.metadata))) return [];
	return undefined;
}

/** Which of the rules need data that a payload may not carry. */
export function rulesNeed(rules: RouteRule[]): { lines: boolean; lookupKeys: boolean; productNames: boolean } {
	return {
		// metadata rules look at the object's metadata first, and at the lines' only if there are rules for it
		lines: rules.length > 0,
		lookupKeys: rules.some((r) => r.field === 'lookupKey'),
		productNames: rules.some((r) => r.field === 'product' && r.values.some((v) => !/^prod_/.test(v))),
	};
}
