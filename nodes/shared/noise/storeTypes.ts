/** What every Slack Noise Control store keeps (memory, file, Redis). No n8n imports. */
import type { AlertMetadata } from './policy';

export interface PauseState {
	/** ms since the epoch */
	since: number;
	until: number;
	/** a Slack user id, or "editor" */
	by: string;
}

/** What is kept of a held alert: enough to count, total and list it, never its blocks. */
export interface HeldAlert {
	channel: string;
	/** when it was held (ms) */
	at: number;
	/** the message's fallback text (already redacted by the formatter) */
	text: string;
	metadata: AlertMetadata & { object_id?: string | null; event_id?: string | null; livemode?: boolean };
	/** why it was held */
	why: 'pause' | 'quiet_hours';
	/** not released before this time (ms): the end of the pause or of the quiet hours that held it */
	notBefore: number;
}

export interface NoiseStore {
	getPause(): Promise<PauseState | null>;
	setPause(p: PauseState): Promise<void>;
	/** the pause that was cleared, or null */
	clearPause(): Promise<PauseState | null>;
	hold(alerts: HeldAlert[]): Promise<void>;
	/** every held alert, removed from the store in the same step */
	takeAll(): Promise<HeldAlert[]>;
	heldCount(): Promise<number>;
}
