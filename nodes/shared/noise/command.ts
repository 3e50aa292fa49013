/**
 * `/stripe pause 2h`, `/stripe pause 30m`, `/stripe resume`, `/stripe pause status`: the noise-control commands
 * of the slash command, and durations typed in the editor ("2h", "90m", "1d"). Plain text in, plain data out.
 */

export type NoiseCommand = { kind: 'pause'; ms: number } | { kind: 'resume' } | { kind: 'status' };

export const MAX_PAUSE_MS = 7 * 24 * 3600_000;
export const DEFAULT_PAUSE_MS = 3600_000;

/** "2h", "90m", "1d", "45 min", "1h30m" -> ms. Throws an error that says what is accepted. */
export function parseDuration(s: string): number {
	const t = s.trim().toLowerCase().replace(/\s+/g, '');
	const re = /(\d+(?:\.\d+)?)(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)/g;
	let total = 0;
	let used = 0;
	for (let m = re.exec(t); m; m = re.exec(t)) {
		const n = Number(m[1]);
		const u = m[2][0];
		total += n * (u === 'd' ? 86_400_000 : u === 'h' ? 3_600_000 : u === 'm' ? 60_000 : 1000);
		used += m[0].length;
	}
	// The typed text is not quoted back: it lands in replies, access logs and n8n's execution data (issue #15).
	if (!t || used !== t.length || total <= 0) throw new Error('That is not a duration like 30m, 2h or 1d');
	if (total > MAX_PAUSE_MS) throw new Error(`A pause can last 7 days at most (got ${t})`);
	return Math.round(total);
}

/**
 * What an access log records of a typed noise command: the verb and, when it parses, the duration
 * (`pause_2h`, `resume`, `pause_status`); never the rest of what was typed.
 */
export function noiseCommandSubject(text: string): string {
	const [verb = '', ...rest] = text.trim().toLowerCase().split(/\s+/);
	if (!['pause', 'resume', 'unpause'].includes(verb)) return 'not_a_noise_command';
	let ok: boolean;
	try {
		ok = parseNoiseCommand(text) !== undefined;
	} catch {
		ok = false;
	}
	if (!ok) return `${verb}_invalid`;
	// only a pause's words were all read (a duration or "status"); resume ignores what follows it
	return verb === 'pause' && rest.length ? [verb, ...rest].join('_') : verb;
}

/** The command in a slash command's text after `/stripe`, or undefined when the text is no noise command. */
export function parseNoiseCommand(text: string): NoiseCommand | undefined {
	const [verb, ...rest] = text.trim().split(/\s+/);
	const arg = rest.join(' ');
	switch ((verb ?? '').toLowerCase()) {
		case 'pause':
			if (/^status$/i.test(arg)) return { kind: 'status' };
			return { kind: 'pause', ms: arg ? parseDuration(arg) : DEFAULT_PAUSE_MS };
		case 'resume':
		case 'unpause':
			return { kind: 'resume' };
		default:
			return undefined;
	}
}
