/**
 * Values split across fields (pure, issue #29 item 3). Half a card number in one checkout custom field and
 * the other half in the next, halves in two metadata keys or two allow-listed metadata values, an SSN split
 * between an invoice number and a description: each half looks harmless to a scanner that reads one field.
 * So the free-text fields of one object are also read JOINED, in reading order, and what the scanners find
 * across a boundary is masked in every field that holds a share of it, wherever that field is printed.
 *
 * Reading order. The object's string values in its own key order (nested ones too), then its `number` and
 * its `description`, then its metadata as key, value, key, value, then its custom fields as label, value.
 * Three sequences are read: that whole order; the values only (keys and labels skipped, as a reader skips
 * labels: two metadata values, two custom fields, an invoice number and the description are neighbours);
 * and the description followed by the metadata keys and the custom-field labels. Neighbours in any of the
 * three are joined with one space.
 *
 * The rule against false positives. Only a boundary whose two sides could carry one value is read: digits
 * within the last 12 characters of the left field and the first 12 of the right one, or an `@`, `_` or `-`
 * at the edge (an email or a key cut in two), or a `.` at the edge where one of the two holds an `@`. The
 * text around it (up to 80 characters each side) goes through the same scanners as every field; a match
 * counts only where it differs from what the scanners find in each field read alone, so a value that lies
 * wholly in one field changes nothing here, and neither do the words a tolerant scanner reads on into from it.
 * What remains: two independent digit runs in neighbouring fields that touch the boundary and together make
 * a 13 to 19 digit run pass the card check one time in ten (Luhn), and a 3, 2, 4 digit split reads as an
 * SSN; both then lose their share. Numbers separated by a key or a label are not neighbours in the values
 * sequence only when something else (text) lies between them.
 */
import { normalizeText, skeleton } from './normalize';
import { scanText } from './scanners';
import type { RedactionLevel } from './types';

/** A field that holds a share of a split value, by its raw text → that text normalised with the share masked. */
export type SplitShares = ReadonlyMap<string, string>;

export const SPLIT_MASK = '[split value removed]';

const MAX_PARTS = 200;
const MAX_DEPTH = 6;
const MAX_PART_CHARS = 20_000;
/** Characters read on each side of a boundary: a card number spread over groups with wide separators fits. */
const WINDOW = 80;
const EDGE = 12;
/** Cost of one more changed stretch in the alignment: keeps a short coincidental match inside a mask masked. */
const HUNK = 6;
const MAX_CELLS = 40_000;

/** Keys whose values are never free text (ids, enums, codes, links). */
const SKIP_KEYS = new Set(['id', 'object', 'currency', 'status', 'type', 'api_version', 'country', 'livemode', 'url', 'client_secret']);
const STRIPE_ID = /^[a-z]{2,12}_[A-Za-z0-9_]{6,}$/;
const ENUM = /^[a-z]+(?:_[a-z0-9]+)+$/;

interface Part {
	raw: string;
	norm?: string;
	edges?: { head: string; tail: string };
}

interface Collected {
	texts: number[];
	number?: number;
	description?: number;
	metadata: Array<[number, number]>;
	custom: Array<[number | undefined, number | undefined]>;
}

function collect(obj: Record<string, unknown>, parts: Part[]): Collected {
	const c: Collected = { texts: [], metadata: [], custom: [] };
	const add = (raw: unknown): number | undefined => {
		if (typeof raw !== 'string' || !raw || parts.length >= MAX_PARTS) return undefined;
		if (raw.length > MAX_PART_CHARS || STRIPE_ID.test(raw) || ENUM.test(raw) || /^\s*https?:\/\//i.test(raw)) return undefined;
		parts.push({ raw });
		return parts.length - 1;
	};
	const walk = (x: unknown, depth: number): void => {
		if (depth > MAX_DEPTH || parts.length >= MAX_PARTS) return;
		if (Array.isArray(x)) for (const v of x) walk(v, depth + 1);
		else if (x && typeof x === 'object') {
			for (const k in x as Record<string, unknown>) {
				if (SKIP_KEYS.has(k)) continue;
				const v = (x as Record<string, unknown>)[k];
				if (typeof v === 'string') {
					const i = add(v);
					if (i !== undefined) c.texts.push(i);
				} else if (k === 'metadata' && v && typeof v === 'object' && !Array.isArray(v)) {
					// Nested metadata (a line item's): its keys are text too.
					for (const [mk, mv] of Object.entries(v)) for (const i of [add(mk), add(mv)]) if (i !== undefined) c.texts.push(i);
				} else walk(v, depth + 1);
			}
		}
	};
	for (const k in obj) {
		const v = obj[k];
		if (SKIP_KEYS.has(k)) continue;
		if (k === 'number' || k === 'description') c[k] = add(v);
		else if (k === 'metadata' && v && typeof v === 'object' && !Array.isArray(v)) {
			for (const [mk, mv] of Object.entries(v)) {
				const ki = add(mk);
				const vi = add(mv);
				if (ki !== undefined && vi !== undefined) c.metadata.push([ki, vi]);
				else if (ki !== undefined || vi !== undefined) c.texts.push((ki ?? vi)!);
			}
		} else if (k === 'custom_fields' && Array.isArray(v)) {
			for (const f of v) {
				if (!f || typeof f !== 'object') continue;
				type Field = { label?: { custom?: unknown }; name?: unknown; value?: unknown; text?: { value?: unknown }; numeric?: { value?: unknown }; dropdown?: { value?: unknown } };
				const o = f as Field;
				// Checkout's custom fields (label.custom; text, numeric or dropdown value) and the invoice's (name, value).
				const label = add(o.label?.custom ?? o.name);
				const value = add(o.text?.value ?? o.numeric?.value ?? o.dropdown?.value ?? o.value);
				c.custom.push([label, value]);
			}
		} else if (typeof v === 'string') {
			const i = add(v);
			if (i !== undefined) c.texts.push(i);
		} else walk(v, 1);
	}
	return c;
}

const defined = (xs: Array<number | undefined>): number[] => xs.filter((x): x is number => x !== undefined);

/** The three reading sequences (see the module comment). */
function sequences(c: Collected): number[][] {
	const head = [...c.texts, ...defined([c.number, c.description])];
	return [
		[...head, ...c.metadata.flat(), ...defined(c.custom.flat())],
		[...head, ...c.metadata.map(([, v]) => v), ...defined(c.custom.map(([, v]) => v))],
		defined([c.description, ...c.metadata.map(([k]) => k), ...c.custom.map(([l]) => l)]),
	];
}

const norm = (p: Part): string => (p.norm ??= normalizeText(p.raw));

/** The first and last characters of a field as the scanners see them (printable ASCII needs no normalising). */
function edges(p: Part): { head: string; tail: string } {
	if (p.edges) return p.edges;
	const form = (x: string) => (/^[\x20-\x7e]*$/.test(x) ? x.trim() : skeleton(normalizeText(x)));
	return (p.edges = { head: form(p.raw.slice(0, 2 * EDGE)).slice(0, EDGE), tail: form(p.raw.slice(-2 * EDGE)).slice(-EDGE) });
}

/** Whether the two sides of a boundary could carry one value (the rule in the module comment). */
function candidate(left: Part, right: Part): boolean {
	const tail = edges(left).tail;
	const head = edges(right).head;
	if (/\d/.test(tail) && /\d/.test(head)) return true;
	if (/[@_-]$/.test(tail) || /^[@_-]/.test(head)) return true;
	// A dot at the edge ends most sentences: it joins an address cut in two only where one side has its `@`.
	return (/\.$/.test(tail) || /^\./.test(head)) && (left.raw.includes('@') || right.raw.includes('@'));
}

/**
 * Which characters of `a` the scanners removed to give `b` (b is a with stretches replaced). An alignment
 * of least cost: one per character removed or inserted, HUNK more per stretch, so a mask that shares a
 * letter or two with what it replaced still counts as one replaced stretch.
 */
export function removedChars(a: string, b: string): boolean[] {
	const removed = new Array<boolean>(a.length).fill(false);
	let p = 0;
	while (p < a.length && p < b.length && a[p] === b[p]) p++;
	let s = 0;
	while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
	const A = a.slice(p, a.length - s);
	const B = b.slice(p, b.length - s);
	if (!A.length) return removed;
	if (!B.length || (A.length + 1) * (B.length + 1) > MAX_CELLS) {
		for (let i = p; i < a.length - s; i++) removed[i] = true;
		return removed;
	}
	const n = A.length;
	const m = B.length;
	const W = m + 1;
	const INF = 1e9;
	const keep = new Int32Array((n + 1) * W).fill(INF);
	const hunk = new Int32Array((n + 1) * W).fill(INF);
	keep[0] = 0;
	for (let i = 0; i <= n; i++) {
		for (let j = 0; j <= m; j++) {
			const at = i * W + j;
			if (i > 0 && j > 0 && A[i - 1] === B[j - 1]) keep[at] = Math.min(keep[at - W - 1], hunk[at - W - 1]);
			if (i === 0 && j === 0) continue;
			let h = INF;
			if (i > 0) h = Math.min(h, keep[at - W] + HUNK + 1, hunk[at - W] + 1);
			if (j > 0) h = Math.min(h, keep[at - 1] + HUNK + 1, hunk[at - 1] + 1);
			hunk[at] = h;
		}
	}
	let i = n;
	let j = m;
	let inHunk = hunk[n * W + m] < keep[n * W + m];
	while (i > 0 || j > 0) {
		const at = i * W + j;
		if (!inHunk) {
			inHunk = hunk[at - W - 1] < keep[at - W - 1];
			i--;
			j--;
			continue;
		}
		const h = hunk[at];
		if (i > 0 && h === keep[at - W] + HUNK + 1) {
			removed[p + --i] = true;
			inHunk = false;
		} else if (i > 0 && h === hunk[at - W] + 1) removed[p + --i] = true;
		else if (j > 0 && h === keep[at - 1] + HUNK + 1) {
			j--;
			inHunk = false;
		} else j--;
	}
	return removed;
}

interface Segment {
	part: number;
	/** Offset of the segment in the part's normalised text, and in the window. */
	from: number;
	at: number;
	length: number;
}

/** The text around the boundary after `seq[k]`: up to WINDOW characters each side, whole parts joined by a space. */
function windowAt(parts: Part[], seq: number[], k: number): { text: string; boundary: number; segments: Segment[] } {
	const left: Array<{ part: number; from: number; text: string }> = [];
	let size = 0;
	for (let i = k; i >= 0 && size < WINDOW; i--) {
		const t = norm(parts[seq[i]]);
		const from = Math.max(0, t.length - (WINDOW - size));
		left.unshift({ part: seq[i], from, text: t.slice(from) });
		size += t.length - from + 1;
	}
	const right: Array<{ part: number; from: number; text: string }> = [];
	size = 0;
	for (let i = k + 1; i < seq.length && size < WINDOW; i++) {
		const t = norm(parts[seq[i]]);
		const cut = t.slice(0, WINDOW - size);
		right.push({ part: seq[i], from: 0, text: cut });
		size += cut.length + 1;
	}
	const segments: Segment[] = [];
	let text = '';
	let boundary = 0;
	for (const [n, s] of [...left, ...right].entries()) {
		// A cut inside a part: no space or half surrogate pair at the window's edges (normalising would move them).
		let t = s.text;
		let from = s.from;
		if (n === 0) {
			const lead = t.length - t.replace(/^[\s\uDC00-\uDFFF]+/, '').length;
			t = t.slice(lead);
			from += lead;
		}
		if (n === left.length + right.length - 1) t = t.replace(/[\s\uD800-\uDBFF]+$/, '');
		if (text) text += ' ';
		if (n === left.length) boundary = text.length - 1;
		segments.push({ part: s.part, from, at: text.length, length: t.length });
		text += t;
	}
	return { text, boundary, segments };
}

/**
 * A stretch the scanners removed from the joined text is not a split value when one field holds a value
 * whole (the scanners find part of the stretch in that field read alone) and the rest of the stretch, in the
 * other field, carries no digit: a tolerant scanner read on from the value into its neighbour's words
 * ("declined. jenny.rosen@example.com" read as one address). The address is masked in its own field; the
 * neighbour keeps its words. Such stretches are cleared in `whole`. A rest with a digit stays masked: it may
 * be the other half of a number (a phone's country and area code beside its masked line number).
 */
function keepOnlySplitValues(text: string, whole: boolean[], apart: boolean[], boundary: number): void {
	for (let i = 0; i < whole.length; ) {
		if (!whole[i]) {
			i++;
			continue;
		}
		let j = i;
		while (j < whole.length && (whole[j] || j === boundary)) j++;
		const sides = [
			[i, Math.min(j, boundary)],
			[Math.max(i, boundary + 1), j],
		].filter(([a, b]) => a < b);
		const foundApart = (a: number, b: number) => apart.slice(a, b).some(Boolean);
		const ownValue = sides.some(([a, b]) => foundApart(a, b));
		const restHasDigit = sides.some(([a, b]) => !foundApart(a, b) && /\d/.test(text.slice(a, b)));
		if (ownValue && !restHasDigit) for (let k = i; k < j; k++) whole[k] = false;
		i = j;
	}
}

/**
 * The shares of values split across the free-text fields of `obj`, found at `level`; undefined when there
 * are none (the usual case, at the cost of a look at each boundary's edges).
 */
export function splitShares(obj: unknown, level: RedactionLevel): SplitShares | undefined {
	if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
	const parts: Part[] = [];
	const seqs = sequences(collect(obj as Record<string, unknown>, parts));
	// Marks by the field's raw text: the same text in two places gets the shares found in either.
	const marks = new Map<string, boolean[]>();
	const seen = new Set<string>();
	// Each field's text read alone, once per object (windows overlap, and a field sits in several sequences).
	const alone = new Map<string, string>();
	const scanAlone = (t: string): string => {
		let r = alone.get(t);
		if (r === undefined) alone.set(t, (r = scanText(t, level)));
		return r;
	};
	for (const seq of seqs) {
		for (let k = 0; k + 1 < seq.length; k++) {
			const pair = `${seq[k]},${seq[k + 1]}`;
			if (seen.has(pair)) continue;
			seen.add(pair);
			if (!candidate(parts[seq[k]], parts[seq[k + 1]])) continue;
			const w = windowAt(parts, seq, k);
			const joined = scanText(w.text, level);
			// Nothing found in the joined text (the usual case): nothing can be split here either.
			if (joined === w.text) continue;
			const texts = w.segments.map((s) => w.text.slice(s.at, s.at + s.length));
			const scans = texts.map(scanAlone);
			// The joined reading finds nothing the fields read alone do not.
			if (joined === scans.join(' ')) continue;
			// Normalising the window changed it (rare): every share in the window goes.
			const exact = normalizeText(w.text) === w.text;
			const whole = exact ? removedChars(w.text, joined) : new Array<boolean>(w.text.length).fill(true);
			// What each field's text in the window gives read alone: a value found there is that field's own.
			const apart = new Array<boolean>(w.text.length).fill(false);
			if (exact) w.segments.forEach((s, n) => removedChars(texts[n], scans[n]).forEach((r, i) => (apart[s.at + i] = r)));
			if (exact) keepOnlySplitValues(w.text, whole, apart, w.boundary);
			for (const s of w.segments) {
				const raw = parts[s.part].raw;
				let m = marks.get(raw);
				for (let i = 0; i < s.length; i++) {
					if (!whole[s.at + i] || apart[s.at + i]) continue;
					if (!m) marks.set(raw, (m = new Array<boolean>(norm(parts[s.part]).length).fill(false)));
					m[s.from + i] = true;
				}
			}
		}
	}
	if (!marks.size) return undefined;
	const out = new Map<string, string>();
	for (const [raw, m] of marks) {
		const t = normalizeText(raw);
		let masked = '';
		for (let i = 0; i < t.length; ) {
			if (!m[i]) masked += t[i++];
			else {
				while (i < t.length && m[i]) i++;
				masked += SPLIT_MASK;
			}
		}
		out.set(raw, masked);
	}
	return out;
}

/** The shares of several objects read apart (a desk card's customer, its charges and invoices), in one map. */
export function splitSharesOf(objects: unknown[], level: RedactionLevel): SplitShares | undefined {
	let out: Map<string, string> | undefined;
	for (const o of objects) {
		const s = splitShares(o, level);
		if (s) for (const [k, v] of s) (out ??= new Map()).set(k, out.get(k) && out.get(k)!.length < v.length ? out.get(k)! : v);
	}
	return out;
}
