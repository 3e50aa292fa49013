import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { nodeError } from '../shared/n8n/errors';

import { createSlackClient } from '../shared/slack/slackApi';
import {
	addAuditNote,
	outcomeText,
	postEphemeral,
	postMessage,
	reportResult,
	resolveInput,
	updateOriginalMessage,
	type SlackTarget,
	type UpdateMethod,
} from '../shared/slack/respond';
import { redactedError, redactOutgoing } from '../shared/format/redact';
import { outcomeKnown } from '../shared/stripe/outcomePrivacy';

export class SlackActionResponse implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Slack Action Response',
		name: 'slackActionResponse',
		documentationUrl: 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/docs/nodes.md#slack-action-response-slackactionresponse',
		icon: { light: 'file:slackActionResponse.svg', dark: 'file:slackActionResponse.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ {addAuditNote: "Add an Audit Note", postEphemeral: "Reply Only to the Clicker", postMessage: "Post a Message", reportResult: "Update the Message", updateOriginal: "Replace the Buttons"}[$parameter["operation"]] }}',
		description:
			'Answers a Slack button click: updates the original message, posts an ephemeral reply or a message, and records an audit note in the thread',
		// not an AI agent's tool: it answers a Slack click, which a tool call never is (docs/nodes.md#the-nodes-as-ai-agent-tools)
		usableAsTool: undefined, // n8n's type has no `false`: left unset on purpose, and said so for n8n's usableAsTool rule
		defaults: {
			name: 'Slack Action Response',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'slackAppApi',
				required: true,
			},
		],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Add Audit Note',
						value: 'addAuditNote',
						description: 'Reply in the message thread: who, what, when, Stripe request ID, result',
						action: 'Add an audit note in the thread',
					},
					{
						name: 'Post Ephemeral',
						value: 'postEphemeral',
						description: 'Show a message only to the user who clicked',
						action: 'Post an ephemeral reply',
					},
					{
						name: 'Post Message',
						value: 'postMessage',
						description: 'Post a message in a channel or in the clicked message thread',
						action: 'Post a message',
					},
					{
						name: 'Report Action Result',
						value: 'reportResult',
						description:
							'Update the original message, add the audit note, and tell the user privately if the action failed',
						action: 'Report the action result',
					},
					{
						name: 'Update Original Message',
						value: 'updateOriginal',
						description: 'Replace the buttons of the clicked message by who did what, when, and the result',
						action: 'Update the original message',
					},
				],
				default: 'reportResult',
				description: 'What to tell Slack after a button click: usually Report Action Result, which updates the message and logs the action',
			},
			{
				displayName:
					'Connect this node after Stripe Action (or directly after Slack Action Trigger): it finds the click and the result in its input.',
				name: 'inputNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Update Through',
				name: 'updateMethod',
				type: 'options',
				options: [
					{
						name: 'Automatic',
						value: 'auto',
						description: 'Chat.update for normal messages, the response_url for ephemeral ones; falls back to the other',
					},
					{
						name: 'Chat.update',
						value: 'chatUpdate',
						description: 'Slack’s chat.update with the bot token; works at any time on messages the bot posted',
					},
					{
						name: 'Response URL',
						value: 'responseUrl',
						description: 'Works for 30 minutes and 5 uses after the click',
					},
				],
				default: 'auto',
				description: 'Which Slack API changes the clicked message',
				displayOptions: {
					show: {
						operation: ['reportResult', 'updateOriginal'],
					},
				},
			},
			{
				displayName: 'Status Text',
				name: 'statusText',
				type: 'string',
				default: '',
				placeholder: 'Leave empty for: Refunded by @alice at 10:42 UTC: succeeded (re_…)',
				description: 'Replaces the generated status line. Empty: generated from the action result.',
				displayOptions: {
					show: {
						operation: ['updateOriginal'],
					},
				},
			},
			{
				displayName: 'Keep Buttons',
				name: 'keepButtons',
				type: 'options',
				options: [
					{
						name: 'Only When the Action Failed',
						value: 'onFailure',
						description: 'Remove the buttons after a success; keep them so that a failed action can be tried again',
					},
					{
						name: 'Never',
						value: 'never',
						description: 'Always remove the buttons: nobody can click twice',
					},
					{
						name: 'Always',
						value: 'always',
						description: 'Leave the buttons on the message',
					},
				],
				default: 'onFailure',
				description: 'Whether the buttons stay on the message. Removing them prevents a second click.',
				displayOptions: {
					show: {
						operation: ['updateOriginal'],
					},
				},
			},
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'string',
				default: '',
				placeholder: 'C0123456789 or #payments',
				description: 'Empty: the channel of the clicked message',
				displayOptions: {
					show: {
						operation: ['postMessage', 'addAuditNote'],
					},
				},
			},
			{
				displayName: 'In Thread of Clicked Message',
				name: 'inThread',
				type: 'boolean',
				default: true,
				description: 'Whether the message is a reply in the clicked message thread',
				displayOptions: {
					show: {
						operation: ['postMessage'],
					},
				},
			},
			{
				displayName: 'Text',
				name: 'text',
				type: 'string',
				typeOptions: {
					rows: 3,
				},
				default: '',
				description:
					'Slack mrkdwn. Empty: a line generated from the action result (for example “Refund by @alice failed: The card was declined”).',
				displayOptions: {
					show: {
						operation: ['postMessage', 'postEphemeral'],
					},
				},
			},
			{
				displayName: 'Blocks (JSON)',
				name: 'blocksJson',
				type: 'json',
				default: '',
				description: 'Optional Block Kit blocks (an array); the text is then the notification fallback',
				displayOptions: {
					show: {
						operation: ['postMessage'],
					},
				},
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				description: 'Optional: an audit note under the message, an extra note, and private replies to the person who clicked',
				displayOptions: {
					show: {
						operation: ['reportResult', 'addAuditNote'],
					},
				},
				options: [
					{
						displayName: 'Add Audit Note',
						name: 'auditNote',
						type: 'boolean',
						default: true,
						description: 'Whether a note is added in the thread (Report Action Result only)',
					},
					{
						displayName: 'Extra Note',
						name: 'note',
						type: 'string',
						default: '',
						description: 'Text added to the audit note, for example a reason typed in a modal',
					},
					{
						displayName: 'Tell the User When It Failed',
						name: 'ephemeralOnFailure',
						type: 'boolean',
						default: true,
						description: 'Whether the user who clicked gets an ephemeral message with the error',
					},
					{
						displayName: 'Tell the User When It Worked',
						name: 'ephemeralOnSuccess',
						type: 'boolean',
						default: false,
						description: 'Whether the user who clicked also gets an ephemeral confirmation',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = await this.getCredentials('slackAppApi');
		let target: SlackTarget;
		try {
			target = {
				client: createSlackClient({ botToken: String(credentials.botToken ?? ''), apiBaseUrl: String(credentials.apiBaseUrl ?? '') }),
				apiBaseUrl: String(credentials.apiBaseUrl ?? ''),
			};
		} catch (error) {
			throw nodeError(this.getNode(), error, { service: 'Slack', description: 'Check the credential: its key or bot token, and its API base URL (https://api.stripe.com, https://slack.com/api/ or the local sandbox).' });
		}
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const operation = this.getNodeParameter('operation', i) as string;
			const { interaction, outcome } = resolveInput(items[i].json);
			try {
				if (!interaction && operation !== 'postMessage') {
					throw new NodeOperationError(
						this.getNode(),
						'The input has no Slack click. Connect this node after Stripe Action or Slack Action Trigger.',
						{ itemIndex: i },
					);
				}
				let result: IDataObject;
				if (operation === 'reportResult') {
					const options = this.getNodeParameter('options', i, {}) as IDataObject;
					const report = await reportResult(target, interaction!, outcome, {
						method: this.getNodeParameter('updateMethod', i, 'auto') as UpdateMethod,
						auditNote: options.auditNote !== false,
						ephemeralOnFailure: options.ephemeralOnFailure !== false,
						ephemeralOnSuccess: options.ephemeralOnSuccess === true,
						note: (options.note as string) || undefined,
					});
					if (!report.ok) throw new NodeOperationError(this.getNode(), redactOutgoing(report.errors.join('; '), { known: outcomeKnown(outcome) }), { itemIndex: i });
					result = report as unknown as IDataObject;
				} else if (operation === 'updateOriginal') {
					const keep = this.getNodeParameter('keepButtons', i, 'onFailure') as string;
					result = (await updateOriginalMessage(target, interaction!, outcome, {
						method: this.getNodeParameter('updateMethod', i, 'auto') as UpdateMethod,
						text: (this.getNodeParameter('statusText', i, '') as string) || undefined,
						keepButtons: keep === 'always' ? true : keep === 'never' ? false : undefined,
					})) as unknown as IDataObject;
				} else if (operation === 'postEphemeral') {
					const text = (this.getNodeParameter('text', i, '') as string) || outcomeText(interaction!, outcome);
					result = (await postEphemeral(target, interaction!, text, { known: outcomeKnown(outcome) })) as unknown as IDataObject;
				} else if (operation === 'addAuditNote') {
					const options = this.getNodeParameter('options', i, {}) as IDataObject;
					result = (await addAuditNote(target, interaction!, outcome, {
						note: (options.note as string) || undefined,
						channel: (this.getNodeParameter('channel', i, '') as string) || undefined,
					})) as unknown as IDataObject;
				} else if (operation === 'postMessage') {
					const channel = (this.getNodeParameter('channel', i, '') as string) || interaction?.channel || '';
					if (!channel) throw new NodeOperationError(this.getNode(), 'Channel is empty and the input has no click', { itemIndex: i });
					const inThread = this.getNodeParameter('inThread', i, true) as boolean;
					const text =
						(this.getNodeParameter('text', i, '') as string) || (interaction ? outcomeText(interaction, outcome) : '');
					if (!text) throw new NodeOperationError(this.getNode(), 'Text is empty', { itemIndex: i });
					const blocks = parseBlocks(this.getNodeParameter('blocksJson', i, '') as unknown);
					if (blocks === 'invalid') {
						throw new NodeOperationError(this.getNode(), 'Blocks (JSON) must be a JSON array of Block Kit blocks', { itemIndex: i });
					}
					result = (await postMessage(target, {
						channel,
						text,
						blocks,
						known: outcomeKnown(outcome),
						threadTs:
							inThread && interaction && channel === interaction.channel && !interaction.isEphemeral
								? (interaction.threadTs ?? interaction.messageTs)
								: null,
					})) as unknown as IDataObject;
				} else {
					throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`, { itemIndex: i });
				}
				out.push({ json: { ...items[i].json, slack: result }, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { ...items[i].json, slack: { ok: false, error: redactedError(error, outcomeKnown(outcome)) } }, pairedItem: { item: i } });
					continue;
				}
				throw nodeError(this.getNode(), error, {
					itemIndex: i,
					service: 'Slack',
					description: 'Check that the input comes from a Slack Action Trigger (directly or through Stripe Action) and the Slack credential: bot token, scopes (chat:write) and API base URL.',
				});
			}
		}
		return [out];
	}
}

function parseBlocks(value: unknown): unknown[] | undefined | 'invalid' {
	if (value === undefined || value === null || value === '') return undefined;
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			return 'invalid';
		}
	}
	if (Array.isArray(parsed)) return parsed;
	if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { blocks?: unknown }).blocks)) {
		return (parsed as { blocks: unknown[] }).blocks;
	}
	return 'invalid';
}
