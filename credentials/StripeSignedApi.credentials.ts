import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * One Stripe account: the secret key for API calls and the webhook signing secret(s) used by the
 * Stripe Signed Trigger. The API base URL only changes for the local sandbox.
 */
export class StripeSignedApi implements ICredentialType {
	name = 'stripeSignedApi';

	displayName = 'Stripe Signed API';

	icon = { light: 'file:stripe.svg', dark: 'file:stripe.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-stripe-slack/n8n-nodes-stripe-slack/blob/main/README.md#connect-a-real-stripe-account-and-a-real-slack-workspace';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk_live_... or rk_live_...',
			description:
				'From Stripe Dashboard → Developers → API keys. A restricted key (rk_) with only the permissions your flows use is safest.',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whsec_...',
			description:
				'Shown on your webhook endpoint in Stripe Dashboard → Developers → Webhooks ("Signing secret"). Every incoming event must be signed with it. Leave empty only if the trigger registers the endpoint itself.',
		},
		{
			displayName: 'Previous Webhook Signing Secret',
			name: 'previousWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whsec_...',
			description:
				'Optional. While you roll the signing secret in Stripe, events signed with the old secret are still accepted. Clear it once the old secret has expired.',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: 'https://api.stripe.com',
			description:
				'Advanced: leave as it is for Stripe. Change it only to use the local sandbox (for example http://127.0.0.1:5680).',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.secretKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiBaseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/balance',
			method: 'GET',
		},
	};
}
