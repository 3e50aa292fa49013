/** Report runs and Sigma scheduled query runs: status, the report, the error, until when the result is available. */
import { date, status, text, type ObjectView } from './kit';

export const reportRunView: ObjectView = {
	label: 'Report run',
	category: 'other',
	emoji: '📊',
	facts: [
		text('Report', 'report_type', 'description', 60, true),
		status(),
		text('Error', 'error', 'status', 200),
		date('From', 'parameters.interval_start'),
		date('To', 'parameters.interval_end'),
		date('Finished', 'succeeded_at', { time: true }),
	],
	next: (ctx) => (ctx.get('status') === 'failed' ? 'Run the report again; if it fails again, narrow the date range.' : undefined),
};

export const scheduledQueryRunView: ObjectView = {
	label: 'Scheduled query',
	category: 'other',
	emoji: '📊',
	facts: [
		text('Query', 'title', 'description', 60, true),
		status(),
		text('Error', 'error.message', 'status', 200),
		date('Data as of', 'data_load_time', { time: true }),
		date('Result available until', 'result_available_until'),
	],
};
