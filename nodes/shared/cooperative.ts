/**
 * Long loops that share the event loop (pure). In n8n's regular mode a workflow runs in the process that also
 * serves the Stripe High-Volume Trigger's own HTTP listener: a node that formats a batch of 500 events in one
 * synchronous loop keeps every acknowledgement waiting until it finishes (bench/template.ts, #29). A loop
 * calls `pause()` after each item; once `budgetMs` of work has passed since the last pause it gets a promise
 * that resolves on the next turn of the event loop (`setImmediate`, after pending I/O: the listener answers
 * in between), otherwise `undefined`, so a short loop costs nothing.
 */
export function cooperative(budgetMs = 5): () => Promise<void> | undefined {
	let since = performance.now();
	return () => {
		if (performance.now() - since < budgetMs) return undefined;
		return new Promise<void>((resolve) =>
			setImmediate(() => {
				since = performance.now();
				resolve();
			}),
		);
	};
}
