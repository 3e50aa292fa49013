/**
 * A small bar chart rendered to PNG in plain TypeScript (deflate.ts for the zlib stream): an RGB raster, rectangles, lines,
 * a 5×7 bitmap font, and a PNG encoder (signature, IHDR, IDAT, IEND with CRC-32). Pure: the same
 * input always gives the same bytes.
 */
import { zlibDeflate } from './deflate';

export type Rgb = readonly [number, number, number];

export class Raster {
	readonly data: Uint8Array;

	constructor(
		readonly width: number,
		readonly height: number,
		background: Rgb = [255, 255, 255],
	) {
		if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width * height > 16_000_000) {
			throw new RangeError(`Bad image size ${width}×${height}`);
		}
		this.data = new Uint8Array(width * height * 3);
		for (let i = 0; i < this.data.length; i += 3) {
			this.data[i] = background[0];
			this.data[i + 1] = background[1];
			this.data[i + 2] = background[2];
		}
	}

	pixel(x: number, y: number, c: Rgb): void {
		if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
		const i = (Math.floor(y) * this.width + Math.floor(x)) * 3;
		this.data[i] = c[0];
		this.data[i + 1] = c[1];
		this.data[i + 2] = c[2];
	}

	/** Filled rectangle, clipped; x0..x1, y0..y1 in any order (inclusive of the lower bound). */
	rect(x0: number, y0: number, x1: number, y1: number, c: Rgb): void {
		const xa = Math.max(0, Math.round(Math.min(x0, x1)));
		const xb = Math.min(this.width, Math.round(Math.max(x0, x1)));
		const ya = Math.max(0, Math.round(Math.min(y0, y1)));
		const yb = Math.min(this.height, Math.round(Math.max(y0, y1)));
		for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) this.pixel(x, y, c);
	}

	/** A line `thickness` pixels wide (square brush), Bresenham. */
	line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness = 1): void {
		x0 = Math.round(x0);
		y0 = Math.round(y0);
		x1 = Math.round(x1);
		y1 = Math.round(y1);
		const dx = Math.abs(x1 - x0);
		const dy = -Math.abs(y1 - y0);
		const sx = x0 < x1 ? 1 : -1;
		const sy = y0 < y1 ? 1 : -1;
		let err = dx + dy;
		const h = Math.floor(thickness / 2);
		for (let guard = 0; guard < 100_000; guard++) {
			this.rect(x0 - h, y0 - h, x0 - h + thickness, y0 - h + thickness, c);
			if (x0 === x1 && y0 === y1) break;
			const e2 = 2 * err;
			if (e2 >= dy) {
				err += dy;
				x0 += sx;
			}
			if (e2 <= dx) {
				err += dx;
				y0 += sy;
			}
		}
	}

	/** Text in the 5×7 font, `scale` pixels per font dot; returns the width drawn. */
	text(x: number, y: number, s: string, c: Rgb, scale = 2): number {
		let cx = Math.round(x);
		for (const ch of s.toUpperCase()) {
			const g = FONT[ch] ?? FONT['?'];
			for (let row = 0; row < 7; row++) {
				for (let col = 0; col < 5; col++) {
					if (g[row] & (0x10 >> col)) this.rect(cx + col * scale, y + row * scale, cx + (col + 1) * scale, y + (row + 1) * scale, c);
				}
			}
			cx += 6 * scale;
		}
		return cx - Math.round(x);
	}
}

export function textWidth(s: string, scale = 2): number {
	return [...s].length * 6 * scale;
}

// 5×7 glyphs, one byte per row, bit 4 = leftmost column.
const FONT: Record<string, number[]> = {
	'0': [0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e],
	'1': [0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e],
	'2': [0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f],
	'3': [0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e],
	'4': [0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02],
	'5': [0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e],
	'6': [0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e],
	'7': [0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
	'8': [0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e],
	'9': [0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c],
	A: [0x0e, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11],
	B: [0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e],
	C: [0x0e, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0e],
	D: [0x1c, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1c],
	E: [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x1f],
	F: [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x10],
	G: [0x0e, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0f],
	H: [0x11, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11],
	I: [0x0e, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e],
	J: [0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0c],
	K: [0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11],
	L: [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1f],
	M: [0x11, 0x1b, 0x15, 0x15, 0x11, 0x11, 0x11],
	N: [0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11],
	O: [0x0e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e],
	P: [0x1e, 0x11, 0x11, 0x1e, 0x10, 0x10, 0x10],
	Q: [0x0e, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0d],
	R: [0x1e, 0x11, 0x11, 0x1e, 0x14, 0x12, 0x11],
	S: [0x0f, 0x10, 0x10, 0x0e, 0x01, 0x01, 0x1e],
	T: [0x1f, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
	U: [0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e],
	V: [0x11, 0x11, 0x11, 0x11, 0x11, 0x0a, 0x04],
	W: [0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0a],
	X: [0x11, 0x11, 0x0a, 0x04, 0x0a, 0x11, 0x11],
	Y: [0x11, 0x11, 0x0a, 0x04, 0x04, 0x04, 0x04],
	Z: [0x1f, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1f],
	' ': [0, 0, 0, 0, 0, 0, 0],
	'.': [0, 0, 0, 0, 0, 0x0c, 0x0c],
	',': [0, 0, 0, 0, 0x0c, 0x04, 0x08],
	':': [0, 0x0c, 0x0c, 0, 0x0c, 0x0c, 0],
	'-': [0, 0, 0, 0x1f, 0, 0, 0],
	'–': [0, 0, 0, 0x1f, 0, 0, 0],
	'+': [0, 0x04, 0x04, 0x1f, 0x04, 0x04, 0],
	'/': [0, 0x01, 0x02, 0x04, 0x08, 0x10, 0],
	'%': [0x18, 0x19, 0x02, 0x04, 0x08, 0x13, 0x03],
	'(': [0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02],
	')': [0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08],
	'·': [0, 0, 0, 0x04, 0, 0, 0],
	'?': [0x0e, 0x11, 0x01, 0x02, 0x04, 0, 0x04],
};

// ---------------------------------------------------------------- PNG

const CRC_TABLE = (() => {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	return t;
})();

export function crc32(buf: Uint8Array, crc = 0): number {
	let c = ~crc >>> 0;
	for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
	return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'ascii');
	Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Encode an RGB raster as a PNG (8-bit truecolour, no interlace, filter 0 on every row). */
export function encodePng(r: Raster): Buffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(r.width, 0);
	ihdr.writeUInt32BE(r.height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // colour type: truecolour
	ihdr[10] = 0; // compression
	ihdr[11] = 0; // filter method
	ihdr[12] = 0; // no interlace
	const stride = r.width * 3;
	const raw = Buffer.alloc((stride + 1) * r.height);
	for (let y = 0; y < r.height; y++) {
		raw[y * (stride + 1)] = 0;
		Buffer.from(r.data.buffer, r.data.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
	}
	return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', zlibDeflate(raw, [3, stride + 1])), chunk('IEND', new Uint8Array(0))]);
}

// ---------------------------------------------------------------- bar chart

export interface BarChartSpec {
	title: string;
	/** One label per bar (shown thinned out so they never overlap). */
	labels: string[];
	/** This period, in major units (e.g. dollars). */
	values: number[];
	/** The previous period, drawn as a grey line (same length as values, or shorter). */
	previous?: number[];
	/** Unit shown on the axis, e.g. "USD". */
	unit?: string;
	width?: number;
	height?: number;
	legend?: { current: string; previous?: string };
}

const INK: Rgb = [45, 52, 64];
const MUTED: Rgb = [120, 128, 140];
const GRID: Rgb = [228, 231, 236];
const BAR: Rgb = [99, 91, 255];
const BAR_NEG: Rgb = [223, 27, 65];
const PREV: Rgb = [150, 156, 168];

/** 1234567 → "1.2M", 12500 → "12.5K", 950 → "950", -3000 → "-3K". */
export function compactNumber(v: number): string {
	const a = Math.abs(v);
	const sign = v < 0 ? '-' : '';
	const fmt = (x: number) => (x >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10));
	if (a >= 1e9) return `${sign}${fmt(a / 1e9)}B`;
	if (a >= 1e6) return `${sign}${fmt(a / 1e6)}M`;
	if (a >= 1e3) return `${sign}${fmt(a / 1e3)}K`;
	return `${sign}${a >= 10 ? Math.round(a) : Math.round(a * 100) / 100}`;
}

/** A "nice" step (1, 2, 2.5, 5 × 10^k) so that `span` fits in about `ticks` steps. */
export function niceStep(span: number, ticks = 4): number {
	if (!(span > 0)) return 1;
	const raw = span / ticks;
	const p = 10 ** Math.floor(Math.log10(raw));
	for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
	return 10 * p;
}

/** Render the chart; returns PNG bytes. */
export function renderBarChart(spec: BarChartSpec): Buffer {
	const W = spec.width ?? 880;
	const H = spec.height ?? 360;
	const r = new Raster(W, H);
	const values = spec.values.map((v) => (Number.isFinite(v) ? v : 0));
	const prev = (spec.previous ?? []).map((v) => (Number.isFinite(v) ? v : 0));
	const all = [...values, ...prev, 0];
	let min = Math.min(...all);
	let max = Math.max(...all);
	if (max === min) max = min + 1;
	const step = niceStep(max - min);
	min = Math.floor(min / step) * step;
	max = Math.ceil(max / step) * step;

	const left = 96;
	const right = W - 24;
	const top = 70;
	const bottom = H - 64;
	r.text(24, 16, spec.title, INK, 2);
	const yOf = (v: number) => bottom - ((v - min) / (max - min)) * (bottom - top);

	// Grid and y labels.
	for (let v = min, i = 0; v <= max + step / 2 && i < 50; v += step, i++) {
		const y = Math.round(yOf(v));
		r.rect(left, y, right, y + 1, v === 0 ? MUTED : GRID);
		const label = compactNumber(v);
		r.text(left - 10 - textWidth(label), y - 7, label, MUTED, 2);
	}
	if (spec.unit) r.text(left - 10 - textWidth(spec.unit), top - 30, spec.unit, MUTED, 2);

	// Bars.
	const n = Math.max(1, values.length);
	const slot = (right - left) / n;
	const barW = Math.max(1, Math.floor(slot * 0.7));
	const zero = yOf(0);
	values.forEach((v, i) => {
		const x = left + i * slot + (slot - barW) / 2;
		const y = yOf(v);
		if (Math.abs(y - zero) < 1 && v !== 0) r.rect(x, zero - 1, x + barW, zero, v < 0 ? BAR_NEG : BAR);
		else r.rect(x, Math.min(y, zero), x + barW, Math.max(y, zero), v < 0 ? BAR_NEG : BAR);
	});

	// Previous period as a line with dots.
	if (prev.length > 1) {
		const pts = prev.slice(0, n).map((v, i) => [left + i * slot + slot / 2, yOf(v)] as const);
		for (let i = 1; i < pts.length; i++) r.line(pts[i - 1][0], pts[i - 1][1], pts[i][0], pts[i][1], PREV, 2);
		for (const [x, y] of pts) r.rect(x - 3, y - 3, x + 3, y + 3, PREV);
	}

	// X labels, thinned out to fit.
	const maxLabel = Math.max(1, ...spec.labels.map((l) => textWidth(l)));
	const every = Math.max(1, Math.ceil((maxLabel + 12) / slot));
	spec.labels.forEach((l, i) => {
		if (i % every !== 0 || i >= n) return;
		const cx = left + i * slot + slot / 2;
		r.text(cx - textWidth(l) / 2, bottom + 10, l, MUTED, 2);
	});

	// Legend.
	const ly = H - 26;
	r.rect(left, ly, left + 14, ly + 14, BAR);
	let lx = left + 22 + r.text(left + 22, ly, spec.legend?.current ?? 'This period', INK, 2) + 24;
	if (prev.length > 1) {
		r.line(lx, ly + 7, lx + 22, ly + 7, PREV, 2);
		lx += 30;
		r.text(lx, ly, spec.legend?.previous ?? 'Previous period', INK, 2);
	}
	return encodePng(r);
}
