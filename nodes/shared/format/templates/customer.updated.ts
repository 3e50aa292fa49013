import { humanize } from '../mrkdwn';
import { markHandled, type Template, type TemplateContext } from '../templateContext';

const BILLING_KEYS = new Set(['address', 'email', 'name', 'phone', 'shipping', 'tax_exempt', 'tax_ids', 'invoice_settings', 'default_source', 'preferred_locales']);

/** A redacted, safe rendering of one side of a change. */
function side(ctx: TemplateContext, key: string, value: unknown): string {
	if (value === null || value === undefined || value === '') return '_empty_';
	const isAddr = key === 'address' || key === 'shipping';
	if (typeof value === 'object' && !isAddr) return '_(object)_';
	if (isAddr && typeof value === 'object' && Object.values(value as object).every((v) => v === null || v === '')) return '_empty_';
	const r = key === 'shipping' ? ctx.redactor.field('shipping.address', (value as Record<string, unknown>).address) : ctx.redactor.field(key, value);
	return r === undefined ? '_hidden_' : ctx.safe(r, 120);
}

/**
 * customer.updated: a redacted diff of data.previous_attributes → data.object. Masked or hidden values
 * show as masked or "_hidden_", so the diff says *what* changed without leaking it.
 */
export const customerUpdated: Template = (ctx) => {
	const prev = ctx.prev ?? {};
	const keys = Object.keys(prev);
	const lines: string[] = [];
	for (const key of keys.slice(0, 12)) {
		const scanned = ctx.redactor.text(key); // scanned before humanize turns `sk_live_…` into words
		const label = scanned ? ctx.safe(humanize(scanned), 40) : '_field_';
		if (ctx.redactor.isHidden(key)) {
			lines.push(`*${label}:* changed _(hidden)_`);
			continue;
		}
		if (key === 'metadata' && prev.metadata && typeof prev.metadata === 'object') {
			const mk = Object.keys(prev.metadata as object).slice(0, 6);
			const names = mk.map((k) => ctx.free(k, 30)).filter(Boolean);
			lines.push(`*Metadata:* ${names.length ? names.join(', ') : 'entries'} changed`);
			continue;
		}
		const before = side(ctx, key, prev[key]);
		const after = side(ctx, key, ctx.obj[key]);
		lines.push(before === after ? `*${label}:* changed` : `*${label}:* ${before} → ${after}`);
	}
	if (keys.length > 12) lines.push(`_+${keys.length - 12} more changes_`);
	const billing = keys.some((k) => BILLING_KEYS.has(k));
	ctx.addCustomer({ name: ['name'], email: ['email'] }).add('Updated', ctx.date(ctx.event.created), 'dates');
	return ctx.model({
		category: 'customer',
		severity: 'info',
		emoji: '👤',
		title: billing ? 'Customer billing details changed' : 'Customer updated',
		headline: lines.length ? `${lines.length} change${lines.length === 1 ? '' : 's'}` : '_no previous values in the event_',
		details: lines.length ? [lines.join('\n')] : undefined,
		actions: billing ? markHandled(ctx.objectId) : [],
	});
};
