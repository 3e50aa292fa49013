/**
 * The node side of `../slack/whoMayMistakes.ts` for the Slack Action Trigger: where a name in Who May Do What
 * that Slack does not know is reported (the trigger's "Report Mistakes To", else the Settings node after it),
 * and the store that remembers it was (the thread store: a file in n8n's folder, or queue mode's Redis).
 */
import type { IWebhookFunctions } from 'n8n-workflow';
import { chooseThreadStore } from '../delivery/stores';
import type { MistakeReporting } from '../slack/triggerTypes';
import { reportTargets } from '../slack/whoMayMistakes';

export function mistakeReporting(ctx: IWebhookFunctions, option: unknown): MistakeReporting {
	const node = ctx.getNode();
	const workflow = ctx.getWorkflow();
	let after: Array<{ name: string; type: string; parameters?: unknown }> = [];
	try {
		after = ctx.getChildNodes(node.name, { includeNodeParameters: true });
	} catch {
		after = []; // an n8n without it: the option alone
	}
	return {
		targets: reportTargets(typeof option === 'string' ? option : undefined, after),
		workflow: workflow.name ?? 'this workflow',
		scope: `${workflow.id ?? ''}:${node.id ?? node.name}`,
		node: node.name,
		lease: () => {
			const store = chooseThreadStore('automatic', '');
			return typeof store === 'string' ? undefined : store;
		},
	};
}
