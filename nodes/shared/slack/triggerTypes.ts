/**
 * The shapes the Slack Action Trigger's core works with: its settings (with the support desk's lookup
 * allowlist), its credentials, and the parts of n8n's request and response it uses. Types only, no code:
 * both the click handling (click.ts) and the desk's part of the trigger (../desk/incoming.ts) import them
 * from here, so neither needs the other for its types.
 */
import type { ReportLease } from '../delivery/mistakes';
import type { WhoMay } from './whoMay';

export interface DeskSettings {
	/** Who may look up (slash command, shortcut, a choice in a list, Share in channel). Empty: nobody. */
	lookupUserIds?: string;
	lookupUserGroupIds?: string;
	lookupDenialMessage?: string;
	/** Who may do what, in words (whoMay.ts): added to the rules and the lookup allowlist. */
	whoMay?: WhoMay;
}

export interface TriggerSettings extends DeskSettings {
	actionIdPrefixes: string;
	interactionTypes: string[];
	rules: Array<{ actionPrefix?: string; userIds?: string; userGroupIds?: string }>;
	unmatchedActions: string;
	denialMessage?: string;
	duplicateWindowSeconds?: number;
	groupCacheSeconds?: number;
	ignoreLinkButtons?: boolean;
	viewSubmissionResponse?: string;
	openEvidenceModal?: boolean;
	openRefundModal?: boolean;
	toleranceSeconds?: number;
	/** Where a name in Who May Do What that Slack does not know is reported (whoMayMistakes.ts); none: only logged. */
	mistakes?: MistakeReporting;
}

/** How the trigger reports a setting that cannot work: the targets, the workflow, the store that remembers. */
export interface MistakeReporting {
	/** "Report mistakes to" / "Alerts channel", from the trigger's option and the Settings node. */
	targets: Record<string, string>;
	workflow: string;
	/** The workflow and node, so the same typo in two workflows is reported for each. */
	scope: string;
	/** The trigger's name in the workflow ("Slack Requests"). */
	node: string;
	/** Remembers what was reported (the thread store's lease); none: every click reports. */
	lease?: () => ReportLease | undefined;
}

export interface TriggerCredentials {
	botToken: string;
	signingSecret: string;
	apiBaseUrl?: string;
}

/** The parts of express' request and response the trigger uses. */
export interface MinimalRequest {
	headers: Record<string, string | string[] | undefined>;
	rawBody?: Buffer | string;
	body?: unknown;
}

export interface MinimalResponse {
	status(code: number): MinimalResponse;
	json(body: unknown): unknown;
	send(body?: unknown): unknown;
	end(): unknown;
	headersSent?: boolean;
}

export interface TriggerContext {
	request: MinimalRequest;
	response: MinimalResponse;
	/** Separates duplicate windows of different trigger nodes. */
	nodeKey: string;
	logger?: { warn(message: string, meta?: object): void; debug?(message: string, meta?: object): void };
	now?: () => number;
}
