/**
 * What the Stripe Signed Trigger and the Stripe High-Volume Trigger share: the parameters that mean the
 * same in both (event types, live/test, Connect accounts, duplicates, size, tolerance), the duplicate
 * guard's key prefix and lease, and the selected event types.
 */
import { type INode, type INodeProperties, NodeOperationError } from 'n8n-workflow';

import { splitList } from '../stripe/eventFilter';
import { DEFAULT_TOLERANCE_SECONDS } from '../stripe/signature';
import { MAX_TOLERANCE_SECONDS, toleranceProblem } from '../tolerance';
import { EVENT_TYPE_OPTIONS } from './eventTypes';

/** The chosen event types plus the typed "More Event Types". */
export function selectedEventTypes(events: unknown, moreEventTypes: unknown): string[] {
	return [...(Array.isArray(events) ? (events as string[]) : []), ...splitList(moreEventTypes)];
}

export const eventTypesProperty: INodeProperties = {
	displayName: 'Event Types',
	name: 'events',
	type: 'multiOptions',
	options: EVENT_TYPE_OPTIONS,
	default: [],
	description:
		'Which Stripe events start the workflow. Choose whole groups (such as all invoice events) or single events. Leave empty to receive every event.',
};

export const liveModeProperty: INodeProperties = {
	displayName: 'Live or Test Events',
	name: 'liveMode',
	type: 'options',
	options: [
		{
			name: 'Both',
			value: 'any',
			description: 'Real payments and test-mode payments',
		},
		{
			name: 'Live Only',
			value: 'live',
			description: 'Only events about real money',
		},
		{
			name: 'Test Only',
			value: 'test',
			description: 'Only events from Stripe test mode',
		},
	],
	default: 'any',
	description: 'Whether to react to real (live) payments, test-mode payments, or both',
};

export const connectedAccountsOption: INodeProperties = {
	displayName: 'Connected Account IDs',
	name: 'connectedAccounts',
	type: 'string',
	default: '',
	placeholder: 'acct_1A2B3C..., acct_4D5E6F...',
	description:
		'Stripe Connect only: react only to events of these connected accounts (separate several with commas). Leave empty for all accounts.',
};

export const duplicateStoreOption: INodeProperties = {
	displayName: 'Duplicate Store',
	name: 'duplicateStore',
	type: 'options',
	options: [
		{
			name: 'Automatic',
			value: 'auto',
			description:
				'Use n8n’s own Redis when n8n runs in queue mode (several processes), otherwise remember events in memory',
		},
		{
			name: 'Memory',
			value: 'memory',
			description: 'Remember events in this n8n process; enough for a single n8n',
		},
		{
			name: 'Redis',
			value: 'redis',
			description: 'Remember events in the Redis server given below, shared by all n8n processes',
		},
	],
	default: 'auto',
	description: 'Where the trigger remembers which events it has already received',
};

export const duplicateWindowOption: INodeProperties = {
	displayName: 'Duplicate Window (Hours)',
	name: 'dedupeWindowHours',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 24,
	description:
		'Stripe may send the same event more than once. Within this many hours a repeat is answered but does not start the workflow again. 0 turns this off.',
};

export const maxBodySizeOption: INodeProperties = {
	displayName: 'Maximum Event Size (KB)',
	name: 'maxBodyKb',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1024,
	description: 'Larger requests are refused. Stripe events are usually well under 100 KB.',
};

export const moreEventTypesOption: INodeProperties = {
	displayName: 'More Event Types',
	name: 'moreEventTypes',
	type: 'string',
	default: '',
	placeholder: 'e.g. subscription_schedule.*, tax_rate.created',
	description:
		'Other event types to receive, separated by commas. A * stands for anything, so "invoice.*" means every invoice event.',
};

export const redisUrlOption: INodeProperties = {
	displayName: 'Redis URL',
	name: 'redisUrl',
	type: 'string',
	typeOptions: { password: true },
	displayOptions: {
		show: {
			duplicateStore: ['redis'],
		},
	},
	default: '',
	placeholder: 'redis://user:password@redis.example.com:6379/0',
	description: 'Address of the Redis server used as Duplicate Store (redis:// or rediss:// for TLS)',
};

export const toleranceOption: INodeProperties = {
	displayName: 'Signature Time Tolerance (Seconds)',
	name: 'toleranceSeconds',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_TOLERANCE_SECONDS },
	default: DEFAULT_TOLERANCE_SECONDS,
	description:
		'How far the time in Stripe’s signature may be from this server’s clock, earlier or later (1 to 3600). Older requests are refused so that a captured request cannot be replayed. Any other value (also from an expression) stops the workflow from activating.',
};

/** At activation: a tolerance that is not a number from 1 to 3600 is a configuration error (never "no check"). */
export function assertTolerance(node: INode, options: { toleranceSeconds?: unknown }): void {
	const problem = toleranceProblem(options.toleranceSeconds);
	if (problem) throw new NodeOperationError(node, problem);
}
