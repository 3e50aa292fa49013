/** Test helper: decode-checks a PNG the chart encoder wrote (node:zlib may be used here, in the tests). */
import { inflateSync } from 'zlib';
import { PNG_SIGNATURE, crc32 } from '../../../nodes/shared/digest/chart';

export interface PngInfo {
	width: number;
	height: number;
	bitDepth: number;
	colorType: number;
	chunks: string[];
}

/** Decode-check a PNG: signature, chunk CRCs, IHDR, and that IDAT inflates to the expected size. */
export function checkPng(png: Buffer): PngInfo {
	if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('Not a PNG signature');
	let off = 8;
	const chunks: string[] = [];
	let info: PngInfo | undefined;
	const idat: Buffer[] = [];
	while (off < png.length) {
		const len = png.readUInt32BE(off);
		const type = png.toString('ascii', off + 4, off + 8);
		const data = png.subarray(off + 8, off + 8 + len);
		const crc = png.readUInt32BE(off + 8 + len);
		if (crc32(png.subarray(off + 4, off + 8 + len)) !== crc) throw new Error(`Bad CRC in ${type}`);
		chunks.push(type);
		if (type === 'IHDR') info = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8], colorType: data[9], chunks };
		if (type === 'IDAT') idat.push(Buffer.from(data));
		off += 12 + len;
		if (type === 'IEND') break;
	}
	if (!info || chunks[0] !== 'IHDR' || chunks[chunks.length - 1] !== 'IEND') throw new Error('PNG chunks out of order');
	const raw = inflateSync(Buffer.concat(idat));
	if (raw.length !== (info.width * 3 + 1) * info.height) throw new Error(`IDAT size ${raw.length} does not match ${info.width}×${info.height}`);
	return info;
}
