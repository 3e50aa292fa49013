/**
 * A zlib stream (RFC 1950) of one fixed-Huffman deflate block (RFC 1951), in plain TypeScript: what the PNG
 * chart needs, without node:zlib (n8n's community-node rules allow no Node built-ins but crypto). No n8n imports.
 *
 * The chart's raster is flat colour, so it looks for repeats at two distances only: the pixel before
 * (`distances[0]`, runs of one colour) and the row above (`distances[1]`, identical rows). Greedy, longest match.
 */
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const MAX_MATCH = 258;
const MAX_DISTANCE = 32768;

class BitWriter {
	private bytes: number[] = [];
	private acc = 0;
	private n = 0;

	/** `len` bits of `value`, least significant first (header fields, extra bits). */
	bits(value: number, len: number): void {
		for (let i = 0; i < len; i++) this.bit((value >>> i) & 1);
	}

	/** A Huffman code: most significant bit first. */
	code(value: number, len: number): void {
		for (let i = len - 1; i >= 0; i--) this.bit((value >>> i) & 1);
	}

	private bit(b: number): void {
		this.acc |= b << this.n;
		if (++this.n === 8) {
			this.bytes.push(this.acc);
			this.acc = 0;
			this.n = 0;
		}
	}

	finish(): number[] {
		if (this.n > 0) this.bytes.push(this.acc);
		return this.bytes;
	}
}

function literalOrLength(w: BitWriter, sym: number): void {
	if (sym < 144) w.code(0x30 + sym, 8);
	else if (sym < 256) w.code(0x190 + sym - 144, 9);
	else if (sym < 280) w.code(sym - 256, 7);
	else w.code(0xc0 + sym - 280, 8);
}

function match(w: BitWriter, length: number, distance: number): void {
	let l = LENGTH_BASE.length - 1;
	while (LENGTH_BASE[l] > length) l--;
	literalOrLength(w, 257 + l);
	w.bits(length - LENGTH_BASE[l], LENGTH_EXTRA[l]);
	let d = DIST_BASE.length - 1;
	while (DIST_BASE[d] > distance) d--;
	w.code(d, 5);
	w.bits(distance - DIST_BASE[d], DIST_EXTRA[d]);
}

export function adler32(data: Uint8Array): number {
	let a = 1;
	let b = 0;
	for (let i = 0; i < data.length; i++) {
		a = (a + data[i]) % 65521;
		b = (b + a) % 65521;
	}
	return ((b << 16) | a) >>> 0;
}

/** `data` as a zlib stream; `distances` are the repeat distances to try (each 1 to 32768). */
export function zlibDeflate(data: Uint8Array, distances: number[] = [1]): Buffer {
	const usable = distances.filter((d) => Number.isInteger(d) && d >= 1 && d <= MAX_DISTANCE);
	const w = new BitWriter();
	w.bits(1, 1); // BFINAL: the only block
	w.bits(1, 2); // BTYPE 01: fixed Huffman codes
	for (let i = 0; i < data.length; ) {
		let bestLen = 0;
		let bestDist = 0;
		for (const d of usable) {
			if (d > i) continue;
			const max = Math.min(MAX_MATCH, data.length - i);
			let len = 0;
			while (len < max && data[i + len] === data[i + len - d]) len++;
			if (len > bestLen) {
				bestLen = len;
				bestDist = d;
			}
		}
		if (bestLen >= 3) {
			match(w, bestLen, bestDist);
			i += bestLen;
		} else {
			literalOrLength(w, data[i]);
			i++;
		}
	}
	literalOrLength(w, 256); // end of block
	const body = w.finish();
	const out = Buffer.alloc(2 + body.length + 4);
	out[0] = 0x78; // deflate, 32 KiB window
	out[1] = 0x01; // no dictionary, fastest level; (0x78 << 8 | 0x01) % 31 === 0
	Buffer.from(body).copy(out, 2);
	out.writeUInt32BE(adler32(data), 2 + body.length);
	return out;
}
