/**
 * The High-Volume Trigger on n8n with several mains (no n8n imports).
 *
 * n8n 2.41.1 (multi-main needs an Enterprise licence: `ensureMultiMainLicensed` in n8n/dist/commands/start.js)
 * runs trigger() nodes on the leader only: the publication outbox is processed by the leader
 * (workflows/publication/workflow-publication-outbox-consumer.js), a new leader re-adds the missing triggers
 * (workflow-publication-reconciler.service.js, `reconcileOnLeaderTakeover`), a leader that steps down closes
 * them (published-workflow-trigger-deactivator.js, `deactivateAllNonWebhookTriggers`), and followers sweep
 * any they still hold every 10 s (`sweepGhostTriggers`); the legacy path gates them the same way
 * (active-workflow-manager.js, `shouldAddNonWebhookTriggers` → `isLeader`). So only the leader listens on the
 * trigger's port, and the listener moves with the leadership.
 *
 * The journal does not move: it is a file on the old leader's disk. Events it acknowledged to Stripe but had
 * not run yet would wait there until that main is leader again, perhaps never. So with several mains the
 * trigger must acknowledge after the run (Stripe keeps every event until its run has succeeded, and sends it
 * again to whichever main leads), and it refuses the journal mode at activation.
 */
import type { AckMode } from './listener';

/** As n8n decides it: queue mode and N8N_MULTI_MAIN_SETUP_ENABLED (true or 1). */
export function multiMainEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
	return env.EXECUTIONS_MODE === 'queue' && ['true', '1'].includes(String(env.N8N_MULTI_MAIN_SETUP_ENABLED ?? '').trim().toLowerCase());
}

/** Why this trigger cannot start as set up, or undefined when it can. */
export function multiMainRefusal(ack: AckMode, env: NodeJS.ProcessEnv = process.env): string | undefined {
	if (ack !== 'journal' || !multiMainEnabled(env)) return undefined;
	return (
		'n8n runs with several mains (N8N_MULTI_MAIN_SETUP_ENABLED): only the leader runs this trigger, and the leadership can move ' +
		"to another main, but the journal stays on this main's disk, so events already acknowledged to Stripe could wait there " +
		'unrun. Set Options → Acknowledge to "After the Workflow Finishes" (Stripe keeps each event until its run succeeded), ' +
		'or use the Stripe Signed Trigger (n8n webhooks, answered by every main and webhook process).'
	);
}
