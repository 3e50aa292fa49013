/**
 * The per-event ledger of the delivery benchmarks: which Slack message carries which event, read back from
 * n8n's executions, and the check that every event is in exactly one message per channel.
 */
import type { N8nRest } from '../../scripts/lib/n8n';
import { summaryCount, type SlackMessage } from './sandbox';

// ------------------------------------------------------------------ the ledger from n8n's executions

export interface LedgerEntry {
	executionId: string;
	node: string;
	eventId: string;
	ok: boolean;
	channel?: string;
	/** the Slack message that carries this event: its own ts, or the summary's ts */
	ts?: string;
	folded?: boolean;
}

/**
 * Every item that left a Slack Post node in the finished executions of a workflow: which Slack message
 * carries which event. Reads n8n's REST API (execution data is stored in n8n's "flatted" format).
 */
export async function executionLedger(
	rest: N8nRest,
	workflowId: string,
): Promise<{ entries: LedgerEntry[]; executions: Record<string, number> }> {
	const { parse } = require('flatted') as { parse(s: string): any };
	const ids: Array<{ id: string; status: string }> = [];
	// n8n 2.x pages executions with an opaque cursor (`nextCursor`), not by id.
	let cursor: string | undefined;
	for (let page = 0; page < 10_000; page++) {
		const q = `?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const res = await rest.request<{ results: Array<{ id: string; status: string }>; nextCursor?: string | null }>('GET', `/rest/executions${q}`);
		ids.push(...res.results);
		if (!res.results.length || !res.nextCursor || res.nextCursor === cursor) break;
		cursor = res.nextCursor;
	}
	const executions: Record<string, number> = {};
	const entries: LedgerEntry[] = [];
	const seen = new Set<string>();
	for (const e of ids) {
		if (seen.has(e.id)) continue;
		seen.add(e.id);
		executions[e.status] = (executions[e.status] ?? 0) + 1;
		if (e.status !== 'success') continue;
		const full = await rest.request<{ data: string }>('GET', `/rest/executions/${e.id}`);
		const data = parse(full.data);
		const runData = data?.resultData?.runData ?? {};
		for (const [node, runs] of Object.entries<any[]>(runData)) {
			if (!/^Post /.test(node)) continue;
			for (const run of runs) {
				for (const item of run?.data?.main?.[0] ?? []) {
					const j = item.json ?? {};
					// a drain of Slack Post's outbox (messages kept while Slack was unreachable): where each event went
					for (const d of Array.isArray(j.delivery?.events) ? j.delivery.events : []) {
						if (typeof d?.event_id === 'string') entries.push({ executionId: e.id, node, eventId: d.event_id, ok: true, channel: j.channel, ts: d.ts, folded: !!d.folded });
					}
					const eventId = j.metadata?.event_id;
					if (typeof eventId !== 'string') continue;
					entries.push({
						executionId: e.id,
						node,
						eventId,
						ok: j.ok === true,
						channel: j.channel,
						ts: j.folded?.summaryTs ?? j.ts ?? undefined,
						folded: !!j.folded,
					});
				}
			}
		}
	}
	return { entries, executions };
}

export interface Accounting {
	events: number;
	/** events with exactly one Slack message per channel they were routed to */
	accountedFor: number;
	/** events in no Slack message */
	unaccounted: string[];
	/** events carried by more than one Slack message in one channel (by the ledger) */
	duplicatedInLedger: string[];
	/** ledger entries pointing at a ts the sandbox does not have */
	danglingTs: number;
	/** summaries whose stated count differs from the events the ledger puts in them */
	summaryCountMismatches: number;
	/** Slack messages in the bench channels that no successful execution claims (posted by a crashed one) */
	orphanMessages: number;
	/** events carried by orphan messages (a summary's stated count, or 1) */
	orphanEvents: number;
}

/**
 * Checks that every event is in exactly one Slack message (its own, or counted in a summary) in the
 * channel of each Slack Post node it went through, using the executions' ledger and the sandbox.
 */
export function account(events: string[], ledger: LedgerEntry[], messages: SlackMessage[], channels: string[]): Accounting {
	const byTs = new Map(messages.filter((m) => channels.includes(m.channel)).map((m) => [`${m.channel}|${m.ts}`, m]));
	const perEvent = new Map<string, Map<string, Set<string>>>(); // event -> node -> message keys
	const perSummary = new Map<string, number>();
	let dangling = 0;
	for (const e of ledger) {
		if (!e.ok || !e.ts) continue;
		const key = `${e.channel}|${e.ts}`;
		if (!byTs.has(key)) dangling++;
		if (e.folded) perSummary.set(key, (perSummary.get(key) ?? 0) + 1);
		let nodes = perEvent.get(e.eventId);
		if (!nodes) perEvent.set(e.eventId, (nodes = new Map()));
		let set = nodes.get(e.node);
		if (!set) nodes.set(e.node, (set = new Set()));
		set.add(`${key}|${e.executionId}`);
	}
	const unaccounted: string[] = [];
	const dup: string[] = [];
	let ok = 0;
	for (const id of events) {
		const nodes = perEvent.get(id);
		if (!nodes) {
			unaccounted.push(id);
			continue;
		}
		if ([...nodes.values()].some((s) => s.size > 1)) dup.push(id);
		else ok++;
	}
	let mismatches = 0;
	for (const [key, n] of perSummary) {
		const m = byTs.get(key);
		if (m && summaryCount(m) !== n) mismatches++;
	}
	const claimed = new Set(ledger.filter((e) => e.ok && e.ts).map((e) => `${e.channel}|${e.ts}`));
	let orphanMessages = 0;
	let orphanEvents = 0;
	for (const [key, m] of byTs) {
		if (claimed.has(key) || m.thread_ts) continue;
		orphanMessages++;
		orphanEvents += summaryCount(m) ?? 1;
	}
	return {
		events: events.length,
		accountedFor: ok,
		unaccounted,
		duplicatedInLedger: dup,
		danglingTs: dangling,
		summaryCountMismatches: mismatches,
		orphanMessages,
		orphanEvents,
	};
}
