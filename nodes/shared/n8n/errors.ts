/**
 * The node-file boundary for errors: the pure modules throw plain errors with a message a person can act on,
 * and the node files turn what reaches them into n8n's own errors, so the editor shows a message, a
 * description and (for a Stripe or Slack answer) the HTTP status. Messages are scanned for personal data
 * first (format/scanners.ts): an error never carries an email, a card number or a key into n8n's UI or logs.
 */
import { type INode, type JsonObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { redactedError } from '../format/redact';

type ApiLike = { statusCode?: unknown; status?: unknown; code?: unknown; type?: unknown };

/** What to do about an API answer, by its HTTP status. */
export function apiErrorDescription(status: number, service: string): string {
	if (status === 401) return `${service} did not accept the credential: check its key or token (and its API base URL).`;
	if (status === 403) return `The credential may not do this: give the ${service} key or app the permission (a restricted Stripe key needs the resource's permission; a Slack app needs the scope).`;
	if (status === 404) return `${service} has no such object in this account and mode (test or live): check the id and the credential's mode.`;
	if (status === 409 || status === 400) return `${service} refused the request as it stands: read the message, check the object's state and the node's parameters.`;
	if (status === 429) return `${service} is rate limiting this account: run again later, or send fewer requests at once.`;
	if (status >= 500) return `${service} failed on its side: run the node again in a moment.`;
	return `${service} answered ${status}: read the message and check the node's parameters and credential.`;
}

function statusOf(error: unknown): number | undefined {
	const e = (error ?? {}) as ApiLike;
	const status = Number(e.statusCode ?? e.status);
	return Number.isInteger(status) && status >= 400 && status < 600 ? status : undefined;
}

/**
 * n8n's error for what an item's work threw: as it is when it already is one; a NodeApiError when it is a
 * Stripe or Slack answer with an HTTP status; a NodeOperationError otherwise, with `description` (what the
 * user can check) when it has none of its own.
 */
export function nodeError(
	node: INode,
	error: unknown,
	options: { itemIndex?: number; description: string; service?: string },
): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	const message = redactedError(error);
	const status = statusOf(error);
	if (status !== undefined) {
		const service = options.service ?? 'Stripe';
		return new NodeApiError(node, { message, httpCode: String(status) } as JsonObject, {
			message,
			description: apiErrorDescription(status, service),
			httpCode: String(status),
			itemIndex: options.itemIndex,
		});
	}
	return new NodeOperationError(node, message, { itemIndex: options.itemIndex, description: options.description });
}
