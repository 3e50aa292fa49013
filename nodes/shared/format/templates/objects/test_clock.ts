/** Test clocks (test mode): the frozen time, status, when it is deleted. */
import { date, status, text, type ObjectView } from './kit';

export const testClockView: ObjectView = {
	label: 'Test clock',
	category: 'other',
	emoji: '⏱️',
	facts: [text('Name', 'name', 'description', 60), status(), date('Frozen at', 'frozen_time', { time: true, head: 'at' }), date('Deleted', 'deletes_after')],
};
