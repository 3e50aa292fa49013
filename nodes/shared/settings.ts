/**
 * Settings a person edits in a template's Settings node (an n8n Set node), read by our nodes through
 * expressions like `{{ $('Settings').first().json['Payments channel'] }}`. No n8n imports: the node-side
 * part is `n8n/settings.ts`.
 * - `settingReferences`: which settings of which node a parameter's expression reads;
 * - `missingSettings`: the ones whose node ran but has no such field (renamed or deleted), so the node can say
 *   "The setting "Payments channel" is missing from Settings — was it renamed?" instead of using nothing;
 * - `settingHolding`: the name of the setting that holds a value (to name it in a mistake);
 * - `isNoneWord`: "none", "off", "no", "-": an empty setting written so that the editor shows a word.
 */

export interface SettingReference {
	/** The node whose output is read ("Settings"). */
	node: string;
	/** The field read ("Payments channel"). */
	setting: string;
}

// $('Settings').first().json['Payments channel'], $("Settings").item.json.quietHours, $('Settings').last().json["x"]
const REFERENCE =
	/\$\(\s*(['"])((?:(?!\1).)+)\1\s*\)\s*\.\s*(?:first\(\s*\)|last\(\s*\)|item|all\(\s*\)\s*\[\s*0\s*\])\s*\.\s*json\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*(['"])((?:(?!\4).)+)\4\s*\])/g;

/** Every setting read by the expressions in a parameter value (strings, arrays and objects are walked). */
export function settingReferences(value: unknown, out: SettingReference[] = []): SettingReference[] {
	if (typeof value === 'string') {
		if (!value.startsWith('=')) return out;
		for (const m of value.matchAll(REFERENCE)) {
			const ref = { node: m[2], setting: m[3] ?? m[5] };
			if (!out.some((r) => r.node === ref.node && r.setting === ref.setting)) out.push(ref);
		}
	} else if (Array.isArray(value)) {
		for (const v of value) settingReferences(v, out);
	} else if (value && typeof value === 'object') {
		for (const v of Object.values(value)) settingReferences(v, out);
	}
	return out;
}

/**
 * The references whose node's output is known (`outputs[node]` is an object) and has no such field.
 * A node that did not run (undefined) is not judged here: n8n says so itself.
 */
export function missingSettings(refs: SettingReference[], outputs: Record<string, unknown>): SettingReference[] {
	return refs.filter((r) => {
		const json = outputs[r.node];
		return !!json && typeof json === 'object' && !Object.prototype.hasOwnProperty.call(json, r.setting);
	});
}

/** The words of a missing setting's error, and what to do. */
export function missingSettingError(missing: SettingReference[]): { message: string; description: string } {
	const first = missing[0];
	const names = missing.map((m) => `"${m.setting}"`).join(', ');
	return {
		message:
			missing.length === 1
				? `The setting "${first.setting}" is missing from ${first.node} — was it renamed?`
				: `The settings ${names} are missing from ${first.node} — were they renamed?`,
		description: `This node reads ${names} from the "${first.node}" node, and that node has no field of that name. Open ${first.node} and give the field its name back exactly (capitals and spaces count), or change this node's expression to the new name.`,
	};
}

/** The name of the setting (a field of the Settings output) holding exactly `value`, or undefined. */
export function settingHolding(value: string, settings: unknown): string | undefined {
	if (!value || !settings || typeof settings !== 'object') return undefined;
	const v = value.trim();
	for (const [name, held] of Object.entries(settings as Record<string, unknown>)) {
		if (typeof held === 'string' && held.trim() === v && /\s/.test(name)) return name;
	}
	for (const [name, held] of Object.entries(settings as Record<string, unknown>)) {
		if (typeof held === 'string' && held.trim() === v) return name;
	}
	return undefined;
}

/** True for a setting left empty on purpose in words: "none", "off", "no", "nobody", "never", "-". */
export function isNoneWord(value: string | undefined | null): boolean {
	return /^\s*(?:none|off|no|nobody|never|-|—)\s*$/i.test(value ?? '');
}
