/** The sandbox's Slack as the benchmarks read it: its messages, its control endpoints, summaries and posting rates. */
import { round } from './report';

// ------------------------------------------------------------------ sandbox Slack

export interface SlackMessage {
	channel: string;
	ts: string;
	thread_ts: string | null;
	text: string;
	blocks?: Array<Record<string, any>>;
}

export async function sandboxMessages(sandbox: string): Promise<{ messages: SlackMessage[]; rejected: Array<{ method: string; error: string; channel?: string }> }> {
	return (await fetch(`${sandbox}/_sandbox/slack/messages`)).json() as Promise<any>;
}

export async function sandboxPost(sandbox: string, p: string, body: unknown): Promise<void> {
	const r = await fetch(`${sandbox}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (!r.ok) throw new Error(`sandbox ${p} answered ${r.status}`);
}

/** "[TEST] 37 payments succeeded in the last 10 s: ..." -> 37 (undefined for a single message). */
export function summaryCount(m: SlackMessage): number | undefined {
	const folded = (m.blocks ?? []).some((b) => b.block_id === 'folded');
	if (!folded) return undefined;
	const match = /(?:^|\s|\*)([\d,]+) [a-z]+ /i.exec(m.text.replace(/^(<[^>]+>\s*)+/, '').replace('[TEST] ', ''));
	return match ? Number(match[1].replace(/,/g, '')) : undefined;
}

/** Posts per channel: peak in any 1 s, and the highest average over sliding 10 s and 30 s windows. */
export function ratePerChannel(messages: SlackMessage[]): Record<string, { posts: number; peak1s: number; max10s: number; max30s: number; overall: number }> {
	const by = new Map<string, number[]>();
	for (const m of messages) {
		const t = Number(m.ts) * 1000;
		by.set(m.channel, [...(by.get(m.channel) ?? []), t]);
	}
	const out: Record<string, { posts: number; peak1s: number; max10s: number; max30s: number; overall: number }> = {};
	for (const [ch, ts] of by) {
		ts.sort((a, b) => a - b);
		const maxIn = (w: number) => {
			let best = 0;
			let j = 0;
			for (let i = 0; i < ts.length; i++) {
				while (ts[i] - ts[j] >= w) j++;
				best = Math.max(best, i - j + 1);
			}
			return best;
		};
		const span = (ts[ts.length - 1] - ts[0]) / 1000;
		out[ch] = {
			posts: ts.length,
			peak1s: maxIn(1000),
			max10s: round(maxIn(10_000) / 10, 2),
			max30s: span >= 30 ? round(maxIn(30_000) / 30, 2) : NaN,
			overall: span > 0 ? round((ts.length - 1) / span, 2) : NaN,
		};
	}
	return out;
}
