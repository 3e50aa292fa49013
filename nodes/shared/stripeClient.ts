import Stripe from 'stripe';
import { attempt } from './attempt';

export interface StripeConnection {
	secretKey: string;
	/** https://api.stripe.com (default) or a sandbox such as http://127.0.0.1:5680 */
	apiBaseUrl?: string;
	stripeAccount?: string;
}

/**
 * The `stripe` SDK speaks to one host, port and protocol; a base URL from a credential is split
 * into those so that the local sandbox can stand in for api.stripe.com.
 */
export function stripeHostOptions(apiBaseUrl?: string): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
	const raw = (apiBaseUrl ?? '').trim();
	if (!raw) return {};
	const parsed = attempt(() => new URL(raw));
	if (!parsed.ok) throw new Error(`The Stripe API base URL "${raw}" is not a valid URL (expected e.g. https://api.stripe.com)`);
	const url = parsed.value;
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new Error(`The Stripe API base URL must start with https:// or http://, got "${url.protocol}"`);
	}
	const protocol = url.protocol === 'http:' ? 'http' : 'https';
	return {
		host: url.hostname,
		port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
		protocol,
	};
}

export function createStripeClient(conn: StripeConnection, extra: Partial<Stripe.StripeConfig> = {}): Stripe {
	return new Stripe(conn.secretKey, {
		maxNetworkRetries: 2,
		timeout: 30_000,
		appInfo: { name: 'n8n-nodes-stripe-slack' },
		...stripeHostOptions(conn.apiBaseUrl),
		...(conn.stripeAccount ? { stripeAccount: conn.stripeAccount } : {}),
		...extra,
	});
}
