/** Sample notices of the Stripe triggers (nodes/shared/stripe/notices.ts), for the template tests and the gallery. */
import type { TriggerNotice } from '../../../nodes/shared/stripe/notices';

/** 2026-12-06 15:05 UTC */
export const NOW = Date.UTC(2026, 11, 6, 15, 5, 0);
const at = (h: number, m: number) => Date.UTC(2026, 11, 6, h, m, 0) / 1000;

export const NOTICE_SAMPLES: Array<{ name: string; notice: TriggerNotice }> = [
	{
		name: 'stripe_slack.endpoint_unhealthy',
		notice: {
			object: 'stripe_slack.notice',
			id: 'notice_health_we_1NoticeEndpoint_7',
			type: 'stripe_slack.endpoint_unhealthy',
			created: at(14, 50),
			livemode: false,
			data: { endpointId: 'we_1NoticeEndpoint', problems: ['disabled'], since: at(14, 50), dashboardUrl: 'https://dashboard.stripe.com/test/webhooks/we_1NoticeEndpoint', catchUpEveryMinutes: 10 },
		},
	},
	{
		name: 'stripe_slack.endpoint_recovered',
		notice: {
			object: 'stripe_slack.notice',
			id: 'notice_health_we_1NoticeEndpoint_9',
			type: 'stripe_slack.endpoint_recovered',
			created: at(15, 0),
			livemode: false,
			data: { endpointId: 'we_1NoticeEndpoint', problems: [], resolved: ['disabled'], since: at(15, 0) },
		},
	},
	{
		name: 'stripe_slack.catch_up',
		notice: {
			object: 'stripe_slack.notice',
			id: 'notice_catchup_1',
			type: 'stripe_slack.catch_up',
			created: at(15, 0),
			livemode: true,
			data: { count: 12, from: at(14, 2), to: at(14, 55), reason: 'n8n_down', types: [{ type: 'invoice.paid', count: 8 }, { type: 'charge.refunded', count: 4 }] },
		},
	},
	{
		name: 'stripe_slack.catch_up (window edge)',
		notice: {
			object: 'stripe_slack.notice',
			id: 'notice_catchup_2',
			type: 'stripe_slack.catch_up',
			created: at(15, 0),
			livemode: false,
			data: { count: 1, from: at(14, 55) - 30 * 86400 + 3300, to: at(14, 55), reason: 'unpublished', windowEdgeReached: true, windowStart: at(14, 55) - 30 * 86400, types: [{ type: 'invoice.paid', count: 1 }], endpointId: 'we_1NoticeEndpoint' },
		},
	},
];
