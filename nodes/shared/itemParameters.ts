/**
 * Per-item parameters at batch speed (no n8n imports; works on any object shaped like n8n's
 * IExecuteFunctions).
 *
 * n8n evaluates a parameter's expression once per item. With n8n 2.x's default expression engine
 * (`vm`, an isolated-vm isolate) one evaluation costs about 1 ms on a small machine, so a node with
 * three expressions spends 1.5 s on a batch of 500 events before doing any work. Two shortcuts, both
 * giving exactly what n8n would:
 *   - a parameter whose raw value cannot depend on the item (a constant, or an expression that names
 *     no item data: `$('Settings').first().json.x`, `$vars.x`, `$now`) is evaluated once per execution;
 *   - an expression that is only a property path of the item, `{{ $json.channel }}`, is read from the
 *     item directly (and evaluated by n8n when the item has no such property, for n8n's own handling).
 * Anything else goes to n8n for every item, as usual.
 */

interface ContextLike {
	getNode(): { parameters: Record<string, unknown> };
	getNodeParameter(name: string, itemIndex: number, fallback?: unknown): unknown;
}

/** Item data an expression can reach: $json, $binary, $input.item, $('X').item, $itemIndex, $node[..] (paired), … */
const ITEM_REFERENCE = /\$json|\$binary|\$item|\$input\.item|\.item\b|\.itemMatching|\.pairedItem|\$data|\$index|\$position|\$node\b|\$runIndex|\$parameter|\$self/;

/** Whether a raw parameter value (possibly a collection) contains an expression that may read the item. */
export function dependsOnItem(raw: unknown): boolean {
	if (typeof raw === 'string') return raw.startsWith('=') && ITEM_REFERENCE.test(raw);
	if (Array.isArray(raw)) return raw.some(dependsOnItem);
	if (raw && typeof raw === 'object') return Object.values(raw).some(dependsOnItem);
	return false;
}

const JSON_PATH = /^=\s*\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}\s*$/;

/** `={{ $json.a.b }}` -> ['a', 'b']; undefined for anything else. */
export function jsonPathOf(raw: unknown): string[] | undefined {
	if (typeof raw !== 'string') return undefined;
	const m = JSON_PATH.exec(raw);
	return m ? m[1].slice(1).split('.') : undefined;
}

/**
 * Returns `get(name, itemIndex, fallback)`, a drop-in for `this.getNodeParameter` inside execute().
 * `itemJson(i)` gives item i's json (for the property-path shortcut).
 */
export function itemParameters(ctx: ContextLike, itemJson: (i: number) => unknown) {
	const once = new Map<string, unknown>();
	const params = ctx.getNode().parameters ?? {};
	return function get<T = unknown>(name: string, itemIndex: number, fallback?: T): T {
		if (once.has(name)) return once.get(name) as T;
		const raw = params[name];
		const path = jsonPathOf(raw);
		if (path) {
			let v: unknown = itemJson(itemIndex);
			for (const key of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
			if (v !== undefined && v !== null && typeof v !== 'object') return v as T;
			return ctx.getNodeParameter(name, itemIndex, fallback) as T;
		}
		const value = ctx.getNodeParameter(name, itemIndex, fallback) as T;
		if (raw !== undefined && !dependsOnItem(raw)) once.set(name, value);
		return value;
	};
}
