/**
 * The trigger option that names the webhook endpoint to watch (endpointHealth.ts), as a description fragment for
 * the Stripe triggers' Options collection, and which endpoint a trigger watches. No n8n imports: the fragment is
 * plain data of n8n's INodeProperties shape.
 *
 *   options: [..., ENDPOINT_ID_OPTION]
 *   const endpointId = endpointIdForHealth(staticData as EndpointRecord, options.endpointId);
 */
import { isEndpointId } from './endpointHealth';
import type { EndpointRecord } from './registration';

export const ENDPOINT_ID_OPTION = {
	displayName: 'Endpoint ID',
	name: 'endpointId',
	type: 'string' as const,
	default: '',
	placeholder: 'we_1Mr5jULkdIwHu7ix...',
	description:
		'The Stripe webhook endpoint to watch (Developers → Webhooks in the Stripe Dashboard). With it, or when the trigger registered its endpoint itself, the trigger checks the endpoint on its schedule and outputs one alert when Stripe disables it, when it stops listing the selected event types, or when deliveries keep failing, and one note when it is healthy again. Needs read access to webhook endpoints and events.',
};

/**
 * The endpoint to watch: the option when set (it must look like `we_...`; anything else is an error in words),
 * else the endpoint the trigger registered or adopted (never the editor's temporary test endpoint), else none.
 */
export function endpointIdForHealth(record: EndpointRecord | undefined, option: unknown): { endpointId?: string; error?: string } {
	const typed = typeof option === 'string' ? option.trim() : '';
	if (typed) return isEndpointId(typed) ? { endpointId: typed } : { error: `Endpoint ID "${typed.slice(0, 40)}" is not a Stripe webhook endpoint id (like we_1Mr5jULkdIwHu7ix...)` };
	if (record?.endpointId && record.endpointMode !== 'manual' && isEndpointId(record.endpointId)) return { endpointId: record.endpointId };
	return {};
}
