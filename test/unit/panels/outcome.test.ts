/** The run's outcome as n8n's execution custom data (nodes/shared/n8n/outcome.ts). */
import type { IWorkflowExecutionCustomData } from 'n8n-workflow';
import { noteEvents, noteOutcome } from '../../../nodes/shared/n8n/outcome';

/** n8n-core's rules: keys of letters, digits and _, at most 10 keys. */
function store(): { customData: IWorkflowExecutionCustomData; data: Record<string, string> } {
	const data: Record<string, string> = {};
	return {
		data,
		customData: {
			set(key, value) {
				if (!/^[\p{L}\p{N}_]+$/u.test(key)) throw new Error(`bad key ${key}`);
				if (!(key in data) && Object.keys(data).length >= 10) return;
				data[key] = String(value);
			},
			setAll(obj) {
				for (const [k, v] of Object.entries(obj)) this.set(k, v);
			},
			get: (key) => data[key],
			getAll: () => ({ ...data }),
		},
	};
}

describe('execution custom data', () => {
	it('names one event and joins the outcomes of its branches once each', () => {
		const s = store();
		noteEvents(s, [{ id: 'evt_1', type: 'payment_intent.succeeded' }]);
		noteOutcome(s, ['posted to #payments']);
		noteOutcome(s, ['posted to #billing-alerts', 'posted to #payments']);
		expect(s.data).toEqual({ event_type: 'payment_intent.succeeded', event_id: 'evt_1', outcome: 'posted to #payments; posted to #billing-alerts' });
	});

	it('counts a batch of events and lists their types', () => {
		const s = store();
		noteEvents(s, [{ id: 'evt_1', type: 'charge.failed' }, { id: 'evt_2', type: 'charge.failed' }, { id: 'evt_3', type: 'invoice.paid' }]);
		expect(s.data).toEqual({ event_type: 'charge.failed, invoice.paid', event_id: '3 events' });
	});

	it('keeps a value within n8n’s 255 characters and keeps the route apart', () => {
		const s = store();
		noteOutcome(s, Array.from({ length: 40 }, (_, i) => `posted to #channel-${i}`));
		noteOutcome(s, ['routed to #pro (Pro plan)'], 'route');
		expect(s.data.outcome.length).toBe(255);
		expect(s.data.outcome.endsWith('…')).toBe(true);
		expect(s.data.route).toBe('routed to #pro (Pro plan)');
	});

	it('never fails the run: no custom data (a tool call), or a throwing one', () => {
		expect(() => noteOutcome({}, ['posted to #x'])).not.toThrow();
		const throwing = {
			get customData(): IWorkflowExecutionCustomData {
				throw new Error('Cannot access customData: runExecutionData is not available in this context');
			},
		};
		expect(() => noteEvents(throwing, [{ id: 'evt_1', type: 'x' }])).not.toThrow();
		const s = store();
		s.customData.set = () => {
			throw new Error('invalid');
		};
		expect(() => noteOutcome(s, ['held (paused) for #payments'])).not.toThrow();
	});
});
