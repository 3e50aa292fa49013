/**
 * The revenue digest message: header, totals per currency with ▲/▼ against the previous period,
 * subscriptions and MRR movement, top customers (already redacted by summarizeRevenue), a sparkline
 * or a pointer to the chart, and a context line with the period and when it was generated.
 * Every value from data goes through mrkdwn escaping; the result is cut to Block Kit's limits.
 */
import { safeStripeId } from '../format/dashboard';
import { enforceLimits } from '../format/limits';
import { formatMoney, normalizeCurrency, toMajor } from '../format/money';
import { code, escapeMrkdwn, safeText } from '../format/mrkdwn';
import type { Block, MessageMetadata, SectionBlock, TextObject } from '../format/types';
import { renderBarChart } from './chart';
import { formatInstant } from './period';
import { sparkline } from './sparkline';
import type { Change, CurrencyChanges, RevenueSummary } from './summarize';

export type ChartMode = 'image' | 'sparkline' | 'none';

export interface DigestOptions {
	/** BCP 47 locale for money (default en-US). */
	locale?: string;
	/** 'image': the PNG goes with the message (a pointer is shown); 'sparkline': a text chart; 'none'. Default 'sparkline'. */
	chart?: ChartMode;
	/** Currency of the chart/sparkline; default the one with the most payments. */
	chartCurrency?: string;
	/** Currencies shown in full (default 4); the rest are named in a context line. */
	maxCurrencies?: number;
	/** Header title (default "Revenue digest"). */
	title?: string;
	/** Show top customers (default true when the summary has them). */
	showTopCustomers?: boolean;
	channel?: string;
}

export interface DigestMessage {
	text: string;
	blocks: Block[];
	metadata: MessageMetadata;
	channel?: string;
}

/** The currency with the most payments (then the largest gross), or undefined when there is none. */
export function primaryCurrency(s: Pick<RevenueSummary, 'currencies'>): string | undefined {
	const best = [...s.currencies].sort((a, b) => b.counts.payments - a.counts.payments || b.gross - a.gross)[0];
	return best?.currency;
}

function money(amount: number, currency: string, locale: string): string {
	return escapeMrkdwn(formatMoney(amount, currency, locale) || `${amount} ${currency.toUpperCase()}`);
}

/** "▲ 12.3%" / "▼ 4.0%" / "＝" / "new" against the previous period. */
export function changeMarker(c: Change | undefined): string {
	if (!c) return '';
	if (c.delta === 0) return '＝';
	if (c.pct === null) return c.delta > 0 ? '▲ new' : '▼';
	const pct = Math.abs(c.pct);
	const shown = pct >= 100 ? Math.round(pct).toLocaleString('en-US') : pct.toFixed(1);
	return `${c.delta > 0 ? '▲' : '▼'} ${shown}%`;
}

function field(label: string, value: string, marker?: string): TextObject {
	return { type: 'mrkdwn', text: `*${label}*\n${value}${marker ? `  ${marker}` : ''}` };
}

function count(n: number): string {
	return n.toLocaleString('en-US');
}

/** Build the digest message. Pure: same summary and options, same message. */
export function digestMessage(s: RevenueSummary, options: DigestOptions = {}): DigestMessage {
	const locale = options.locale?.trim() || 'en-US';
	const chartMode = options.chart ?? 'sparkline';
	const maxCurrencies = Math.max(1, options.maxCurrencies ?? 4);
	const title = options.title?.trim() || 'Revenue digest';
	const blocks: Block[] = [];
	const tz = s.period.timeZone;

	blocks.push({ type: 'header', text: { type: 'plain_text', text: `📊 ${title} · ${s.period.label}`, emoji: true } });

	const currencies = s.currencies.filter((c) => normalizeCurrency(c.currency));
	const shown = currencies.slice(0, maxCurrencies);
	const chartCur = (options.chartCurrency && normalizeCurrency(options.chartCurrency)?.toLowerCase()) || primaryCurrency(s);
	const changeOf = (cur: string): CurrencyChanges | undefined => s.changes.find((c) => c.currency === cur);

	if (!currencies.length) {
		blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '_No balance transactions in this period._' } });
	}
	for (const t of shown) {
		const cur = t.currency;
		const CUR = cur.toUpperCase();
		const ch = changeOf(cur);
		const pay = s.payments?.find((p) => p.currency === cur);
		const fields: TextObject[] = [
			field('Gross', money(t.gross, cur, locale), changeMarker(ch?.gross)),
			field('Net', money(t.net, cur, locale), changeMarker(ch?.net)),
			field('Refunds', `${money(t.refunds, cur, locale)} (${count(t.counts.refunds)})`, changeMarker(ch?.refunds)),
			field('Disputes', `${money(t.disputes, cur, locale)} (${count(t.counts.disputes)})`, changeMarker(ch?.disputes)),
			field('Fees', money(-t.fees, cur, locale), changeMarker(ch?.fees)),
			pay
				? field('Payments', `✅ ${count(pay.succeeded)} succeeded · ❌ ${count(pay.failed)} failed`, changeMarker(ch?.payments))
				: field('Payments', `✅ ${count(t.counts.payments)} succeeded`, changeMarker(ch?.payments)),
		];
		if (t.other !== 0) fields.push(field('Other adjustments', money(t.other, cur, locale)));
		let text = `*${CUR}*`;
		const series = s.series.byCurrency[cur];
		if (chartMode === 'sparkline' && series && cur === chartCur && series.gross.length > 1) {
			text += `  gross by ${s.series.unit}: ${sparkline(series.gross)}`;
		}
		const section: SectionBlock = { type: 'section', block_id: `digest_${cur}`, text: { type: 'mrkdwn', text }, fields };
		blocks.push(section);
	}
	if (currencies.length > shown.length) {
		const rest = currencies.slice(shown.length).map((c) => c.currency.toUpperCase());
		blocks.push({
			type: 'context',
			elements: [{ type: 'mrkdwn', text: `Also ${rest.length} more ${rest.length === 1 ? 'currency' : 'currencies'}: ${escapeMrkdwn(rest.join(', '))} (in the summary data)` }],
		});
	}

	// Subscriptions and MRR movement.
	if (s.subscriptions && s.subscriptions.length) {
		const lines = s.subscriptions
			.filter((m) => normalizeCurrency(m.currency))
			.slice(0, 6)
			.map((m) => {
				const sign = (v: number) => (v > 0 ? `+${money(v, m.currency, locale)}` : money(v, m.currency, locale));
				return (
					`*${m.currency.toUpperCase()}*  🆕 ${count(m.created)} new · 🚪 ${count(m.canceled)} cancelled · MRR ${sign(m.netMrr)}` +
					` _(new ${sign(m.newMrr)}, expansion ${sign(m.expansionMrr)}, contraction ${sign(-m.contractionMrr)}, churn ${sign(-m.churnedMrr)})_`
				);
			});
		blocks.push({ type: 'section', block_id: 'digest_subscriptions', text: { type: 'mrkdwn', text: `*Subscriptions*\n${lines.join('\n')}` } });
	} else if (s.subscriptions) {
		blocks.push({ type: 'section', block_id: 'digest_subscriptions', text: { type: 'mrkdwn', text: '*Subscriptions*\nNo subscriptions created, changed or cancelled.' } });
	}

	// Top customers.
	if ((options.showTopCustomers ?? true) && s.topCustomers.length) {
		const parts: string[] = [];
		for (const group of s.topCustomers.slice(0, 3)) {
			if (!normalizeCurrency(group.currency)) continue;
			const rows = group.customers.map((c, i) => {
				const id = c.id && safeStripeId(c.id) ? ` ${code(c.id)}` : '';
				const approx = c.maxError > 0 ? '≈' : '';
				return `${i + 1}. ${safeText(c.label)}${id} — ${approx}${money(c.amount, group.currency, locale)} (${count(c.payments)} ${c.payments === 1 ? 'payment' : 'payments'})`;
			});
			parts.push(`*Top customers · ${group.currency.toUpperCase()}*${group.exact ? '' : ' _(approximate: ≈ amounts may be over-estimated)_'}\n${rows.join('\n')}`);
		}
		if (parts.length) blocks.push({ type: 'section', block_id: 'digest_top_customers', text: { type: 'mrkdwn', text: parts.join('\n\n') } });
	}

	if (chartMode === 'image' && chartCur && s.series.byCurrency[chartCur]) {
		blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `📈 Chart of ${chartCur.toUpperCase()} gross in the thread` }] });
	}
	if (s.warnings.length) {
		blocks.push({
			type: 'context',
			elements: s.warnings.slice(0, 9).map((w) => ({ type: 'mrkdwn' as const, text: `⚠️ ${safeText(w)}` })),
		});
	}

	const prevText = s.previous ? ` · compared with ${escapeMrkdwn(s.previous.period.firstDay === s.previous.period.lastDay ? s.previous.period.firstDay : `${s.previous.period.firstDay} – ${s.previous.period.lastDay}`)}` : '';
	blocks.push({ type: 'divider' });
	blocks.push({
		type: 'context',
		elements: [
			{
				type: 'mrkdwn',
				text:
					`🗓️ ${escapeMrkdwn(formatInstant(Date.parse(s.period.start), tz))} – ${escapeMrkdwn(formatInstant(Date.parse(s.period.end), tz))}${prevText}` +
					` · generated ${escapeMrkdwn(formatInstant(Date.parse(s.generatedAt), tz))} · ${count(s.counts.balanceTransactions)} balance transactions`,
			},
		],
	});

	const summaryText = currencies
		.slice(0, 6)
		.map((t) => `${t.currency.toUpperCase()} gross ${formatMoney(t.gross, t.currency, locale)}, net ${formatMoney(t.net, t.currency, locale)}`)
		.join('; ');
	const text = escapeMrkdwn(`${title} · ${s.period.label}: ${summaryText || 'no balance transactions'}`);
	const limited = enforceLimits(blocks, text);
	const top = currencies[0];
	const metadata: MessageMetadata = {
		event_id: null,
		object_id: null,
		object_type: 'revenue_summary',
		livemode: false,
		category: 'summary',
		severity: 'info',
		event_type: 'revenue.digest',
		amount: top ? top.gross : null,
		currency: top ? top.currency : null,
		event_count: s.counts.balanceTransactions,
	};
	return { text: limited.text, blocks: limited.blocks, metadata, ...(options.channel ? { channel: options.channel } : {}) };
}

export interface DigestChartOptions {
	currency?: string;
	metric?: 'gross' | 'net';
	width?: number;
	height?: number;
}

/** The digest chart as PNG bytes (undefined when there is no series to draw). */
export function digestChart(s: RevenueSummary, o: DigestChartOptions = {}): { png: Buffer; currency: string; title: string } | undefined {
	const cur = (o.currency && normalizeCurrency(o.currency)?.toLowerCase()) || primaryCurrency(s);
	if (!cur) return undefined;
	const metric = o.metric ?? 'gross';
	const series = s.series.byCurrency[cur];
	if (!series) return undefined;
	const prev = s.previous?.series.byCurrency[cur];
	const title = `${cur.toUpperCase()} ${metric} per ${s.series.unit} · ${s.period.label}`;
	const png = renderBarChart({
		title,
		labels: s.series.labels,
		values: series[metric].map((v) => toMajor(v, cur)),
		previous: prev ? prev[metric].map((v) => toMajor(v, cur)) : undefined,
		unit: cur.toUpperCase(),
		width: o.width,
		height: o.height,
		legend: { current: 'This period', previous: prev ? 'Previous period' : undefined },
	});
	return { png, currency: cur, title };
}
