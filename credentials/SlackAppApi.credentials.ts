import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * One Slack app: the bot token for posting and updating messages, and the signing secret that
 * proves a button click really comes from Slack.
 */
export class SlackAppApi implements ICredentialType {
	name = 'slackAppApi';

	displayName = 'Slack App API';

	icon = { light: 'file:slack.svg', dark: 'file:slack.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/README.md#connect-a-real-stripe-account-and-a-real-slack-workspace';

	properties: INodeProperties[] = [
		{
			displayName: 'Bot Token',
			name: 'botToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'xoxb-...',
			description:
				'From your Slack app → OAuth & Permissions → "Bot User OAuth Token". Invite the bot to every channel it posts in.',
		},
		{
			displayName: 'Signing Secret',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'From your Slack app → Basic Information → App Credentials → "Signing Secret". Needed to accept button clicks.',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: 'https://slack.com/api/',
			description:
				'Advanced: leave as it is for Slack. Use https://slack-gov.com/api/ for GovSlack, or the local sandbox (for example http://127.0.0.1:5680/api/).',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.botToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiBaseUrl.replace(/\\/+$/, "")}}',
			url: '/auth.test',
			method: 'POST',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'ok', value: false, message: 'Slack refused the token' },
			},
		],
	};
}
