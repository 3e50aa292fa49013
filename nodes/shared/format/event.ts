/**
 * The formatter's pure entry points (no n8n imports):
 *   formatStripeEvent(event, options) → SlackMessage  (one event, one message)
 *   formatSummary(events | summary, options) → SlackMessage  (see summary.ts)
 * Order of safety steps for every value: field policy → free-text scanners → neutralise → escape →
 * truncate (entity-safe) → Block Kit limits.
 */
import { ACTIONS, MONEY_MOVING_ACTIONS } from '../actions';
import { dashboardUrl, safeAccountId, safeStripeId } from './dashboard';
import { enforceLimits } from './limits';
import { escapeMrkdwn, link } from './mrkdwn';
import { formatMoney } from './money';
import type { Block, ButtonElement, FormatOptions, ResolvedOptions, SlackMessage } from './types';
import { resolveOptions } from './types';
import { formatDate, isStripeEvent, safeEventType, TemplateContext, type ActionSpec, type MessageModel, type StripeEventLike } from './templateContext';
import { generic, templateForEvent } from './templates/router';
import { invoiceSubscriptionId } from './templates/common';
import { categoryOf } from './templates/generic';
import { noticeAsEvent } from './notices';

export class NotAStripeEventError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'NotAStripeEventError';
	}
}

/** Why a value is not a Stripe event, in words for an error message. */
export function describeNonEvent(x: unknown): string {
	if (x === null || x === undefined) return 'the item is empty';
	if (typeof x !== 'object' || Array.isArray(x)) return `expected an object, got ${Array.isArray(x) ? 'an array' : typeof x}`;
	const e = x as Record<string, unknown>;
	if (typeof e.type !== 'string') return 'it has no "type" (e.g. "invoice.paid")';
	if (e.object !== undefined && e.object !== 'event') return `its "object" is not "event"`;
	return 'it has no "data.object"';
}

/** Header and other plain_text from us or the workflow author: single line, no angle brackets. */
export function plainSafe(s: string): string {
	return s.replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();
}

export interface BuiltModel {
	ctx: TemplateContext;
	model: MessageModel;
}

/** Run the template for the event; any template error falls back to the generic template. */
export function buildModel(event: StripeEventLike, opts: ResolvedOptions): BuiltModel {
	const ctx = new TemplateContext(event, opts);
	try {
		return { ctx, model: templateForEvent(ctx.type, ctx.objectType)(ctx) };
	} catch {
		const c2 = new TemplateContext(event, opts);
		try {
			return { ctx: c2, model: generic(c2) };
		} catch {
			const c3 = new TemplateContext(event, opts);
			return {
				ctx: c3,
				model: { category: categoryOf(c3.type), severity: 'info', emoji: '🔔', title: 'Stripe event', fields: [], actions: [] },
			};
		}
	}
}

const CONFIRM_DEFAULTS: Record<string, { title: string; text: (id: string, money: string) => string; confirm: string }> = {
	[ACTIONS.retryPayment]: {
		title: 'Retry this payment?',
		text: (id, m) => `Stripe will try to collect ${m || 'the amount due'} on invoice ${id} now.`,
		confirm: 'Retry payment',
	},
	[ACTIONS.refund]: {
		title: 'Refund in full?',
		text: (id, m) => `Refund ${m || 'the full amount'} of ${id} to the customer. This cannot be undone.`,
		confirm: 'Refund',
	},
	[ACTIONS.cancelSubscription]: {
		title: 'Cancel at period end?',
		text: (id) => `Subscription ${id} will not renew; it ends at the end of the current period.`,
		confirm: 'Cancel subscription',
	},
	[ACTIONS.cancelSubscriptionNow]: {
		title: 'Cancel now?',
		text: (id) => `Subscription ${id} ends immediately. This cannot be undone.`,
		confirm: 'Cancel now',
	},
	[ACTIONS.acceptDispute]: {
		title: 'Accept this dispute?',
		text: (id, m) => `Dispute ${id} closes as lost; ${m || 'the amount'} stays with the cardholder. This cannot be undone.`,
		confirm: 'Accept dispute',
	},
	[ACTIONS.approveReview]: {
		title: 'Approve this payment?',
		text: (id, m) => `Review ${id} closes as approved and ${m || 'the payment'} goes ahead as Radar did not block it.`,
		confirm: 'Approve',
	},
	[ACTIONS.refundFraudWarning]: {
		title: 'Refund as fraudulent?',
		text: (id, m) =>
			`Refund ${m || 'the full amount'} of the charge behind early fraud warning ${id}, reason fraudulent. This cannot be undone.`,
		confirm: 'Refund',
	},
	[ACTIONS.capturePayment]: {
		title: 'Capture this payment?',
		text: (id, m) => `Collect ${m || 'the authorized amount'} on ${id} now.`,
		confirm: 'Capture',
	},
	[ACTIONS.voidInvoice]: {
		title: 'Void this invoice?',
		text: (id, m) => `Invoice ${id} is closed for good; ${m || 'the amount due'} will not be collected. This cannot be undone.`,
		confirm: 'Void invoice',
	},
};

function button(spec: ActionSpec, model: MessageModel, opts: ResolvedOptions): ButtonElement | undefined {
	const id = safeStripeId(spec.id);
	if (!id) return undefined;
	const actionId = ACTIONS[spec.action];
	const b: ButtonElement = { type: 'button', text: { type: 'plain_text', text: spec.label, emoji: true }, action_id: actionId, value: id };
	if (spec.style) b.style = spec.style;
	if (MONEY_MOVING_ACTIONS.has(actionId) || spec.confirm) {
		const d = CONFIRM_DEFAULTS[actionId];
		const money = model.amount ? formatMoney(model.amount.value, model.amount.currency, opts.locale) : '';
		b.confirm = {
			title: { type: 'plain_text', text: plainSafe(spec.confirm?.title ?? d?.title ?? `${spec.label}?`) },
			text: { type: 'plain_text', text: plainSafe(spec.confirm?.text ?? d?.text(id, money) ?? `${spec.label} ${id}?`) },
			confirm: { type: 'plain_text', text: plainSafe(spec.confirm?.confirm ?? d?.confirm ?? spec.label) },
			deny: { type: 'plain_text', text: 'Cancel' },
			style: actionId === ACTIONS.retryPayment || actionId === ACTIONS.approveReview ? ('primary' as const) : ('danger' as const),
		};
	}
	return b;
}

/** Model → Block Kit message (compact or detailed), within limits. */
export function renderModel(ctx: TemplateContext, model: MessageModel, opts: ResolvedOptions): SlackMessage {
	const test = !ctx.livemode && opts.testModeBadge;
	const prefix = plainSafe(opts.titlePrefix);
	const title = plainSafe(model.title);
	const headerText = `${prefix ? `${prefix} ` : ''}${model.emoji} ${title}`;
	const eventId = safeStripeId(ctx.event.id);
	const account = safeAccountId(ctx.event.account) ?? opts.dashboardAccount;
	const linkId = model.linkId ?? ctx.objectId;
	const pageLink = model.link && /^https:\/\/dashboard\.stripe\.com\/[A-Za-z0-9_/]*$/.test(model.link.url) ? model.link : undefined;
	const objectUrl = linkId && dashboardUrl({ id: linkId, livemode: ctx.livemode, account });
	const url = objectUrl || pageLink?.url || (eventId && dashboardUrl({ id: eventId, livemode: ctx.livemode, account })) || undefined;
	const eventType = safeEventType(ctx.event.type);
	const created = typeof ctx.event.created === 'number' ? formatDate(ctx.event.created, opts.locale, opts.timeZone) : undefined;

	const buttons = model.actions.map((a) => button(a, model, opts)).filter((b): b is ButtonElement => !!b);
	// One button per action_id in a block.
	const seen = new Set<string>();
	const uniqueButtons = buttons.filter((b) => (seen.has(b.action_id) ? false : (seen.add(b.action_id), true)));
	if (url && (linkId || pageLink)) {
		const label = plainSafe(pageLink && url === pageLink.url ? (pageLink.label ?? 'Open in Stripe') : 'Open in Stripe').slice(0, 75);
		uniqueButtons.push({ type: 'button', text: { type: 'plain_text', text: label, emoji: true }, action_id: ACTIONS.openDashboard, url, value: safeStripeId(linkId) ?? eventId ?? 'stripe' });
	}

	const badgeMrkdwn = test ? '🧪 *Test mode*' : undefined;
	const contextParts = [eventType ? `\`${eventType}\`` : undefined, created ? escapeMrkdwn(created) : undefined, opts.layout === 'detailed' && eventId ? `event \`${eventId}\`` : undefined].filter(Boolean);
	const contextElements = [badgeMrkdwn, contextParts.join(' · ') || undefined]
		.filter((t): t is string => !!t)
		.map((text) => ({ type: 'mrkdwn' as const, text }));

	const blocks: Block[] = [];
	if (opts.layout === 'compact') {
		const inline = model.fields
			.filter((f) => !model.headline?.includes(f.value))
			.slice(0, 4)
			.map((f) => `*${escapeMrkdwn(f.label)}:* ${f.value.replace(/\n/g, ', ')}`)
			.join('\n');
		const text = [`${model.emoji} *${escapeMrkdwn(`${prefix ? `${prefix} ` : ''}${title}`)}*`, model.headline, inline].filter(Boolean).join('\n');
		blocks.push({ type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text } });
	} else {
		blocks.push({ type: 'header', block_id: 'header', text: { type: 'plain_text', text: headerText, emoji: true } });
		if (model.headline) blocks.push({ type: 'section', block_id: 'headline', text: { type: 'mrkdwn', text: model.headline } });
		if (model.fields.length) {
			blocks.push({
				type: 'section',
				block_id: 'fields',
				fields: model.fields.map((f) => ({ type: 'mrkdwn' as const, text: `*${escapeMrkdwn(f.label)}*\n${f.value}` })),
			});
		}
		(model.details ?? []).forEach((d, i) => {
			if (d) blocks.push({ type: 'section', block_id: `details_${i}`, text: { type: 'mrkdwn', text: d } });
		});
	}
	if (contextElements.length) blocks.push({ type: 'context', block_id: 'context', elements: contextElements });
	if (uniqueButtons.length) blocks.push({ type: 'actions', block_id: 'actions', elements: uniqueButtons });

	// The fallback repeats the headline without our bold/code markup and without the amount already in the title.
	let headlinePlain = model.headline ? model.headline.replace(/`/g, '') : '';
	const lead = /^\*([^*]+)\*(?: · )?/.exec(headlinePlain);
	if (lead && title.includes(lead[1].replace(/&amp;/g, '&').replace(/\s+/g, ' '))) headlinePlain = headlinePlain.slice(lead[0].length);
	headlinePlain = headlinePlain.replace(/\*/g, '');
	const fallback = `${test ? '[TEST] ' : ''}${escapeMrkdwn(`${prefix ? `${prefix} ` : ''}${title}`)}${headlinePlain ? ` — ${headlinePlain}` : ''}${url ? ` · ${link(url, 'Open in Stripe')}` : ''}`;
	const limited = enforceLimits(blocks, fallback);
	const msg: SlackMessage = {
		text: limited.text,
		blocks: limited.blocks,
		metadata: {
			event_id: eventId ?? null,
			object_id: ctx.objectId ?? null,
			object_type: ctx.objectType ?? null,
			livemode: ctx.livemode,
			category: model.category,
			severity: model.severity,
			event_type: eventType ?? null,
			amount: model.amount?.value ?? null,
			currency: model.amount?.currency ?? null,
			subscription_id:
				ctx.objectType === 'subscription'
					? (ctx.objectId ?? null)
					: ctx.objectType === 'invoice'
						? (safeStripeId(invoiceSubscriptionId(ctx)) ?? null)
						: null,
			created: typeof ctx.event.created === 'number' && Number.isFinite(ctx.event.created) ? ctx.event.created : null,
		},
	};
	if (opts.channel) msg.channel = opts.channel;
	return msg;
}

/** Format one Stripe event as a Slack message. Throws NotAStripeEventError for anything else. */
export function formatStripeEvent(event: unknown, options: FormatOptions = {}): SlackMessage {
	event = noticeAsEvent(event); // the triggers' catch-up and endpoint-health notices (format/notices.ts)
	if (!isStripeEvent(event)) throw new NotAStripeEventError(`Not a Stripe event: ${describeNonEvent(event)}`);
	const opts = resolveOptions(options);
	const { ctx, model } = buildModel(event, opts);
	return renderModel(ctx, model, opts);
}

export { isStripeEvent };
