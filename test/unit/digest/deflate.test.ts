/** digest/deflate.ts against node's own zlib: every stream it writes inflates back to the input. */
import * as fc from 'fast-check';
import { inflateSync } from 'zlib';
import { adler32, zlibDeflate } from '../../../nodes/shared/digest/deflate';
import { Raster, encodePng } from '../../../nodes/shared/digest/chart';

describe('zlibDeflate', () => {
	it('inflates back to any input, with any repeat distances', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 3000 }), fc.array(fc.integer({ min: 1, max: 40000 }), { maxLength: 3 }), (data, distances) => {
				expect(inflateSync(zlibDeflate(data, distances)).equals(Buffer.from(data))).toBe(true);
			}),
			{ numRuns: 200 },
		);
	});

	it('inflates back runs and repeated rows longer than one match (258 bytes), and compresses them', () => {
		const row = Buffer.alloc(3 * 700 + 1, 7);
		row.fill(200, 301, 1500);
		const raster = Buffer.concat(Array.from({ length: 50 }, () => row));
		const z = zlibDeflate(raster, [3, row.length]);
		expect(inflateSync(z).equals(raster)).toBe(true);
		expect(z.length).toBeLessThan(raster.length / 50);
	});

	it('computes Adler-32 (RFC 1950), checked by zlib on every inflate above', () => {
		expect(adler32(Buffer.from('Wikipedia'))).toBe(0x11e60398);
		expect(adler32(Buffer.alloc(0))).toBe(1);
	});

	it('gives the chart a PNG whose image data inflates to the raster', () => {
		const r = new Raster(40, 10, [255, 255, 255]);
		r.rect(5, 2, 20, 8, [99, 91, 255]);
		const png = encodePng(r);
		const idat = png.indexOf('IDAT');
		const len = png.readUInt32BE(idat - 4);
		expect(inflateSync(png.subarray(idat + 4, idat + 4 + len)).length).toBe((40 * 3 + 1) * 10);
	});
});
