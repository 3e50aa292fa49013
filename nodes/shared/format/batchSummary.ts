/**
 * Summary mode (pure): many events, or a precomputed summary, into one message — totals per currency,
 * counts by category, and the events that need attention (critical first). For bursts and digests.
 *
 * Totals from events: "Collected" sums successful payment/invoice/checkout amounts, counted once per
 * payment (a PaymentIntent seen as payment_intent.succeeded, charge.succeeded and checkout.session.completed
 * is one payment when the events carry its id); "Refunded", "Failed" and "Disputed" likewise.
 */
import { dashboardUrl, safeStripeId } from './dashboard';
import { enforceLimits } from './limits';
import { escapeMrkdwn, link, neutralize } from './mrkdwn';
import { formatMoney, normalizeCurrency } from './money';
import type { Block, Category, FormatOptions, MessageMetadata, Severity, SlackMessage } from './types';
import { resolveOptions } from './types';
import { buildModel, plainSafe } from './event';
import { formatDate, isStripeEvent } from './templateContext';

export type TotalKind = 'collected' | 'refunded' | 'failed' | 'disputed';

/** A summary computed elsewhere (e.g. by a digest workflow): all amounts in Stripe minor units. */
export interface PrecomputedSummary {
	title?: string;
	/** Unix seconds. */
	period?: { start?: number; end?: number };
	/** Counts by category (payment, invoice, subscription, dispute, refund, checkout, customer, payout, other). */
	counts: Partial<Record<Category, number>>;
	/** Totals by kind, then by currency code: { collected: { usd: 123400, jpy: 5000 } }. */
	totals?: Partial<Record<TotalKind, Record<string, number>>>;
	total_events?: number;
	livemode?: boolean;
}

export function isPrecomputedSummary(x: unknown): x is PrecomputedSummary {
	return !!x && typeof x === 'object' && !Array.isArray(x) && typeof (x as PrecomputedSummary).counts === 'object' && (x as PrecomputedSummary).counts !== null;
}

interface Highlight {
	severity: Severity;
	line: string;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 3, warning: 2, success: 1, info: 0 };
const SEVERITY_EMOJI: Record<Severity, string> = { critical: '🚨', warning: '⚠️', success: '✅', info: 'ℹ️' };
const CATEGORY_LABEL: Record<Category, string> = {
	payment: 'Payments',
	invoice: 'Invoices',
	subscription: 'Subscriptions',
	dispute: 'Disputes',
	refund: 'Refunds',
	checkout: 'Checkouts',
	customer: 'Customers',
	payout: 'Payouts',
	other: 'Other',
};
const TOTAL_LABEL: Record<TotalKind, string> = { collected: 'Collected', refunded: 'Refunded', failed: 'Failed', disputed: 'Disputed' };

function kindOf(category: Category, severity: Severity, type: string): TotalKind | undefined {
	if (category === 'refund') return 'refunded';
	if (category === 'dispute') return type === 'charge.dispute.created' ? 'disputed' : undefined;
	if (category === 'payment' || category === 'invoice' || category === 'checkout') {
		if (type === 'invoice.upcoming') return undefined;
		if (severity === 'success') return 'collected';
		if (severity === 'warning' || severity === 'critical') return 'failed';
	}
	return undefined;
}

/** Payment identity used to count a payment once across its events. */
function paymentKey(obj: Record<string, unknown>): string | undefined {
	const pi = safeStripeId(obj.payment_intent) ?? (typeof obj.id === 'string' && obj.id.startsWith('pi_') ? safeStripeId(obj.id) : undefined);
	return pi ?? safeStripeId(obj.charge) ?? safeStripeId(obj.id);
}

/** Many events (or a precomputed summary) → one message. Items that are not events are counted as skipped. */
export function formatSummary(input: unknown[] | PrecomputedSummary, options: FormatOptions & { title?: string } = {}): SlackMessage {
	const opts = resolveOptions(options);
	const counts: Partial<Record<Category, number>> = {};
	const totals: Partial<Record<TotalKind, Record<string, number>>> = {};
	const highlights: Highlight[] = [];
	let total = 0;
	let skipped = 0;
	let livemode = false;
	let first: number | undefined;
	let last: number | undefined;
	let maxSeverity: Severity = 'info';
	let title = options.title;
	const eventIds: string[] = [];

	const addTotal = (kind: TotalKind, currency: string, amount: number) => {
		const t = (totals[kind] ??= {});
		t[currency] = (t[currency] ?? 0) + amount;
	};

	if (Array.isArray(input)) {
		const seen = new Set<string>();
		for (const ev of input) {
			if (!isStripeEvent(ev)) {
				skipped++;
				continue;
			}
			total++;
			const { ctx, model } = buildModel(ev, opts);
			counts[model.category] = (counts[model.category] ?? 0) + 1;
			if (ctx.livemode) livemode = true;
			if (SEVERITY_RANK[model.severity] > SEVERITY_RANK[maxSeverity]) maxSeverity = model.severity;
			if (typeof ev.created === 'number') {
				first = first === undefined ? ev.created : Math.min(first, ev.created);
				last = last === undefined ? ev.created : Math.max(last, ev.created);
			}
			const eid = safeStripeId(ev.id);
			if (eid && eventIds.length < 100) eventIds.push(eid);
			const kind = kindOf(model.category, model.severity, ctx.type);
			if (kind && model.amount) {
				const key = `${kind}:${paymentKey(ctx.obj) ?? eid ?? total}`;
				if (!seen.has(key)) {
					seen.add(key);
					addTotal(kind, model.amount.currency, model.amount.value);
				}
			}
			if (model.severity === 'critical' || model.severity === 'warning') {
				const id = model.linkId ?? ctx.objectId;
				const url = id ? dashboardUrl({ id, livemode: ctx.livemode, account: opts.dashboardAccount }) : undefined;
				const t = escapeMrkdwn(plainSafe(model.title));
				highlights.push({ severity: model.severity, line: `${SEVERITY_EMOJI[model.severity]} ${url && id ? link(url, t) : t}${id ? ` \`${id}\`` : ''}` });
			}
		}
	} else if (isPrecomputedSummary(input)) {
		for (const [c, n] of Object.entries(input.counts)) {
			if (c in CATEGORY_LABEL && typeof n === 'number' && Number.isFinite(n) && n > 0) counts[c as Category] = Math.floor(n);
		}
		for (const [k, byCur] of Object.entries(input.totals ?? {})) {
			if (!(k in TOTAL_LABEL) || !byCur || typeof byCur !== 'object') continue;
			for (const [cur, amt] of Object.entries(byCur)) {
				const c = normalizeCurrency(cur);
				if (c && typeof amt === 'number' && Number.isFinite(amt)) addTotal(k as TotalKind, c, amt);
			}
		}
		total = typeof input.total_events === 'number' ? input.total_events : Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
		livemode = input.livemode === true;
		first = input.period?.start;
		last = input.period?.end;
		title ??= input.title;
		if (counts.dispute) maxSeverity = 'critical';
	} else {
		throw new Error('Summary input must be an array of Stripe events or an object with "counts"');
	}

	const test = !livemode && opts.testModeBadge;
	const prefix = plainSafe(opts.titlePrefix);
	const heading = plainSafe(title ? neutralize(title) : `Stripe summary: ${total} event${total === 1 ? '' : 's'}`);
	const blocks: Block[] = [{ type: 'header', block_id: 'header', text: { type: 'plain_text', text: `${prefix ? `${prefix} ` : ''}📊 ${heading}`, emoji: true } }];
	const range =
		typeof first === 'number' && typeof last === 'number'
			? `${escapeMrkdwn(formatDate(first, opts.locale, opts.timeZone))} → ${escapeMrkdwn(formatDate(last, opts.locale, opts.timeZone))}`
			: undefined;

	const totalFields = (Object.keys(TOTAL_LABEL) as TotalKind[])
		.filter((k) => totals[k] && Object.keys(totals[k] as object).length)
		.map((k) => {
			const lines = Object.entries(totals[k] as Record<string, number>)
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([cur, amt]) => escapeMrkdwn(formatMoney(amt, cur, opts.locale)));
			return { type: 'mrkdwn' as const, text: `*${TOTAL_LABEL[k]}*\n${lines.join('\n')}` };
		});
	const countLine = (Object.keys(CATEGORY_LABEL) as Category[])
		.filter((c) => counts[c])
		.map((c) => `${CATEGORY_LABEL[c]} *${counts[c]}*`)
		.join(' · ');

	const summaryText = [`*${total}* event${total === 1 ? '' : 's'}${range ? ` · ${range}` : ''}`, countLine].filter(Boolean).join('\n');
	blocks.push({ type: 'section', block_id: 'counts', text: { type: 'mrkdwn', text: summaryText } });
	if (totalFields.length) blocks.push({ type: 'section', block_id: 'totals', fields: totalFields });

	highlights.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
	if (highlights.length && opts.layout === 'detailed') {
		const shown = highlights.slice(0, 15).map((h) => h.line);
		if (highlights.length > 15) shown.push(`_+${highlights.length - 15} more_`);
		blocks.push({ type: 'section', block_id: 'attention', text: { type: 'mrkdwn', text: `*Needs attention*\n${shown.join('\n')}` } });
	} else if (highlights.length) {
		blocks.push({ type: 'section', block_id: 'attention', text: { type: 'mrkdwn', text: `*Needs attention:* ${highlights.length}` } });
	}
	const ctxEls = [test ? '🧪 *Test mode*' : undefined, skipped ? `${skipped} item${skipped === 1 ? '' : 's'} skipped (not Stripe events)` : undefined]
		.filter((t): t is string => !!t)
		.map((text) => ({ type: 'mrkdwn' as const, text }));
	if (ctxEls.length) blocks.push({ type: 'context', block_id: 'context', elements: ctxEls });

	const fallbackTotals = totals.collected
		? ` · collected ${Object.entries(totals.collected)
				.map(([c, a]) => formatMoney(a, c, opts.locale))
				.join(', ')}`
		: '';
	const text = `${test ? '[TEST] ' : ''}${escapeMrkdwn(`${prefix ? `${prefix} ` : ''}${heading}`)}${fallbackTotals}${highlights.length ? ` · ${highlights.length} need attention` : ''}`;
	const limited = enforceLimits(blocks, text);
	const metadata: MessageMetadata = {
		event_id: null,
		object_id: null,
		object_type: 'summary',
		livemode,
		category: 'summary',
		severity: maxSeverity,
		event_type: null,
		event_count: total,
	};
	const msg: SlackMessage = { text: limited.text, blocks: limited.blocks, metadata };
	if (opts.channel) msg.channel = opts.channel;
	return msg;
}

