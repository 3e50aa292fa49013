/**
 * The object-renderer kit (pure): an object view says which of its object's fields are money, dates that
 * matter, reasons and statuses; `viewTemplate` turns it into a template for every event of that object, with
 * a headline in words and the amount, a severity, the facts, status changes from previous_attributes and the
 * next step. Every value goes through the TemplateContext helpers (redacted, neutralised, escaped).
 */
import { formatMoney, normalizeCurrency } from '../../money';
import { humanize } from '../../mrkdwn';
import type { ActionSpec, MessageModel, Template, TemplateContext } from '../../templateContext';
import type { Category, FieldGroup, Severity } from '../../types';
import { line, plainMoney } from '../common';
import { reasonText, type ReasonTable } from './reasons';
import { verbOf, type Verb } from './verbs';

/** One fact: adds its field(s); may return a headline piece (safe mrkdwn). */
export type Fact = (ctx: TemplateContext, verb: Verb) => string | undefined | void;

export interface HeadAmount {
	value: number;
	/** Raw currency code (validated when formatted). */
	currency: unknown;
}

export interface ObjectView {
	label: string;
	category: Category;
	emoji: string;
	/** The headline amount: the first path with a number, in the object's `currency` unless a currency path is given. */
	amount?: string[] | ((ctx: TemplateContext, verb: Verb) => HeadAmount | undefined);
	/** Currency of the `amount` paths (default `currency`). */
	currencyPath?: string;
	facts: Fact[];
	/** Overrides, per event. */
	title?: (ctx: TemplateContext, verb: Verb) => string | undefined;
	/** Plain words after the money in the title ("due Nov 24 (in 3 days)"); ours only. */
	when?: (ctx: TemplateContext, verb: Verb) => string | undefined;
	severity?: (ctx: TemplateContext, verb: Verb) => Severity | undefined;
	emojiFor?: (ctx: TemplateContext, verb: Verb) => string | undefined;
	next?: (ctx: TemplateContext, verb: Verb) => string | undefined;
	actions?: (ctx: TemplateContext, verb: Verb) => ActionSpec[];
	linkId?: (ctx: TemplateContext) => string | undefined;
	/** previous_attributes keys shown with before → after (besides status, money and dates, which always are). */
	changeKeys?: string[];
}

const MONEY_KEY = /^(amount(_[a-z_]+)?|total|subtotal|total_excluding_tax|unit_amount|amount_off|balance|ending_balance)$/;
const DATE_KEY = /(_at|_date|_end|_start|^created|_until|^due_by|^frozen_time)$/;
const ENUM_KEYS = new Set(['status', 'reason', 'closed_reason', 'open', 'active', 'actionable', 'paused', 'collection_method', 'cancel_at_period_end', 'livemode', 'type', 'interval', 'quantity', 'billing_reason', 'disabled_reason', 'charges_enabled', 'payouts_enabled', 'valid']);

function headAmount(ctx: TemplateContext, view: ObjectView, verb: Verb): HeadAmount | undefined {
	if (typeof view.amount === 'function') return view.amount(ctx, verb);
	return firstAmount(ctx, view.amount ?? [], view.currencyPath);
}

function sideText(ctx: TemplateContext, key: string, root: unknown): string {
	const v = ctx.get(key, root);
	if (v === null || v === undefined || v === '') return '_none_';
	if (typeof v === 'number' && MONEY_KEY.test(key)) return ctx.money(v) ?? String(v);
	if (typeof v === 'number' && DATE_KEY.test(key)) return ctx.day(v) ?? String(v);
	if (typeof v === 'number') return String(v);
	if (typeof v === 'boolean') return v ? 'yes' : 'no';
	if (typeof v === 'string') return ctx.enumv(key, root) ?? '_hidden_';
	return '_changed_';
}

/** "Status: Open → Paid" lines from previous_attributes; other keys listed by name only. */
export function changeLines(ctx: TemplateContext, extra: string[] = []): string[] {
	const prev = ctx.prev;
	if (!prev) return [];
	const lines: string[] = [];
	const others: string[] = [];
	for (const key of Object.keys(prev).slice(0, 30)) {
		const shown = ENUM_KEYS.has(key) || MONEY_KEY.test(key) || DATE_KEY.test(key) || extra.includes(key);
		const kind = typeof prev[key];
		if (shown && !ctx.redactor.isHidden(key) && (prev[key] === null || kind === 'string' || kind === 'number' || kind === 'boolean')) {
			const label = ctx.safe(humanize(key), 40);
			lines.push(`*${label}:* ${sideText(ctx, key, prev)} → ${sideText(ctx, key, ctx.obj)}`);
		} else {
			const name = ctx.free(key, 40);
			if (name) others.push(name);
		}
		if (lines.length >= 6) break;
	}
	if (others.length) lines.push(`_Also changed: ${others.slice(0, 8).join(', ')}${others.length > 8 ? '…' : ''}_`);
	return lines;
}

const SEVERITY_EMOJI: Record<Severity, string | undefined> = { critical: '🚨', warning: '⚠️', success: undefined, info: undefined };

/** The template of every event of an object type. */
export function viewTemplate(view: ObjectView): Template {
	return (ctx) => {
		const verb = verbOf(ctx.type);
		const heads: string[] = [];
		for (const f of view.facts) {
			const h = f(ctx, verb);
			if (h) heads.push(h);
		}
		const changes = changeLines(ctx, view.changeKeys);
		const next = view.next?.(ctx, verb);
		const details = [changes.join('\n'), next ? `*Next step:* ${next}` : ''].filter(Boolean);
		ctx.addId(/ id$/.test(view.label) ? 'Id' : `${view.label} id`, 'id').addMetadata();
		const head = headAmount(ctx, view, verb);
		const cur = head ? normalizeCurrency(head.currency) : undefined;
		const money = head && cur ? ctx.money(head.value, cur) : undefined;
		const plain = head && cur ? plainMoney(ctx, head.value, cur) : '';
		const when = view.when?.(ctx, verb);
		const title = view.title?.(ctx, verb) ?? `${view.label} ${verb.words}`;
		// A date clause already in the title is not repeated in the headline.
		const shownHeads = when ? heads.filter((h) => !when.includes(h.replace(/^[a-z ]+ /, ''))) : heads;
		const severity = view.severity?.(ctx, verb) ?? verb.severity;
		const model: MessageModel = ctx.model({
			category: view.category,
			severity,
			emoji: view.emojiFor?.(ctx, verb) ?? SEVERITY_EMOJI[severity] ?? view.emoji,
			title: `${title}${plain ? `: ${plain}` : ''}${when ? `${plain ? ',' : ':'} ${when}` : ''}`,
			// Without money or a headline fact, the first facts (not ids) say what the object is.
			headline: line(money && `*${money}*`, ...shownHeads) ?? line(...ctx.fields.filter((f) => f.group !== 'ids' && f.group !== 'metadata').slice(0, 2).map((f) => f.value.replace(/\n/g, ', '))) ?? `${ctx.safe(view.label, 60)} ${verb.words}`,
			details: details.length ? details : undefined,
			amount: head && cur && Number.isFinite(head.value) ? { value: head.value, currency: cur } : undefined,
			actions: view.actions?.(ctx, verb) ?? [],
		});
		const linkId = view.linkId?.(ctx);
		if (linkId) model.linkId = linkId;
		return model;
	};
}

// ---- facts ------------------------------------------------------------------------------------

/** A money field in the object's currency (or `currencyPath`); `head` puts it in the headline too. */
export function money(label: string, path: string, opts: { currency?: string; head?: string; skipZero?: boolean; unlessSameAs?: string } = {}): Fact {
	return (ctx) => {
		const n = ctx.num(path);
		if (n === undefined || (opts.skipZero && n === 0) || (opts.unlessSameAs && ctx.num(opts.unlessSameAs) === n)) return;
		const m = ctx.money(n, ctx.get(opts.currency ?? 'currency'));
		ctx.add(label, m, 'amount');
		return opts.head && m ? `${opts.head} ${m}` : undefined;
	};
}

/** A date that matters, with the time left or past; `head` puts "<head> <relative>" in the headline. */
export function date(label: string, path: string, opts: { head?: string; time?: boolean } = {}): Fact {
	return (ctx) => {
		const ts = ctx.get(path);
		const v = opts.time ? ctx.dateWithRelative(ts) : ctx.dayWithRelative(ts);
		ctx.add(label, v, 'dates');
		return opts.head && v ? `${opts.head} ${ctx.day(ts)} (${ctx.relative(ts)})` : undefined;
	};
}

/** A reason code in words (message beside it when given); `head` puts the words in the headline. */
export function reason(label: string, path: string, table: ReasonTable, opts: { message?: string; head?: boolean; group?: FieldGroup } = {}): Fact {
	return (ctx) => {
		const words = reasonText(ctx, path, table);
		const msg = opts.message ? ctx.text(opts.message, { max: 200 }) : undefined;
		const v = words && msg ? `${words}\n_${msg}_` : (words ?? msg);
		ctx.add(label, v, opts.group ?? 'status');
		return opts.head ? (words ?? msg)?.replace(/ \(`[^`]*`\)$/, '') : undefined;
	};
}

/** The status, with its change when previous_attributes has one. */
export function status(path = 'status', label = 'Status'): Fact {
	return (ctx) => {
		const now = ctx.enumv(path);
		const before = ctx.prev && path in ctx.prev ? ctx.enumv(path, ctx.prev) : undefined;
		ctx.add(label, before && now && before !== now ? `${before} → ${now}` : now, 'status');
	};
}

/** An enum field in words (humanized). */
export function enumf(label: string, path: string, group: FieldGroup = 'status'): Fact {
	return (ctx) => void ctx.add(label, ctx.enumv(path), group);
}

/** A short text field (redacted, scanned, bounded); `head` puts it in the headline too. */
export function text(label: string, path: string, group: FieldGroup = 'description', max = 80, head = false): Fact {
	return (ctx) => {
		const v = ctx.text(path, { max });
		ctx.add(label, v, group);
		return head ? v : undefined;
	};
}

/** The object's own amount, or for the event `verbKey` the amount at `path` ("transfer.reversed": what was reversed). */
export function amountOn(verbKey: string, path: string): (ctx: TemplateContext, verb: Verb) => HeadAmount | undefined {
	return (ctx, verb) => firstAmount(ctx, verb.key === verbKey ? [path, 'amount'] : ['amount']);
}

/** A `{ currency: amount }` map (cash balances, linked account balances): its first entry and a line per currency. */
export function currencyMap(ctx: TemplateContext, path: string, max = 10): { first?: HeadAmount; lines: string[] } {
	const map = ctx.get(path);
	if (!map || typeof map !== 'object' || Array.isArray(map)) return { lines: [] };
	const entries = Object.entries(map as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number' && !!normalizeCurrency(e[0]));
	const lines = entries.slice(0, max).map(([c, n]) => ctx.safe(formatMoney(n, c, ctx.opts.locale), 40));
	return { first: entries.length ? { value: entries[0][1], currency: entries[0][0] } : undefined, lines };
}

/** A related object's id (or an expanded object's id). */
export function ref(label: string, path: string): Fact {
	return (ctx) => void ctx.addId(label, path);
}

/** A count or number. */
export function count(label: string, path: string, group: FieldGroup = 'status'): Fact {
	return (ctx) => {
		const n = ctx.num(path);
		ctx.add(label, n !== undefined ? String(n) : undefined, group);
	};
}

/** The customer (name, email masked by policy, id). */
export function customer(): Fact {
	return (ctx) =>
		void ctx.addCustomer({
			name: ['customer_name', 'billing_details.name', 'customer_details.name'],
			email: ['customer_email', 'receipt_email', 'billing_details.email', 'customer_details.email'],
		});
}

export function description(path = 'description'): Fact {
	return (ctx) => void ctx.addDescription(path);
}

/** True/false field as words. */
export function flag(label: string, path: string, yes: string, no: string, group: FieldGroup = 'status'): Fact {
	return (ctx) => {
		const b = ctx.bool(path);
		ctx.add(label, b === undefined ? undefined : b ? yes : no, group);
	};
}

/** The first of `paths` with a number, in the object's currency (or the currency at `currencyPath`). */
export function firstAmount(ctx: TemplateContext, paths: string[], currencyPath = 'currency'): HeadAmount | undefined {
	for (const p of paths) {
		const n = ctx.num(p);
		if (n !== undefined) return { value: n, currency: ctx.get(currencyPath) };
	}
	return undefined;
}

/** The `when` clause of a title from a date ("due Nov 24 (in 3 days)"); plain words only. */
export function whenClause(ctx: TemplateContext, words: string, ts: unknown): string | undefined {
	const d = ctx.day(ts);
	return d ? `${words} ${d} (${ctx.relative(ts)})` : undefined;
}

export { verbOf, type Verb };
