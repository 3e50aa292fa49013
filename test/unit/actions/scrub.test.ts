/**
 * #15 (part): audit notes and status lines (the "done" line of a clicked message, ephemeral replies) run
 * outside text — Stripe error messages, result summaries, notes — through the formatter's scanners.
 */
import { buildAuditNote } from '../../../nodes/shared/audit';
import { statusLine } from '../../../nodes/shared/slack/messageUpdate';

const leak = 'Customer jenny.rosen@example.com, card 4242\u00A04242 4242 4242, phone +1 415 555 0123, 510 Townsend St';

function assertScrubbed(s: string) {
	for (const v of ['jenny.rosen@example.com', '4242', '415 555 0123', '510 Townsend']) expect(s).not.toContain(v);
	expect(s).toContain('j•••@e•••.com');
	expect(s).toContain('[card number removed]');
}

describe('audit notes and status lines follow the redaction policy', () => {
	it('a Stripe error message in an audit note', () => {
		const note = buildAuditNote({ actionId: 'stripe_slack.refund', objectId: 'ch_1', userId: 'U1', at: new Date(0), ok: false, errorMessage: leak });
		assertScrubbed(JSON.stringify(note));
	});
	it('a result summary in an audit note', () => {
		const note = buildAuditNote({ actionId: 'stripe_slack.refund', objectId: 'ch_1', userId: 'U1', at: new Date(0), ok: true, resultSummary: leak });
		assertScrubbed(JSON.stringify(note));
	});
	it('the status line of a clicked message, failed and succeeded', () => {
		assertScrubbed(statusLine({ actionId: 'stripe_slack.refund', userId: 'U1', at: new Date(0), ok: false, errorMessage: leak }));
		assertScrubbed(statusLine({ actionId: 'stripe_slack.refund', userId: 'U1', at: new Date(0), ok: true, detail: leak }));
	});
});
