/**
 * Text sparklines for Slack when chart uploads are off: one block character per bucket,
 * ▁▂▃▄▅▆▇█ scaled between the series' minimum (or 0) and maximum.
 */

export const SPARK_CHARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * sparkline([1, 5, 3]) → "▂█▅". The scale starts at 0 unless values go below 0; a flat series is
 * all "▁"; non-finite values count as 0. At most `maxWidth` characters: longer series are averaged
 * into that many groups.
 */
export function sparkline(values: readonly number[], maxWidth = 60): string {
	let v = values.map((x) => (Number.isFinite(x) ? x : 0));
	if (!v.length) return '';
	if (v.length > maxWidth) {
		const groups: number[] = [];
		for (let g = 0; g < maxWidth; g++) {
			const a = Math.floor((g * v.length) / maxWidth);
			const b = Math.floor(((g + 1) * v.length) / maxWidth);
			const slice = v.slice(a, Math.max(b, a + 1));
			groups.push(slice.reduce((s, x) => s + x, 0) / slice.length);
		}
		v = groups;
	}
	const lo = Math.min(0, ...v);
	const hi = Math.max(...v);
	if (hi === lo) return SPARK_CHARS[0].repeat(v.length);
	return v.map((x) => SPARK_CHARS[Math.min(7, Math.max(0, Math.round(((x - lo) / (hi - lo)) * 7)))]).join('');
}
