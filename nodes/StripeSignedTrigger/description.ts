/** The Stripe Signed Trigger's parameters and options (the node file holds its identity and methods). */
import type { INodeProperties } from 'n8n-workflow';

import { catchUpOptions } from '../shared/n8n/catchUpOptions';
import { templatesNotice } from '../shared/n8n/templatesNotice';
import {
	connectedAccountsOption,
	duplicateStoreOption,
	duplicateWindowOption,
	eventTypesProperty,
	liveModeProperty,
	maxBodySizeOption,
	moreEventTypesOption,
	redisUrlOption,
	toleranceOption,
} from '../shared/n8n/triggerOptions';

export const stripeSignedTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Every event must carry a valid Stripe signature: put the endpoint’s signing secret (whsec_...) in the credential, or turn on automatic registration below. To get a sample event without Stripe, click "Listen for test event" and open the Test URL in your browser.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	eventTypesProperty,
	liveModeProperty,
	{
		displayName: 'Register the Endpoint in Stripe Automatically',
		name: 'registerEndpoint',
		type: 'boolean',
		default: false,
		description:
			'Whether n8n should add this trigger’s URL to your Stripe account when the workflow is activated (reusing an endpoint that already has this URL) and keep its signing secret itself. Needs a secret key that may manage webhook endpoints.',
	},
	{
		displayName: 'When the Workflow Is Deactivated',
		name: 'whenDeactivated',
		type: 'options',
		displayOptions: {
			show: {
				registerEndpoint: [true],
			},
		},
		options: [
			{
				name: 'Delete the Endpoint in Stripe',
				value: 'delete',
				description: 'Nothing is left behind in Stripe; the next activation registers a new endpoint',
			},
			{
				name: 'Disable the Endpoint and Reuse It Next Time',
				value: 'disable',
				description:
					'Keeps the same endpoint and signing secret, so re-publishing the workflow does not create a new endpoint',
			},
		],
		default: 'delete',
		description:
			'What happens to the Stripe endpoint when the workflow stops (n8n also does this briefly each time a new version is published)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		description: 'Optional: live or test events, connected accounts, batching, the answer to Stripe and other rarely changed settings',
		options: [
			{
				displayName: 'Acknowledge After the Workflow Finishes',
				name: 'acknowledgeAfterWorkflow',
				type: 'boolean',
				default: false,
				description:
					'Whether to tell Stripe "received" only once the workflow has succeeded. If the workflow fails, Stripe sends the event again later, so nothing is lost during an outage. Keep the workflow fast: Stripe waits about 20 seconds at most.',
			},
			{
				displayName: 'Batch Window (Milliseconds)',
				name: 'batchWindowMs',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10000 },
				displayOptions: {
					show: {
						microBatching: [true],
					},
				},
				default: 50,
				description:
					'With Micro-Batching: how long the first event of a batch waits for more events before they all start one execution',
			},
			...catchUpOptions,
			connectedAccountsOption,
			duplicateStoreOption,
			duplicateWindowOption,
			maxBodySizeOption,
			{
				displayName: 'Maximum Events per Batch',
				name: 'batchMaxEvents',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10000 },
				displayOptions: {
					show: {
						microBatching: [true],
					},
				},
				default: 500,
				description: 'With Micro-Batching: a batch starts its execution as soon as it holds this many events',
			},
			{
				displayName: 'Micro-Batching',
				name: 'microBatching',
				type: 'boolean',
				default: false,
				description:
					'Whether to gather the events that arrive within a short window into one execution (one item per event), so that a burst of events is not slowed down by n8n’s cost per execution. Duplicates, filters and acknowledgement work as without it.',
			},
			moreEventTypesOption,
			redisUrlOption,
			toleranceOption,
		],
	},
	templatesNotice,
];
