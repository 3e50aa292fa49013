/**
 * Slack Post's items for the outbox (no n8n imports): a drain item from the Slack Delivery Trigger
 * (`{channel, outbox: {drain: true}}`), and the output items of queued, already posted messages and of drains.
 */
import type { OutboxSession, DrainReport, QueuedResult } from './outbox';
import type { PostJob } from './post';
import type { JsonObject } from '../webhook';

/** The item the Slack Delivery Trigger emits for a channel whose waiting messages are due. */
export function drainItem(channel: string, waiting: number, since: number | null): JsonObject {
	return { channel, outbox: { drain: true, waiting, ...(since ? { since: new Date(since).toISOString() } : {}) } };
}

export function isDrainItem(json: JsonObject | undefined): boolean {
	const o = json?.outbox as JsonObject | undefined;
	return !!o && typeof o === 'object' && o.drain === true;
}

type DrainJob = PostJob & { drain: Promise<DrainReport> };

/** A drain item as a job of Slack Post's run. */
export function drainJob(session: OutboxSession, channel: string): DrainJob {
	const job: DrainJob = { channel, metadata: {}, notes: [], hasChart: false, drain: Promise.resolve(undefined as unknown as DrainReport) };
	if (!channel) {
		job.inputError = 'No channel: the drain item names none';
		return job;
	}
	job.drain = session.drainDue(channel);
	job.result = job.drain.then((r) => ({ ok: true, channel, ts: null, thread_ts: null, notes: [], drained: r }) as QueuedResult);
	return job;
}

/**
 * The output of a queued message or a drain: `json`, or `error` when a drain gave messages up and could not post
 * the alert that says so (the run fails then, once, for n8n's error workflow). Undefined: an ordinary result.
 */
export function outboxOutput(job: PostJob, r: (QueuedResult & { drained?: DrainReport }) | undefined): { json: JsonObject; error?: string } | undefined {
	if (!r) return undefined;
	if (r.alreadyPosted) {
		// posted before (a rerun, a re-emitted event): where it went, and Slack was not called
		return {
			json: {
				ok: true,
				channel: r.channel,
				ts: r.ts,
				thread_ts: r.thread_ts,
				...(r.folded ? { folded: { ...r.folded } } : {}),
				delivery: { status: 'already_posted', postedAt: r.alreadyPosted.at },
				...(job.notes.length ? { warnings: job.notes } : {}),
				metadata: job.metadata,
			},
		};
	}
	if (r.queued) {
		return {
			json: {
				ok: true,
				channel: r.channel,
				ts: null,
				delivery: { status: 'queued', reason: r.queued.reason, since: r.queued.since },
				...(job.notes.length ? { warnings: job.notes } : {}),
				metadata: job.metadata,
			},
		};
	}
	const d = r.drained;
	if (!d) return undefined;
	const events: JsonObject[] = [...d.posted.values()].map((p) => ({ event_id: p.eventId, ts: p.ts, ...(p.folded ? { folded: true } : {}) }));
	const givenUp = d.givenUp.map((g) => g.entry.eventId ?? g.entry.key);
	const json: JsonObject = {
		ok: true,
		channel: d.channel,
		delivery: {
			status: d.posted.size || d.givenUp.length ? 'drained' : 'waiting',
			posted: d.posted.size,
			summaries: d.summaries,
			events,
			waiting: d.waiting,
			...(d.givenUp.length ? { givenUp: givenUp.length, givenUpEvents: givenUp, givenUpWhy: [...new Set(d.givenUp.map((g) => g.why))] } : {}),
			...(d.stopped ? { stopped: d.stopped } : {}),
			...(d.state ? { since: new Date(d.state.since).toISOString(), reason: d.state.reason, nextAttemptAt: new Date(d.state.nextAttemptAt).toISOString() } : {}),
		},
	};
	if (d.alertError) {
		return { json, error: `${d.givenUp.length} message(s) for ${d.channel} were given up (${givenUp.slice(0, 20).join(', ')}${givenUp.length > 20 ? ', …' : ''}) and the alert saying so could not be posted: ${d.alertError}` };
	}
	return { json };
}
