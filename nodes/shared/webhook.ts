/**
 * Plain shapes of what a node hands back to n8n, so that core modules can build items and webhook answers
 * without n8n imports. They match n8n-workflow's INodeExecutionData and IWebhookResponseData structurally;
 * a node file passes them on with one cast.
 */
export type JsonObject = Record<string, unknown>;

/** One n8n item: `{ json }` (binary data is never produced by the core). */
export interface WorkflowItem {
	json: JsonObject;
}

/** What a webhook method returns: items to start the workflow with, or no response of n8n's own. */
export interface WebhookAnswer {
	workflowData?: WorkflowItem[][];
	webhookResponse?: unknown;
	noWebhookResponse?: boolean;
}
