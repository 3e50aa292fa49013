import type { Stripe } from '../sdkTypes';
import { attemptAsync } from '../attempt';

/**
 * Optional registration of the trigger's URL as a Stripe webhook endpoint (n8n's webhookMethods.default).
 * Kept apart from the node description so that it can be tested against the local sandbox or a fake.
 *
 * What is kept in the node's static data (persisted by n8n with the workflow):
 */
export interface EndpointRecord {
	endpointId?: string;
	/** the signing secret Stripe returned when WE created the endpoint (absent for adopted endpoints) */
	endpointSecret?: string;
	endpointUrl?: string;
	/** true when the endpoint existed before and its secret comes from the credential */
	endpointAdopted?: boolean;
	/** 'manual' for the editor's temporary test URL: always deleted afterwards */
	endpointMode?: string;
}

export type WhenDeactivated = 'delete' | 'disable';

export interface RegistrationContext {
	stripe: Stripe;
	url: string;
	enabledEvents: string[];
	/** register with `connect: true` (events of connected accounts) */
	connect: boolean;
	description: string;
	/** the credential has a webhook signing secret of its own */
	credentialHasSecret: boolean;
	record: EndpointRecord;
	mode: string;
	log: (message: string) => void;
}

function isMissing(error: unknown): boolean {
	const e = error as { statusCode?: number; code?: string; raw?: { code?: string } } | undefined;
	return e?.statusCode === 404 || e?.code === 'resource_missing' || e?.raw?.code === 'resource_missing';
}

function clear(record: EndpointRecord): void {
	delete record.endpointId;
	delete record.endpointSecret;
	delete record.endpointUrl;
	delete record.endpointAdopted;
	delete record.endpointMode;
}

function sameEvents(a: string[], b: string[]): boolean {
	const x = [...a].sort();
	const y = [...b].sort();
	return x.length === y.length && x.every((v, i) => v === y[i]);
}

async function bringUpToDate(ctx: RegistrationContext, endpoint: Stripe.WebhookEndpoint): Promise<void> {
	const update: Stripe.WebhookEndpointUpdateParams = {};
	if (!sameEvents(endpoint.enabled_events ?? [], ctx.enabledEvents)) {
		update.enabled_events = ctx.enabledEvents as Stripe.WebhookEndpointUpdateParams.EnabledEvent[];
	}
	if (endpoint.status === 'disabled') update.disabled = false;
	if (Object.keys(update).length > 0) await ctx.stripe.webhookEndpoints.update(endpoint.id, update);
}

async function findByUrl(stripe: Stripe, url: string): Promise<Stripe.WebhookEndpoint | undefined> {
	let found: Stripe.WebhookEndpoint | undefined;
	await stripe.webhookEndpoints.list({ limit: 100 }).autoPagingEach((endpoint) => {
		if (endpoint.url === url) {
			found = endpoint;
			return false; // stop paging
		}
		return undefined;
	});
	return found;
}

/**
 * n8n's checkExists: true when an endpoint for this URL is registered and usable (it is then updated to the
 * selected events and re-enabled), false when one must be created.
 * Reuse order: the endpoint recorded in static data; else any endpoint already registered for the same URL
 * (adopted when the credential holds its signing secret, otherwise replaced since its secret is unknown).
 */
export async function endpointExists(ctx: RegistrationContext): Promise<boolean> {
	const { stripe, record, url } = ctx;
	if (record.endpointId) {
		const found = await attemptAsync(() => stripe.webhookEndpoints.retrieve(record.endpointId as string));
		if (!found.ok && !isMissing(found.error)) throw found.error;
		const endpoint: Stripe.WebhookEndpoint | undefined = found.ok ? found.value : undefined;
		if (endpoint && endpoint.url === url && (record.endpointSecret || (record.endpointAdopted && ctx.credentialHasSecret))) {
			await bringUpToDate(ctx, endpoint);
			return true;
		}
		if (endpoint && !record.endpointAdopted) {
			// Ours but no longer usable (the URL changed or the secret was lost): remove it.
			ctx.log(`Deleting Stripe webhook endpoint ${endpoint.id}: it points to an old URL or its secret is unknown`);
			await stripe.webhookEndpoints.del(endpoint.id).catch((error: unknown) => {
				if (!isMissing(error)) throw error;
			});
		}
		clear(record);
	}
	const existing = await findByUrl(stripe, url);
	if (!existing) return false;
	if (ctx.credentialHasSecret) {
		ctx.log(`Reusing Stripe webhook endpoint ${existing.id} already registered for this URL (signing secret from the credential)`);
		record.endpointId = existing.id;
		record.endpointUrl = url;
		record.endpointAdopted = true;
		record.endpointMode = ctx.mode;
		await bringUpToDate(ctx, existing);
		return true;
	}
	ctx.log(
		`Replacing Stripe webhook endpoint ${existing.id} for this URL: its signing secret is not known (Stripe shows it only at creation) and the credential has none`,
	);
	await stripe.webhookEndpoints.del(existing.id).catch((error: unknown) => {
		if (!isMissing(error)) throw error;
	});
	return false;
}

/** n8n's create: register the URL and keep the returned signing secret. */
export async function createEndpoint(ctx: RegistrationContext): Promise<boolean> {
	const endpoint = await ctx.stripe.webhookEndpoints.create({
		url: ctx.url,
		enabled_events: ctx.enabledEvents as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
		description: ctx.description,
		...(ctx.connect ? { connect: true } : {}),
		metadata: { created_by: 'n8n-nodes-stripe-slack' },
	});
	if (!endpoint.id || !endpoint.secret) {
		throw new Error('Stripe created the webhook endpoint but returned no id or signing secret');
	}
	ctx.record.endpointId = endpoint.id;
	ctx.record.endpointSecret = endpoint.secret;
	ctx.record.endpointUrl = ctx.url;
	ctx.record.endpointMode = ctx.mode;
	delete ctx.record.endpointAdopted;
	ctx.log(`Registered Stripe webhook endpoint ${endpoint.id}`);
	return true;
}

/**
 * n8n's delete (deactivation, and before every re-publish). Endpoints this node created are deleted, or, with
 * "disable", only disabled and reused (same id and secret) on the next activation. Adopted endpoints (created by
 * someone else) are left as they are. The editor's temporary test endpoints are always deleted.
 */
export async function removeEndpoint(
	stripe: Stripe,
	record: EndpointRecord,
	whenDeactivated: WhenDeactivated,
	log: (message: string) => void,
): Promise<boolean> {
	if (!record.endpointId) return true;
	if (record.endpointAdopted) return true;
	if (whenDeactivated === 'disable' && record.endpointMode !== 'manual') {
		try {
			await stripe.webhookEndpoints.update(record.endpointId, { disabled: true });
			log(`Disabled Stripe webhook endpoint ${record.endpointId}; it is re-enabled on the next activation`);
			return true;
		} catch (error) {
			if (!isMissing(error)) return false;
			clear(record);
			return true;
		}
	}
	try {
		await stripe.webhookEndpoints.del(record.endpointId);
		log(`Deleted Stripe webhook endpoint ${record.endpointId}`);
	} catch (error) {
		if (!isMissing(error)) return false;
	}
	clear(record);
	return true;
}
