/**
 * Where the templates are for someone who installed the package from n8n's Community Nodes settings
 * (issue #30): the package ships them, and so does the repository. Shown at the end of the two triggers
 * every template starts with.
 */
import type { INodeProperties } from 'n8n-workflow';

export const TEMPLATES_FOLDER = '~/.n8n/nodes/node_modules/n8n-nodes-stripe-slack/workflows/';
export const TEMPLATES_URL = 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/tree/main/workflows';

export const templatesNotice: INodeProperties = {
	displayName: `Ready-made workflows (payments, subscriptions, disputes, digest, Slack actions, support desk) and the Slack app manifest come with this package: in ${TEMPLATES_FOLDER} on the machine that runs n8n, and at ${TEMPLATES_URL}. Import one with Workflows → Import from File.`,
	name: 'templatesNotice',
	type: 'notice',
	default: '',
};
