/**
 * The template kit (pure, no n8n imports): a per-event context whose helpers return values that are
 * already redacted, neutralised and escaped, so a template cannot put raw customer text in a message.
 */
import { ACTIONS } from '../actions';
import { safeStripeId } from './dashboard';
import { code, escapeMrkdwn, humanize, safeText, truncateMrkdwn } from './mrkdwn';
import { formatMoney, normalizeCurrency } from './money';
import { splitShares } from './joined';
import { knownPersonalText } from './known';
import { Redactor } from './redact';
import type { Category, FieldGroup, ResolvedOptions, Severity } from './types';

export type Json = Record<string, unknown>;

/** The minimal shape we accept as a Stripe event (current and 2012 shapes). */
export interface StripeEventLike {
	id?: unknown;
	object?: unknown;
	type: string;
	created?: unknown;
	livemode?: unknown;
	account?: unknown;
	api_version?: unknown;
	data: { object: Json; previous_attributes?: Json };
}

export function isStripeEvent(x: unknown): x is StripeEventLike {
	if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
	const e = x as Json;
	if (typeof e.type !== 'string' || !e.type) return false;
	if (e.object !== undefined && e.object !== 'event') return false;
	const d = e.data as Json | undefined;
	return !!d && typeof d === 'object' && !!d.object && typeof d.object === 'object' && !Array.isArray(d.object);
}

export interface Field {
	label: string;
	/** Safe mrkdwn. */
	value: string;
	group: FieldGroup;
}

export type ActionKey = keyof typeof ACTIONS;

export interface ActionSpec {
	action: Exclude<ActionKey, 'openDashboard'>;
	label: string;
	/** The Stripe object id the action applies to (validated). */
	id: string;
	style?: 'primary' | 'danger';
	/** Confirm dialog wording (plain text, ours). Money-moving actions get one even without it. */
	confirm?: { title: string; text: string; confirm: string };
}

export interface MessageModel {
	category: Category;
	severity: Severity;
	emoji: string;
	/** Plain text title, written by us (no customer text). */
	title: string;
	/** One line of safe mrkdwn, the gist. */
	headline?: string;
	fields: Field[];
	/** Extra safe mrkdwn paragraphs (detailed layout). */
	details?: string[];
	actions: ActionSpec[];
	/** Headline amount (minor units) for minimums and summaries. */
	amount?: { value: number; currency: string };
	/** Id used for the dashboard link when not the object id. */
	linkId?: string;
	/** A Dashboard page that is no object's (the events list): used when no id gives a link. */
	link?: { url: string; label?: string };
}

export type Template = (ctx: TemplateContext) => MessageModel;

const VALUE_MAX = { compact: 150, detailed: 400 } as const;
/** Free text from a field (descriptions, metadata, custom fields...) is cut to this length except at "minimal". */
export const FREE_TEXT_MAX = 120;

const EVENT_TYPE_RE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+){0,5}$/;

export function safeEventType(t: unknown): string | undefined {
	return typeof t === 'string' && t.length <= 100 && EVENT_TYPE_RE.test(t) ? t : undefined;
}

/** A cached Intl.DateTimeFormat for the locale and time zone (en-US and UTC when either is unknown). */
function dateFormatter(cache: Map<string, Intl.DateTimeFormat>, locale: string, timeZone: string, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}|${timeZone}`;
	let f = cache.get(key);
	if (!f) {
		try {
			f = new Intl.DateTimeFormat(locale, { ...o, timeZone });
		} catch {
			f = new Intl.DateTimeFormat('en-US', { ...o, timeZone: 'UTC' });
		}
		cache.set(key, f);
	}
	return f;
}

const dateFormatCache = new Map<string, Intl.DateTimeFormat>();
const DATE_TIME: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };

export function formatDate(ts: number, locale: string, timeZone: string): string {
	return dateFormatter(dateFormatCache, locale, timeZone, DATE_TIME).format(new Date(ts * 1000));
}

const dayFormatCache = new Map<string, Intl.DateTimeFormat>();
const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };

/** A calendar day ("Nov 24, 2026") in the time zone: for due dates, trial ends, arrivals. */
export function formatDay(ts: number, locale: string, timeZone: string): string {
	return dateFormatter(dayFormatCache, locale, timeZone, DAY).format(new Date(ts * 1000));
}

const relativeFormatCache = new Map<string, Intl.RelativeTimeFormat>();

export function relativeTime(ts: number, now: number, locale: string): string {
	const diffS = ts - now / 1000;
	const abs = Math.abs(diffS);
	let rtf = relativeFormatCache.get(locale);
	if (!rtf) {
		try {
			rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
		} catch {
			rtf = new Intl.RelativeTimeFormat('en-US', { numeric: 'always' });
		}
		relativeFormatCache.set(locale, rtf);
	}
	if (abs >= 86400 * 2) return rtf.format(Math.trunc(diffS / 86400), 'day');
	if (abs >= 3600) return rtf.format(Math.trunc(diffS / 3600), 'hour');
	return rtf.format(Math.trunc(diffS / 60), 'minute');
}

function isTs(v: unknown): v is number {
	return typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 1e11;
}

export class TemplateContext {
	readonly obj: Json;
	readonly prev?: Json;
	readonly type: string;
	readonly objectType?: string;
	readonly redactor: Redactor;
	readonly fields: Field[] = [];

	constructor(
		readonly event: StripeEventLike,
		readonly opts: ResolvedOptions,
	) {
		this.obj = event.data.object;
		const prev = event.data.previous_attributes;
		this.prev = prev && typeof prev === 'object' && !Array.isArray(prev) ? prev : undefined;
		this.type = safeEventType(event.type) ?? 'unknown';
		this.objectType = typeof this.obj.object === 'string' && /^[a-z_.]{1,60}$/.test(this.obj.object) ? this.obj.object : undefined;
		const known = knownPersonalText({ obj: this.obj, objectType: this.objectType }, { obj: this.prev, objectType: this.objectType });
		this.redactor = new Redactor(opts, this.objectType, known, splitShares(this.obj, opts.redaction));
	}

	get livemode(): boolean {
		return this.event.livemode === true;
	}

	get detailed(): boolean {
		return this.opts.layout === 'detailed';
	}

	/** Raw value at a dot path of the object (or of `root`). */
	get(path: string, root: unknown = this.obj): unknown {
		let cur: unknown = root;
		for (const k of path.split('.')) {
			if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
			cur = (cur as Json)[k];
		}
		return cur;
	}

	num(path: string, root?: unknown): number | undefined {
		const v = this.get(path, root);
		return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
	}

	bool(path: string, root?: unknown): boolean | undefined {
		const v = this.get(path, root);
		return typeof v === 'boolean' ? v : undefined;
	}

	/** Validated Stripe id at a path (or of an expanded object at that path). */
	id(path: string, root?: unknown): string | undefined {
		const v = this.get(path, root);
		if (v && typeof v === 'object') return safeStripeId((v as Json).id);
		return safeStripeId(v);
	}

	get objectId(): string | undefined {
		return this.id('id');
	}

	/** Safe mrkdwn of a redacted text field (undefined when hidden or empty). `policyPath` overrides the path used by the policy. */
	text(path: string, opts: { root?: unknown; policyPath?: string; max?: number } = {}): string | undefined {
		const v = this.get(path, opts.root);
		if (v === null || v === undefined || v === '') return undefined;
		if (typeof v === 'object' && !this.isAddressPath(opts.policyPath ?? path)) return undefined;
		const red = this.redactor.field(opts.policyPath ?? path, v);
		if (red === undefined || red === '') return undefined;
		const max = opts.max ?? VALUE_MAX[this.opts.layout];
		return this.safe(red, this.opts.redaction === 'minimal' ? max : Math.min(max, FREE_TEXT_MAX));
	}

	private isAddressPath(p: string): boolean {
		return /(^|\.)(address|shipping|billing_address|shipping_address)$/.test(p);
	}

	/** Plain string (already redacted by the caller or ours) → safe mrkdwn, bounded. */
	safe(s: string, max?: number): string {
		return truncateMrkdwn(safeText(s), max ?? VALUE_MAX[this.opts.layout]);
	}

	/** Free text that did not come from a field path (e.g. a metadata key): scanned then made safe. */
	free(s: unknown, max?: number): string | undefined {
		if (typeof s !== 'string' && typeof s !== 'number' && typeof s !== 'boolean') return undefined;
		const str = String(s);
		return str ? this.safe(this.redactor.text(str), max) : undefined;
	}

	/** Enum value ("requested_by_customer") → "Requested by customer", safe. */
	enumv(path: string, root?: unknown): string | undefined {
		const v = this.get(path, root);
		if (typeof v !== 'string' || !v) return undefined;
		if (this.redactor.isHidden(path)) return undefined;
		return this.safe(humanize(this.redactor.text(v)), 80);
	}

	/** Inline-code id or undefined. */
	codeId(path: string, root?: unknown): string | undefined {
		const id = this.id(path, root);
		return id ? code(id) : undefined;
	}

	/** Safe money string (our formatting; escaped for completeness). */
	money(amount: unknown, currency: unknown = this.get('currency')): string | undefined {
		const s = formatMoney(amount, currency, this.opts.locale);
		return s ? escapeMrkdwn(s) : undefined;
	}

	currency(path = 'currency', root?: unknown): string | undefined {
		return normalizeCurrency(this.get(path, root));
	}

	date(ts: unknown): string | undefined {
		return isTs(ts) ? escapeMrkdwn(formatDate(ts, this.opts.locale, this.opts.timeZone)) : undefined;
	}

	relative(ts: unknown): string | undefined {
		return isTs(ts) ? escapeMrkdwn(relativeTime(ts, this.opts.now, this.opts.locale)) : undefined;
	}

	dateWithRelative(ts: unknown): string | undefined {
		const d = this.date(ts);
		return d ? `${d} (${this.relative(ts)})` : undefined;
	}

	/** "Nov 24, 2026" (a day, no time). */
	day(ts: unknown): string | undefined {
		return isTs(ts) ? escapeMrkdwn(formatDay(ts, this.opts.locale, this.opts.timeZone)) : undefined;
	}

	/** "Nov 24, 2026 (12 days ago)". */
	dayWithRelative(ts: unknown): string | undefined {
		const d = this.day(ts);
		return d ? `${d} (${this.relative(ts)})` : undefined;
	}

	// ---- fields ---------------------------------------------------------------------------

	add(label: string, value: string | undefined, group: FieldGroup): this {
		if (value && this.opts.fields.has(group)) this.fields.push({ label, value, group });
		return this;
	}

	/** Customer name, email and id from the first paths that have them. */
	addCustomer(paths: { name?: string[]; email?: string[]; phone?: string[]; address?: string[] } = {}): this {
		const first = (ps: string[] | undefined) => {
			for (const p of ps ?? []) {
				const t = this.text(p);
				if (t) return t;
			}
			return undefined;
		};
		const name = first(paths.name);
		const email = first(paths.email);
		const phone = first(paths.phone);
		const address = first(paths.address);
		const cus = this.id('customer');
		const lines = [name, email, phone, address, cus && this.opts.fields.has('ids') ? code(cus) : undefined].filter(Boolean);
		if (lines.length) this.add('Customer', lines.join('\n'), 'customer');
		return this;
	}

	/** "Visa •••• 4242 (credit, US)" from a card-like object at path. */
	cardText(path: string): string | undefined {
		const card = this.get(path);
		if (!card || typeof card !== 'object') return undefined;
		const brand = this.enumv(`${path}.brand`) ?? this.enumv(`${path}.type`) ?? this.enumv(`${path}.network`);
		const last4 = this.redactor.field(`${path}.last4`, this.get(`${path}.last4`));
		const funding = this.enumv(`${path}.funding`);
		const country = this.text(`${path}.country`, { max: 4 });
		const extra = [funding?.toLowerCase(), country].filter(Boolean).join(', ');
		const main = [brand ?? 'Card', last4 ? `•••• ${last4}` : undefined].filter(Boolean).join(' ');
		return extra && this.detailed ? `${main} (${extra})` : main;
	}

	/** Payment method from payment_method_details (current shape) or card (2012 shape). */
	addPaymentMethod(): this {
		const pmdType = this.get('payment_method_details.type');
		let v: string | undefined;
		if (typeof pmdType === 'string' && pmdType === 'card') v = this.cardText('payment_method_details.card');
		else if (typeof pmdType === 'string') v = this.enumv('payment_method_details.type');
		else if (this.get('card')) v = this.cardText('card');
		else if (this.get('source.object') === 'card') v = this.cardText('source');
		return this.add('Payment method', v, 'payment_method');
	}

	addDescription(path = 'description', label = 'Description'): this {
		return this.add(label, this.text(path), 'description');
	}

	addId(label: string, path: string, root?: unknown): this {
		return this.add(label, this.codeId(path, root), 'ids');
	}

	/** Each metadata entry (key and value scanned), up to 6 in detailed layout, 2 in compact. */
	addMetadata(path = 'metadata'): this {
		const md = this.get(path);
		if (!md || typeof md !== 'object' || Array.isArray(md)) return this;
		const entries = Object.entries(md as Json).filter(([k]) => !this.redactor.isHidden(`${path}.${k}`));
		const max = this.detailed ? 6 : 2;
		const lines: string[] = [];
		for (const [k] of entries.slice(0, max)) {
			const key = this.free(k, 40);
			const val = this.text(`${path}.${k}`, { max: 120 });
			if (key && val) lines.push(`${key}: ${val}`);
		}
		if (entries.length > max) lines.push(`_+${entries.length - max} more_`);
		return this.add('Metadata', lines.join('\n') || undefined, 'metadata');
	}

	model(m: Omit<MessageModel, 'fields'> & { fields?: Field[] }): MessageModel {
		return { ...m, fields: m.fields ?? this.fields };
	}
}

/** A headline amount when the currency is valid. */
export function amountOf(ctx: TemplateContext, amount: unknown, currencyPath = 'currency'): MessageModel['amount'] {
	const cur = ctx.currency(currencyPath);
	return typeof amount === 'number' && Number.isFinite(amount) && cur ? { value: amount, currency: cur } : undefined;
}

/** Actions only when the id is valid. */
export function act(id: string | undefined, spec: Omit<ActionSpec, 'id'>): ActionSpec[] {
	return id ? [{ ...spec, id }] : [];
}

export function markHandled(id: string | undefined): ActionSpec[] {
	return act(id, { action: 'markHandled', label: 'Mark handled' });
}
