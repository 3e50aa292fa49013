import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { ACTION_PREFIX } from '../shared/actions';
import { toleranceProblem } from '../shared/tolerance';
import { handleSlackAction, type TriggerSettings } from '../shared/slack/click';
import { templatesNotice } from '../shared/n8n/templatesNotice';
import type { WhoMay } from '../shared/slack/whoMay';
import { mistakeReporting } from '../shared/n8n/whoMayReport';

export class SlackActionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Slack Action Trigger',
		name: 'slackActionTrigger',
		documentationUrl: 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/docs/nodes.md#slack-action-trigger-slackactiontrigger',
		icon: { light: 'file:slackActionTrigger.svg', dark: 'file:slackActionTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ !$parameter["actionIdPrefixes"] ? "Any Button Click" : $parameter["actionIdPrefixes"] === "stripe_slack." ? "Clicks on Stripe Buttons" : "Clicks on Chosen Buttons" }}',
		description:
			'Starts a workflow when someone clicks a button (or submits a modal) of a Slack message, after checking Slack’s signature and who clicked',
		defaults: {
			name: 'Slack Action Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'slackAppApi',
				required: true,
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// The node answers Slack itself (an empty 200 right after checking the signature), then the
				// workflow runs; see handler.ts.
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Put this node’s Production URL in your Slack app under Interactivity & Shortcuts → Request URL (and, for the support desk, as the /stripe slash command’s Request URL). Clicks are answered at once; the workflow runs afterwards.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Action ID Prefixes',
				name: 'actionIdPrefixes',
				type: 'string',
				default: ACTION_PREFIX,
				placeholder: 'stripe_slack.refund, stripe_slack.retry_payment',
				description:
					'Only clicks whose action_id starts with one of these (comma-separated) start the workflow; others are acknowledged and ignored. Empty: every action.',
			},
			{
				displayName: 'Interaction Types',
				name: 'interactionTypes',
				type: 'multiOptions',
				options: [
					{
						name: 'Button Click (Block_actions)',
						value: 'block_actions',
						description: 'Someone clicks a button of a message this package posted',
					},
					{
						name: 'Message Shortcut (Message_action)',
						value: 'message_action',
						description: 'The “Look up in Stripe” shortcut on a message (support desk)',
					},
					{
						name: 'Modal Submission (View_submission)',
						value: 'view_submission',
						description: 'Someone submits a form that opened in Slack, e.g. the refund amount or the dispute evidence',
					},
					{
						name: 'Slash Command',
						value: 'slash_command',
						description: '/stripe followed by an email or a Stripe ID (support desk); point the command’s Request URL at this node',
					},
				],
				default: ['block_actions', 'view_submission'],
				description: 'Which interactions start the workflow',
			},
			{
				displayName: 'Who May Do What',
				name: 'whoMay',
				type: 'collection',
				placeholder: 'Add Who May …',
				default: {},
				description:
					'Who may do what, in words: Slack user groups and people by name (@finance, @alice), member IDs (U…) or user group IDs (S…), "everyone" or "nobody". Added to the Authorization Rules below; a name Slack does not know denies and says so.',
				options: [
					{
						displayName: 'Who May Look Up Customers',
						name: 'lookUp',
						type: 'string',
						default: '',
						placeholder: '@support, @finance',
						description: 'Who may use /stripe, the “Look up in Stripe” shortcut and the lookup buttons (with the Lookup Allowed options)',
					},
					{
						displayName: 'Who May Refund',
						name: 'refund',
						type: 'string',
						default: '',
						placeholder: '@finance',
						description: 'Who may press Refund, and Refund on an early fraud warning',
					},
					{
						displayName: 'Who May Use the Other Money Buttons',
						name: 'moneyButtons',
						type: 'string',
						default: '',
						placeholder: '@finance',
						description: 'Retry payment, cancel subscription, accept dispute, submit evidence, approve review, capture, void invoice, send reminder, send payment page',
					},
					{
						displayName: 'Who May Use Team Actions',
						name: 'teamActions',
						type: 'string',
						default: '',
						placeholder: '@support, @finance',
						description: 'Assign, Escalate, Mark contacted, Create ticket',
					},
				],
			},
			{
				displayName: 'Authorization Rules',
				name: 'authorization',
				type: 'fixedCollection',
				placeholder: 'Add Rule',
				typeOptions: {
					multipleValues: true,
				},
				default: {},
				description:
					'Who may use which buttons. For a click, the rules with the longest matching action ID prefix decide. A denied user gets an ephemeral “You are not allowed to …” and no workflow runs.',
				options: [
					{
						name: 'rules',
						displayName: 'Rule',
						description: 'Who may use the buttons whose action ID starts with a prefix',
						values: [
							{
								displayName: 'Action ID Prefix',
								name: 'actionPrefix',
								type: 'string',
								default: ACTION_PREFIX,
								description:
									'The rule applies to action IDs that start with this, for example stripe_slack.refund. Empty: every action.',
							},
							{
								displayName: 'Allowed User IDs',
								name: 'userIds',
								type: 'string',
								default: '',
								placeholder: 'U012AB3CD, U045EF6GH',
								description: 'Slack member IDs, comma-separated. * allows everyone.',
							},
							{
								displayName: 'Allowed User Group IDs',
								name: 'userGroupIds',
								type: 'string',
								default: '',
								placeholder: 'S0614TZR7',
								description:
									'Slack user group IDs (S…), comma-separated. Members are looked up with usergroups.users.list (scope usergroups:read) and cached briefly.',
							},
						],
					},
				],
			},
			{
				displayName: 'Actions Without a Rule',
				name: 'unmatchedActions',
				type: 'options',
				options: [
					{
						name: 'Deny Money-Moving Actions, Allow Others',
						value: 'denyMoneyMoving',
						description: 'Refund, retry payment, cancel subscription and accept dispute need a rule',
					},
					{
						name: 'Deny',
						value: 'deny',
						description: 'Only buttons covered by a rule can be used',
					},
					{
						name: 'Allow',
						value: 'allow',
						description: 'Anyone who can see the message may click. Not recommended for money-moving buttons.',
					},
				],
				default: 'denyMoneyMoving',
				description: 'What happens to a click that no authorization rule covers',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				description: 'Optional: what people who may not act are told, who may look up customers, which buttons ask for details in a modal first, and security limits',
				options: [
					{
						displayName: 'Denial Message',
						name: 'denialMessage',
						type: 'string',
						default: 'You are not allowed to {action}. Ask someone in finance if this needs doing.',
						description: 'Shown only to the user who was denied. {action} becomes for example “refund this payment”.',
					},
					{
						displayName: 'Duplicate Window (Seconds)',
						name: 'duplicateWindowSeconds',
						type: 'number',
						typeOptions: {
							minValue: 0,
						},
						default: 600,
						description:
							'A repeated delivery of the same click (same trigger_id and action_ts, e.g. Slack’s retry) within this window is acknowledged but starts no second workflow. 0 turns this off.',
					},
					{
						displayName: 'Group Cache (Seconds)',
						name: 'groupCacheSeconds',
						type: 'number',
						typeOptions: {
							minValue: 0,
						},
						default: 60,
						description: 'How long the members of a user group are remembered',
					},
					{
						displayName: 'Ignore Link Buttons',
						name: 'ignoreLinkButtons',
						type: 'boolean',
						default: true,
						description: 'Whether clicks on buttons that only open a URL (Open in Stripe) are acknowledged without starting the workflow',
					},
					{
						displayName: 'Lookup Allowed User Group IDs',
						name: 'lookupUserGroupIds',
						type: 'string',
						default: '',
						placeholder: 'S0614TZR7',
						description: 'Slack user groups whose members may look up billing (slash command, shortcut, a choice, Share in channel)',
					},
					{
						displayName: 'Lookup Allowed User IDs',
						name: 'lookupUserIds',
						type: 'string',
						default: '',
						placeholder: 'U012AB3CD, U045EF6GH',
						description:
							'Slack member IDs who may look up billing, comma-separated; * allows everyone. With no users and no groups nobody may look up: others get a private refusal and no Stripe call is made.',
					},
					{
						displayName: 'Lookup Denial Message',
						name: 'lookupDenialMessage',
						type: 'string',
						default: 'You are not allowed to look up billing in Stripe. Ask an admin to add you to the support desk’s lookup allowlist.',
						description: 'Shown only to a user who may not look up',
					},
					{
						displayName: 'Modal Submission Answer',
						name: 'viewSubmissionResponse',
						type: 'options',
						options: [
							{
								name: 'Close This Modal',
								value: 'close',
								description: 'Close the submitted modal; a modal under it stays open',
							},
							{
								name: 'Close All Modals',
								value: 'clear',
								description: 'Close every modal of the stack',
							},
						],
						default: 'close',
						description: 'How Slack is answered when a modal is submitted',
					},
					{
						displayName: 'Open Evidence Modal',
						name: 'openEvidenceModal',
						type: 'boolean',
						default: true,
						description:
							'Whether a click on Submit Evidence opens a modal for the evidence text (within Slack’s 3 seconds); the workflow then runs when the modal is submitted',
					},
					{
						displayName: 'Open Refund Modal',
						name: 'openRefundModal',
						type: 'boolean',
						default: false,
						description:
							'Whether a click on Refund first opens a modal asking for the reason and an optional partial amount; the workflow runs when it is submitted',
					},
					{
						displayName: 'Report Mistakes To',
						name: 'reportMistakesTo',
						type: 'string',
						default: '',
						placeholder: '#billing-alerts',
						description: 'A channel, or a member ID (U…) for a direct message, told once a day about a name in Who May Do What that Slack does not know. Empty: the Settings node’s "Report mistakes to", else its "Alerts channel", else only the log.',
					},
					{
						displayName: 'Signature Max Age (Seconds)',
						name: 'toleranceSeconds',
						type: 'number',
						typeOptions: {
							minValue: 1,
							maxValue: 300,
						},
						default: 300,
						description:
							'Requests whose X-Slack-Request-Timestamp is further than this from now (past or future) are rejected. A value that is not a number from 1 to 3600 (for example from an expression) stops the workflow from activating.',
					},
				],
			},
			templatesNotice,
		],
	};

	webhookMethods = {
		default: {
			/** Activation: the only check is the configuration (Slack keeps no registration to look up). */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const options = this.getNodeParameter('options', {}) as IDataObject;
				const problem = toleranceProblem(options.toleranceSeconds, 'Signature Max Age');
				if (problem) throw new NodeOperationError(this.getNode(), problem);
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const authorization = this.getNodeParameter('authorization', {}) as {
			rules?: Array<{ actionPrefix?: string; userIds?: string; userGroupIds?: string }>;
		};
		const settings: TriggerSettings = {
			actionIdPrefixes: this.getNodeParameter('actionIdPrefixes', ACTION_PREFIX) as string,
			interactionTypes: this.getNodeParameter('interactionTypes', ['block_actions', 'view_submission']) as string[],
			rules: authorization.rules ?? [],
			unmatchedActions: this.getNodeParameter('unmatchedActions', 'denyMoneyMoving') as string,
			denialMessage: options.denialMessage as string | undefined,
			duplicateWindowSeconds: options.duplicateWindowSeconds as number | undefined,
			groupCacheSeconds: options.groupCacheSeconds as number | undefined,
			ignoreLinkButtons: options.ignoreLinkButtons as boolean | undefined,
			viewSubmissionResponse: options.viewSubmissionResponse as string | undefined,
			openEvidenceModal: options.openEvidenceModal as boolean | undefined,
			openRefundModal: options.openRefundModal as boolean | undefined,
			toleranceSeconds: options.toleranceSeconds as number | undefined,
			lookupUserIds: options.lookupUserIds as string | undefined,
			lookupUserGroupIds: options.lookupUserGroupIds as string | undefined,
			lookupDenialMessage: options.lookupDenialMessage as string | undefined,
			whoMay: this.getNodeParameter('whoMay', {}) as WhoMay,
			mistakes: mistakeReporting(this, options.reportMistakesTo),
		};
		const credentials = await this.getCredentials('slackAppApi');
		return (await handleSlackAction(
			{
				request: this.getRequestObject(),
				response: this.getResponseObject(),
				nodeKey: `${this.getWorkflow().id ?? ''}:${this.getNode().id ?? this.getNode().name}`,
				logger: this.logger,
			},
			{
				botToken: String(credentials.botToken ?? ''),
				signingSecret: String(credentials.signingSecret ?? ''),
				apiBaseUrl: String(credentials.apiBaseUrl ?? ''),
			},
			settings,
		)) as IWebhookResponseData;
	}
}
