/**
 * The choices of Slack Noise Control's *State Store* option (where the pause and the held alerts are kept), shared
 * with the Slack Delivery Trigger, which releases those held alerts and so must offer the same stores.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

export const NOISE_STORE_CHOICES: INodePropertyOptions[] = [
	{ name: 'Automatic', value: 'auto', description: "Redis in queue mode (or with a Redis URL), else files in n8n's folder" },
	{ name: 'Files In The N8n Folder', value: 'file', description: 'A single n8n: survives a restart' },
	{ name: 'Redis', value: 'redis', description: 'Shared by every worker' },
];
