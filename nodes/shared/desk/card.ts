import type { Stripe } from '../sdkTypes';

import { ACTIONS } from '../actions';
import { dashboardUrl, safeAccountId, safeStripeId } from '../format/dashboard';
import { enforceLimits } from '../format/limits';
import { code, escapeMrkdwn, humanize, link, safeText } from '../format/mrkdwn';
import { formatMoney, normalizeCurrency } from '../format/money';
import { splitSharesOf, type SplitShares } from '../format/joined';
import { knownPersonalText } from '../format/known';
import { Redactor, type RedactorOptions } from '../format/redact';
import type { KnownText } from '../format/scanners';
import type { Block, ButtonElement } from '../format/types';
import { DESK_ACTIONS } from './actions';
import { stripeButtons, teamActionsBlock } from './buttons';
import type { BillingData } from './lookup';

/**
 * The billing card (pure): one Block Kit message about a customer for a support agent. Every value from
 * Stripe goes through the package's redaction (emails masked, no address, no phone; card numbers, keys and
 * IBANs removed from any text) and is neutralized and escaped; ids are validated before they are shown or
 * put in a button. The card carries the alerts' Stripe buttons, the team actions, and on a private card a
 * Share in channel button.
 */

export interface CardOptions {
	now?: number;
	locale?: string;
	timeZone?: string;
	/** The agent who looked up (shown as the sharer on a shared card). */
	userId?: string | null;
	/** A private card (the default) has Share in channel; a shared one says who shared it. */
	shared?: boolean;
	account?: string;
	redaction?: RedactorOptions['redaction'];
}

export interface DeskMessage {
	text: string;
	blocks: Array<Record<string, unknown>>;
}

const DAY = 86400;

function redactor(level: RedactorOptions['redaction'] = 'standard', known?: KnownText, split?: SplitShares): Redactor {
	return new Redactor({ redaction: level, showCardLast4: true, allowFields: [], denyFields: [] }, 'customer', known, split);
}

export function formatDay(ts: unknown, locale = 'en-US', timeZone = 'UTC'): string {
	if (typeof ts !== 'number' || !Number.isFinite(ts)) return '—';
	try {
		return new Date(ts * 1000).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone });
	} catch {
		return new Date(ts * 1000).toISOString().slice(0, 10);
	}
}

/** Free text from Stripe → redacted, inert, escaped mrkdwn (or '' when nothing is left). */
function text(r: Redactor, v: unknown, max = 120): string {
	if (typeof v !== 'string' && typeof v !== 'number') return '';
	const s = safeText(r.text(String(v)));
	return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** An enum value from Stripe ("warning_needs_response" → "Warning needs response"), redacted and escaped. */
function label(r: Redactor, v: unknown): string {
	if (typeof v !== 'string' || !v) return 'Unknown';
	const s = safeText(humanize(r.text(v))).slice(0, 40);
	return s || 'Unknown';
}

function idCode(v: unknown): string {
	const id = safeStripeId(v);
	return id ? code(id) : '';
}

function money(amount: unknown, currency: unknown, locale: string): string {
	const cur = normalizeCurrency(currency);
	return typeof amount === 'number' && Number.isFinite(amount) && cur ? formatMoney(amount, cur, locale) : '—';
}

function subscriptionLine(r: Redactor, s: Stripe.Subscription, o: Required<Pick<CardOptions, 'locale' | 'timeZone'>>): string {
	const item = s.items?.data?.[0];
	const price = item?.price;
	const every = price?.recurring ? ` / ${price.recurring.interval_count > 1 ? `${price.recurring.interval_count} ` : ''}${text(r, price.recurring.interval, 10)}` : '';
	const plan = price ? `${money(price.unit_amount, price.currency, o.locale)}${every}${price.nickname ? ` (${text(r, price.nickname, 60)})` : ''}` : 'no plan';
	const periodEnd = (item as unknown as { current_period_end?: number } | undefined)?.current_period_end ?? (s as unknown as { current_period_end?: number }).current_period_end;
	const next =
		s.status === 'trialing' && s.trial_end
			? `trial ends ${formatDay(s.trial_end, o.locale, o.timeZone)}`
			: s.cancel_at_period_end || s.cancel_at
				? `cancels ${formatDay(s.cancel_at ?? periodEnd, o.locale, o.timeZone)}`
				: `renews ${formatDay(periodEnd, o.locale, o.timeZone)}`;
	return `• ${idCode(s.id)} *${label(r, s.status)}* · ${plan} · ${next}`;
}

function invoiceLine(r: Redactor, i: Stripe.Invoice, o: Required<Pick<CardOptions, 'locale' | 'timeZone'>>): string {
	const amount = i.status === 'paid' ? i.amount_paid : i.amount_due;
	const number = i.number ? ` ${text(r, i.number, 40)}` : '';
	return `• ${idCode(i.id)}${number} · *${label(r, i.status)}* · ${money(amount, i.currency, o.locale)} · ${formatDay(i.created, o.locale, o.timeZone)}`;
}

function disputeLine(r: Redactor, d: Stripe.Dispute, now: number, o: Required<Pick<CardOptions, 'locale' | 'timeZone'>>): string {
	const due = d.evidence_details?.due_by;
	const days = typeof due === 'number' ? Math.ceil((due - now / 1000) / DAY) : null;
	const deadline =
		typeof due === 'number'
			? `respond by *${formatDay(due, o.locale, o.timeZone)}*${days !== null ? (days >= 0 ? ` (in ${days} day${days === 1 ? '' : 's'})` : ' (past due)') : ''}`
			: 'no deadline';
	return `• ${idCode(d.id)} ${money(d.amount, d.currency, o.locale)} · ${label(r, d.status)} · ${label(r, d.reason)} · ${deadline}`;
}

function failedLine(r: Redactor, c: Stripe.Charge, o: Required<Pick<CardOptions, 'locale' | 'timeZone'>>): string {
	const why = text(r, c.failure_message ?? c.outcome?.seller_message ?? c.failure_code, 100) || 'no reason given';
	return `• ${money(c.amount, c.currency, o.locale)} on ${formatDay(c.created, o.locale, o.timeZone)} · ${why}`;
}

function list(title: string, lines: string[], empty: string): string {
	return `*${title}*\n${lines.length ? lines.join('\n') : empty}`;
}

export function balanceText(balance: unknown, currency: unknown, locale = 'en-US'): string {
	if (typeof balance !== 'number' || balance === 0) return 'None';
	const cur = normalizeCurrency(currency) ?? 'USD';
	return balance < 0 ? `${formatMoney(-balance, cur, locale)} credit` : `${formatMoney(balance, cur, locale)} owed (added to the next invoice)`;
}

function paymentMethodText(r: Redactor, pm: Stripe.PaymentMethod | null): string {
	if (!pm) return 'None on file';
	if (pm.card) {
		const last4 = r.field('card.last4', pm.card.last4) ?? '••••';
		return `${label(r, pm.card.display_brand ?? pm.card.brand)} •••• ${last4}`;
	}
	return label(r, pm.type);
}

function mention(userId: string | null | undefined): string {
	return userId && /^[UW][A-Z0-9_]{1,40}$/.test(userId) ? `<@${userId}>` : 'someone';
}

/** The billing card of one customer. */
export function buildCard(data: BillingData, options: CardOptions = {}): DeskMessage {
	const o = { locale: options.locale ?? 'en-US', timeZone: options.timeZone ?? 'UTC' };
	const now = options.now ?? Date.now();
	// The customer's own names and streets, and those on its charges and invoices, masked in any free text.
	const known = knownPersonalText(
		{ obj: data.customer, objectType: 'customer' },
		{ obj: data.paymentMethod, objectType: 'payment_method' },
		...[...data.failedCharges, ...(data.refundableCharge ? [data.refundableCharge] : [])].map((obj) => ({ obj, objectType: 'charge' })),
		...data.invoices.map((obj) => ({ obj, objectType: 'invoice' })),
		...data.disputes.map((obj) => ({ obj, objectType: 'dispute' })),
	);
	// Every line of the card (a failed payment's decline message naming the customer, an invoice number) is a
	// field of one of these objects: the same redaction as a message's, values split across fields included.
	const objects = [data.customer, data.paymentMethod, ...data.failedCharges, ...data.invoices, ...data.disputes, ...data.subscriptions];
	const r = redactor(options.redaction, known, splitSharesOf(objects, options.redaction ?? 'standard'));
	const c = data.customer;
	const livemode = c.livemode === true;
	const account = safeAccountId(options.account);
	const customerId = safeStripeId(c.id);
	const name = text(r, r.field('name', c.name) ?? '', 80) || 'Customer without a name';
	const email = typeof c.email === 'string' && c.email ? safeText(r.field('email', c.email) ?? '') : 'No email';
	const currency = c.currency ?? data.subscriptions[0]?.currency ?? data.invoices[0]?.currency;

	const fields = [
		`*Email*\n${email || 'Hidden'}`,
		`*Balance*\n${balanceText(c.balance, currency, o.locale)}`,
		`*Payment method*\n${paymentMethodText(r, data.paymentMethod)}`,
		`*Customer since*\n${formatDay(c.created, o.locale, o.timeZone)}`,
	];
	if (c.delinquent) fields.push('*Delinquent*\nYes: the last invoice payment failed');
	if (data.via && safeStripeId(data.via.id)) fields.push(`*Looked up by*\n${code(data.via.id)}`);

	const blocks: Block[] = [
		{ type: 'header', block_id: 'desk_header', text: { type: 'plain_text', text: `💳 Billing card${livemode ? '' : ' (test mode)'}`, emoji: true } },
		{ type: 'section', block_id: 'desk_customer', text: { type: 'mrkdwn', text: `*${name}*${customerId ? ` · ${code(customerId)}` : ''}` }, fields: fields.map((t) => ({ type: 'mrkdwn', text: t })) },
		{ type: 'section', block_id: 'desk_subscriptions', text: { type: 'mrkdwn', text: list('Subscriptions', data.subscriptions.slice(0, 5).map((s) => subscriptionLine(r, s, o)), 'None') } },
		{ type: 'section', block_id: 'desk_invoices', text: { type: 'mrkdwn', text: list('Last invoices', data.invoices.slice(0, 5).map((i) => invoiceLine(r, i, o)), 'None') } },
		{ type: 'section', block_id: 'desk_disputes', text: { type: 'mrkdwn', text: list('Open disputes', data.disputes.slice(0, 5).map((d) => disputeLine(r, d, now, o)), 'None') } },
		{ type: 'section', block_id: 'desk_failed', text: { type: 'mrkdwn', text: list('Failed payments, last 30 days', data.failedCharges.slice(0, 5).map((ch) => failedLine(r, ch, o)), 'None') } },
	];

	const links = [
		customerId && dashboardUrl({ id: customerId, livemode, account }) ? link(dashboardUrl({ id: customerId, livemode, account })!, 'Customer in Stripe') : '',
		...data.invoices.slice(0, 2).map((i) => {
			const url = dashboardUrl({ id: i.id, livemode, account });
			const number = text(r, i.number, 30).replace(/[|>]/g, '');
			return url ? link(url, number ? `Invoice ${number}` : 'Invoice') : '';
		}),
		...data.disputes.slice(0, 2).map((d) => (dashboardUrl({ id: d.id, livemode, account }) ? link(dashboardUrl({ id: d.id, livemode, account })!, 'Dispute') : '')),
	].filter(Boolean);
	if (links.length) blocks.push({ type: 'context', block_id: 'desk_links', elements: [{ type: 'mrkdwn', text: links.join(' · ') }] });

	const openInvoice = data.invoices.find((i) => i.status === 'open');
	const active = data.subscriptions.find((s) => ['active', 'trialing', 'past_due'].includes(s.status) && !s.cancel_at_period_end);
	const dispute = data.disputes.find((d) => d.status === 'needs_response' || d.status === 'warning_needs_response');
	const buttons: ButtonElement[] = stripeButtons({
		openInvoice: openInvoice?.id,
		refundableCharge: data.refundableCharge ? { id: data.refundableCharge.id, amount: money(data.refundableCharge.amount, data.refundableCharge.currency, o.locale) } : undefined,
		activeSubscription: active?.id,
		openDispute: dispute ? { id: dispute.id, amount: money(dispute.amount, dispute.currency, o.locale) } : undefined,
	});
	const customerUrl = customerId ? dashboardUrl({ id: customerId, livemode, account }) : undefined;
	if (customerUrl) buttons.push({ type: 'button', text: { type: 'plain_text', text: 'Open in Stripe', emoji: true }, action_id: ACTIONS.openDashboard, url: customerUrl, value: customerId });
	if (buttons.length) blocks.push({ type: 'actions', block_id: 'desk_stripe_actions', elements: buttons });

	const footer = options.shared
		? `Shared by ${mention(options.userId)} · looked up ${formatDay(Math.floor(now / 1000), o.locale, o.timeZone)}`
		: 'Only visible to you. Email masked, address not shown.';
	const fallback = `Billing card: ${name.replace(/[*`]/g, '')}${customerId ? ` (${customerId})` : ''}`;
	const limited = enforceLimits(blocks, fallback);
	const out: Array<Record<string, unknown>> = limited.blocks as unknown as Array<Record<string, unknown>>;
	const team = customerId ? teamActionsBlock(customerId, { customerId, share: options.shared ? null : customerId }) : undefined;
	if (team) out.push(team);
	out.push({ type: 'context', block_id: 'desk_footer', elements: [{ type: 'mrkdwn', text: footer }] });
	return { text: limited.text, blocks: out };
}

/** Several customers match: a short list to choose from (each row's button looks that one up). */
export function buildChoices(candidates: Stripe.Customer[], more: boolean, options: Pick<CardOptions, 'locale' | 'timeZone' | 'redaction'> = {}): DeskMessage {
	const r = redactor(options.redaction, knownPersonalText(...candidates.map((obj) => ({ obj, objectType: 'customer' }))));
	const rows = candidates
		.map((c) => {
			const id = safeStripeId(c.id);
			if (!id) return undefined;
			const name = text(r, r.field('name', c.name) ?? '', 60) || 'No name';
			const email = typeof c.email === 'string' ? safeText(r.field('email', c.email) ?? '') : '';
			return {
				type: 'section',
				block_id: `desk_choice:${id}`,
				text: { type: 'mrkdwn', text: `*${name}* · ${code(id)}\n${email ? `${email} · ` : ''}customer since ${formatDay(c.created, options.locale, options.timeZone)}` },
				accessory: { type: 'button', text: { type: 'plain_text', text: 'Show card', emoji: true }, action_id: DESK_ACTIONS.pick, value: id },
			};
		})
		.filter((b) => !!b) as Array<Record<string, unknown>>;
	const intro = `${candidates.length}${more ? '+' : ''} customers match. Choose one:`;
	return {
		text: intro,
		blocks: [{ type: 'section', block_id: 'desk_choices', text: { type: 'mrkdwn', text: `:mag: ${intro}` } }, ...rows],
	};
}

/** A short answer (no match, a Stripe error, help, a refusal): plain words of ours, escaped. */
export function buildAnswer(message: string, emoji = ':information_source:', options: { ours?: boolean } = {}): DeskMessage {
	// Our own words (help) keep their formatting; anything else is made inert.
	const t = (options.ours ? escapeMrkdwn(message) : safeText(message)).slice(0, 2900);
	return { text: t, blocks: [{ type: 'section', block_id: 'desk_answer', text: { type: 'mrkdwn', text: `${emoji} ${t}` } }] };
}
