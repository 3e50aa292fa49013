/**
 * The replay window of a signature check (pure): how far a signed timestamp may be from now, in seconds.
 * A value that is not a finite number from 1 to 3600 is a configuration error, never "no check": NaN and
 * Infinity (an expression that yields a non-number) would otherwise make every age comparison false and
 * accept requests of any age. Strings are refused too, even "300": the option is a number.
 * Used by both Stripe triggers (at activation and for each request) and by the Slack verifier.
 */

export const MIN_TOLERANCE_SECONDS = 1;
export const MAX_TOLERANCE_SECONDS = 3600;

export class ToleranceError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ToleranceError';
	}
}

function describe(value: unknown): string {
	if (typeof value === 'string') return `the text "${value.slice(0, 20)}"`;
	if (typeof value === 'number') return String(value);
	if (value === null) return 'null';
	return `a value of type ${typeof value}`;
}

/** Why `value` is not a usable tolerance, or undefined when it is one. `undefined` (option not set) is usable. */
export function toleranceProblem(value: unknown, label = 'Signature time tolerance'): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < MIN_TOLERANCE_SECONDS || value > MAX_TOLERANCE_SECONDS) {
		return `${label} must be a number of seconds from ${MIN_TOLERANCE_SECONDS} to ${MAX_TOLERANCE_SECONDS}, but it is ${describe(value)}`;
	}
	return undefined;
}

/** The tolerance in whole seconds (`fallback` when not set). Throws ToleranceError for anything else. */
export function resolveTolerance(value: unknown, fallback: number, label?: string): number {
	const problem = toleranceProblem(value, label);
	if (problem) throw new ToleranceError(problem);
	return Math.floor(value === undefined ? fallback : (value as number));
}
