/**
 * Why the Stripe Signed Trigger needs this (pure, no n8n imports): it has a webhook() and, for the catch-up's
 * schedule, a trigger(). n8n 2.41 runs an execution's start node through `trigger()` whenever the node type has
 * one and the execution is manual (n8n-core WorkflowExecute.runNode -> executeTriggerNode), instead of passing
 * the webhook's output through as it does for production executions. So while the editor listens for a test
 * event, the webhook() hands its output here and the manual trigger() emits it: the test event reaches the
 * workflow unchanged. Both run in the main process that received the test request (n8n runs manual executions
 * there unless OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true).
 */

const waiting = new Map<string, Array<{ data: unknown; at: number }>>();

/** How long a handed-over test output waits for its manual execution (ms). */
const MAX_WAIT_MS = 5 * 60 * 1000;

export function handOffTestOutput(key: string, data: unknown, nowMs = Date.now()): void {
	const list = (waiting.get(key) ?? []).filter((w) => nowMs - w.at < MAX_WAIT_MS);
	list.push({ data, at: nowMs });
	waiting.set(key, list);
}

/** The oldest output handed over for this node, once. */
export function takeTestOutput(key: string, nowMs = Date.now()): unknown {
	const list = (waiting.get(key) ?? []).filter((w) => nowMs - w.at < MAX_WAIT_MS);
	const next = list.shift();
	if (list.length) waiting.set(key, list);
	else waiting.delete(key);
	return next?.data;
}
