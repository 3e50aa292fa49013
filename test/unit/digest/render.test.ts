import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { PNG_SIGNATURE, Raster, compactNumber, encodePng, niceStep, renderBarChart } from '../../../nodes/shared/digest/chart';
import { checkPng } from './png';
import { sparkline } from '../../../nodes/shared/digest/sparkline';
import { changeMarker, digestChart, digestMessage, primaryCurrency } from '../../../nodes/shared/digest/blocks';
import { validateMessage } from '../../../nodes/shared/format/limits';
import { sampleSummary, totals } from './fixtures';

/** Independent PNG reader: chunks, CRCs (node's zlib.crc32 when present), pixels of filter-0 RGB rows. */
function readPng(png: Buffer) {
	expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	const chunks: Array<{ type: string; data: Buffer }> = [];
	for (let off = 8; off < png.length; ) {
		const len = png.readUInt32BE(off);
		const type = png.toString('ascii', off + 4, off + 8);
		const data = png.subarray(off + 8, off + 8 + len);
		const crc = png.readUInt32BE(off + 8 + len);
		if (typeof zlibCrc32 === 'function') expect(zlibCrc32(png.subarray(off + 4, off + 8 + len))).toBe(crc);
		chunks.push({ type, data });
		off += 12 + len;
	}
	const ihdr = chunks[0].data;
	const w = ihdr.readUInt32BE(0);
	const h = ihdr.readUInt32BE(4);
	const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
	const px = (x: number, y: number) => {
		const i = y * (w * 3 + 1) + 1 + x * 3;
		return [raw[i], raw[i + 1], raw[i + 2]];
	};
	return { types: chunks.map((c) => c.type), w, h, ihdr, raw, px };
}

describe('PNG', () => {
	test('encoder: signature, IHDR, CRCs, IDAT inflates to the raster', () => {
		const r = new Raster(3, 2, [10, 20, 30]);
		r.pixel(1, 1, [255, 0, 0]);
		const png = encodePng(r);
		const p = readPng(png);
		expect(p.types).toEqual(['IHDR', 'IDAT', 'IEND']);
		expect([p.w, p.h, p.ihdr[8], p.ihdr[9], p.ihdr[10], p.ihdr[11], p.ihdr[12]]).toEqual([3, 2, 8, 2, 0, 0, 0]);
		expect(p.px(0, 0)).toEqual([10, 20, 30]);
		expect(p.px(1, 1)).toEqual([255, 0, 0]);
		expect(checkPng(png)).toMatchObject({ width: 3, height: 2, bitDepth: 8, colorType: 2 });
		const bad = Buffer.from(png);
		bad[20] ^= 0xff;
		expect(() => checkPng(bad)).toThrow(/CRC/);
		expect(PNG_SIGNATURE.length).toBe(8);
	});

	test('bar chart: valid PNG with bars in the brand colour, negatives in red, deterministic', () => {
		const spec = { title: 'USD gross per day', labels: ['1', '2', '3', '4'], values: [100, 250, -50, 400], previous: [120, 200, 100, 300], unit: 'USD' };
		const a = renderBarChart(spec);
		expect(renderBarChart(spec).equals(a)).toBe(true);
		const p = readPng(a);
		expect([p.w, p.h]).toEqual([880, 360]);
		let brand = 0;
		let red = 0;
		for (let y = 0; y < p.h; y++) for (let x = 0; x < p.w; x++) {
			const [r, g, b] = p.px(x, y);
			if (r === 99 && g === 91 && b === 255) brand++;
			if (r === 223 && g === 27 && b === 65) red++;
		}
		expect(brand).toBeGreaterThan(5000);
		expect(red).toBeGreaterThan(100);
	});

	test('axis helpers', () => {
		expect(niceStep(1000)).toBe(250);
		expect(niceStep(9000)).toBe(2500);
		expect(compactNumber(12500)).toBe('12.5K');
		expect(compactNumber(-3000)).toBe('-3K');
		expect(compactNumber(1234567)).toBe('1.2M');
		expect(compactNumber(0.5)).toBe('0.5');
	});
});

test('sparkline', () => {
	expect(sparkline([1, 5, 3])).toBe('▂█▅');
	expect(sparkline([0, 0, 0])).toBe('▁▁▁');
	expect(sparkline([])).toBe('');
	expect(sparkline([-1, 0, 1])).toBe('▁▅█');
	expect([...sparkline(Array.from({ length: 500 }, (_, i) => i), 40)]).toHaveLength(40);
});

// ---------------------------------------------------------------- digest message

describe('digest message', () => {
	test('header, totals per currency with markers, subscriptions, top customers, context; valid Block Kit', () => {
		const m = digestMessage(sampleSummary(), { chart: 'sparkline' });
		expect(validateMessage(m.blocks, m.text)).toEqual([]);
		expect(m.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '📊 Revenue digest · Last 7 days, 16 Nov – 22 Nov 2026', emoji: true } });
		const all = JSON.stringify(m.blocks);
		expect(all).toContain('*Gross*\\n$1,234,567.89  ▲ 12.2%');
		expect(all).toContain('*Net*\\n');
		expect(all).toContain('¥9,876,543');
		expect(all).toContain('KWD');
		expect(all).toContain('12,345.678'); // three-decimal currency
		expect(all).toContain('▲ new'); // KWD had no previous figures
		expect(all).toContain('＝'); // JPY unchanged
		expect(all).toContain('gross by day: ');
		expect(all).toMatch(/[▁▂▃▄▅▆▇█]{7}/);
		expect(all).toContain('42 new');
		expect(all).toContain('MRR +$1,110.00');
		expect(all).toContain('generated Mon 23 Nov 2026, 08:00 (Europe/Berlin)');
		expect(all).toContain('compared with 2026-11-09 – 2026-11-15');
		expect(m.metadata).toMatchObject({ category: 'summary', event_count: 123_456, currency: 'usd' });
		expect(m.text).toContain('USD gross $1,234,567.89');
	});

	test('everything from data is escaped and neutralised', () => {
		const m = digestMessage(sampleSummary());
		const all = JSON.stringify(m.blocks);
		expect(all).not.toContain('<!channel>');
		expect(all).toContain('&lt;!channel&gt;');
		expect(all).not.toContain('*Corp*');
		expect(all).toContain('Bob &amp; Co');
		expect(all).toContain('&lt;script&gt; &amp; stuff');
		expect(all).toContain('`cus_Abc123`');
		expect(all).toContain('≈$4,000.00'); // approximate top-N entry
		expect(all).toContain('approximate');
	});

	test('many currencies and long values stay within Block Kit limits', () => {
		const many = Array.from({ length: 40 }, (_, i) => totals(`x${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`, 1000 + i));
		const s = sampleSummary({ currencies: many, warnings: Array.from({ length: 30 }, () => 'x'.repeat(5000)) });
		const m = digestMessage(s, { maxCurrencies: 40, title: 'T'.repeat(400) });
		expect(validateMessage(m.blocks, m.text)).toEqual([]);
		expect(m.blocks.length).toBeLessThanOrEqual(50);
		const few = digestMessage(s);
		expect(JSON.stringify(few.blocks)).toContain('Also 36 more currencies');
	});

	test('empty period and image mode', () => {
		const s = sampleSummary({ currencies: [], changes: [], topCustomers: [], subscriptions: [], warnings: [] });
		const m = digestMessage(s, { chart: 'image' });
		expect(validateMessage(m.blocks, m.text)).toEqual([]);
		expect(JSON.stringify(m.blocks)).toContain('No balance transactions in this period');
		expect(m.text).toContain('no balance transactions');
		const withChart = digestMessage(sampleSummary(), { chart: 'image' });
		expect(JSON.stringify(withChart.blocks)).toContain('Chart of USD gross in the thread');
		expect(JSON.stringify(withChart.blocks)).not.toMatch(/gross by day/);
	});

	test('markers and primary currency', () => {
		expect(changeMarker({ current: 1, previous: 1, delta: 0, pct: 0 })).toBe('＝');
		expect(changeMarker({ current: 90, previous: 100, delta: -10, pct: -10 })).toBe('▼ 10.0%');
		expect(changeMarker({ current: 5000, previous: 10, delta: 4990, pct: 49900 })).toBe('▲ 49,900%');
		expect(primaryCurrency(sampleSummary())).toBe('usd');
	});

	test('digestChart renders the primary currency with the previous period', () => {
		const c = digestChart(sampleSummary())!;
		expect(c.currency).toBe('usd');
		expect(c.title).toBe('USD gross per day · Last 7 days, 16 Nov – 22 Nov 2026');
		expect(checkPng(c.png)).toMatchObject({ width: 880, height: 360 });
		expect(digestChart(sampleSummary(), { currency: 'chf' })).toBeUndefined();
		if (process.env.WRITE_DIGEST_SCREENSHOT) require('node:fs').writeFileSync(process.env.WRITE_DIGEST_SCREENSHOT, c.png);
	});
});
