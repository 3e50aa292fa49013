import { readFileSync } from 'fs';
import { join } from 'path';

import { ACTIONS } from '../../../nodes/shared/actions';
import {
	decodeModalMetadata,
	encodeModalMetadata,
	InteractionParseError,
	matchesPrefix,
	normalizeInteraction,
	parseInteraction,
	parseInteractionBody,
} from '../../../nodes/shared/slack/interaction';
import { evidenceModal } from '../../../nodes/shared/slack/modal';
import { computeSlackSignature, verifySlackSignature } from '../../../nodes/shared/slack/signature';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../../fixtures/slack', name), 'utf8'));
const formBody = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

describe('verifySlackSignature', () => {
	const secret = '8f742231b10e8888abcd99yyyzzz85a5';
	const now = 1_700_000_000;
	const body = formBody(fixture('block_actions_button_in_message.json'));
	const sign = (ts: number, b = body, s = secret) => computeSlackSignature(s, ts, b);

	it("matches Slack's documented example", () => {
		// https://api.slack.com/authentication/verifying-requests-from-slack (example request)
		const docBody =
			'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
		expect(computeSlackSignature(secret, 1531420618, docBody)).toBe(
			'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
		);
		expect(
			verifySlackSignature({
				signingSecret: secret,
				rawBody: Buffer.from(docBody),
				signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
				timestamp: '1531420618',
				nowSeconds: 1531420618 + 10,
			}),
		).toEqual({ ok: true });
	});

	it('accepts a valid signature within the window, as Buffer or string', () => {
		expect(verifySlackSignature({ signingSecret: secret, rawBody: Buffer.from(body), signature: sign(now - 299), timestamp: String(now - 299), nowSeconds: now }).ok).toBe(true);
		expect(verifySlackSignature({ signingSecret: secret, rawBody: body, signature: [sign(now + 299)], timestamp: String(now + 299), nowSeconds: now }).ok).toBe(true);
	});

	it.each([
		['forged body', { rawBody: body.replace('clicked', 'klicked') }, 'bad_signature'],
		['wrong secret', { signature: computeSlackSignature('other', now, body) }, 'bad_signature'],
		['truncated signature', { signature: sign(now).slice(0, 20) }, 'bad_signature'],
		['v1 scheme', { signature: sign(now).replace('v0=', 'v1=') }, 'bad_signature'],
		['stale', { timestamp: String(now - 301), signature: sign(now - 301) }, 'stale'],
		['future', { timestamp: String(now + 301), signature: sign(now + 301) }, 'future'],
		['missing signature', { signature: undefined }, 'missing_signature'],
		['missing timestamp', { timestamp: undefined }, 'missing_timestamp'],
		['malformed timestamp', { timestamp: '12ab' }, 'bad_timestamp'],
		['no secret', { signingSecret: '' }, 'missing_secret'],
	])('rejects %s', (_name, override, reason) => {
		const result = verifySlackSignature({
			signingSecret: secret,
			rawBody: body,
			signature: sign(now),
			timestamp: String(now),
			nowSeconds: now,
			...(override as object),
		});
		expect(result).toMatchObject({ ok: false, reason });
	});
});

describe('interaction parsing', () => {
	it('normalizes a block_actions click in a message', () => {
		const click = parseInteraction(formBody(fixture('block_actions_button_in_message.json')));
		expect(click).toMatchObject({
			type: 'block_actions',
			actionId: 'button',
			value: 'clicked',
			blockId: '8KR',
			actionTs: '1678252216.469172',
			user: { id: 'U111', name: 'U111' },
			team: { id: 'T0G9PQBBK' },
			channel: 'C111',
			messageTs: '1678252213.679169',
			threadTs: null,
			isEphemeral: false,
			responseUrl: 'http://localhost:8888/webhook',
			triggerId: '4916855695380.xxx.yyy',
			isLinkButton: false,
		});
		expect(click.message?.blocks).toHaveLength(1);
		expect(click.message?.text).toBe('This is a section block with a button.');
	});

	it('normalizes a click in an ephemeral message (no message copy)', () => {
		const click = normalizeInteraction(fixture('block_actions_button_ephemeral.json'));
		expect(click).toMatchObject({
			actionId: 'a',
			value: 'click_me_123',
			user: { id: 'W111', name: 'primary-owner', username: 'primary-owner', teamId: 'T111' },
			team: { id: 'T111', domain: 'workspace-domain' },
			enterpriseId: 'E111',
			channel: 'C111',
			channelName: 'test-channel',
			messageTs: '111.222',
			isEphemeral: true,
			message: null,
		});
	});

	it('normalizes the derived Stripe click', () => {
		const click = normalizeInteraction(fixture('block_actions_derived_stripe_ack.json'));
		expect(click.actionId).toBe('stripe_ack');
		expect(click.value).toBe('evt_1Pgc76B7WZ01zgkWFED520D8');
	});

	it('normalizes a view_submission and reads its inputs', () => {
		const click = normalizeInteraction(fixture('view_submission_modal.json'));
		expect(click).toMatchObject({
			type: 'view_submission',
			actionId: 'view-id',
			value: '',
			user: { id: 'W111' },
			channel: null,
			messageTs: null,
			responseUrl: null,
			inputs: { maBWU: 'test' },
			view: { id: 'V111', callbackId: 'view-id', privateMetadata: 'This is for you!', values: { 'hspI.maBWU': 'test' } },
		});
	});

	it('takes the click context of a modal from its private_metadata', () => {
		const payload = fixture('view_submission_modal.json');
		const click = normalizeInteraction(fixture('block_actions_button_in_message.json'));
		const modal = evidenceModal({ ...click, actionId: ACTIONS.submitEvidence, value: 'du_123' });
		payload.view.callback_id = modal.callback_id;
		payload.view.private_metadata = modal.private_metadata;
		payload.view.state = { values: { stripe_slack_evidence: { evidence_text: { type: 'plain_text_input', value: 'Delivered on 1 May' } } } };
		const sub = normalizeInteraction(payload);
		expect(sub).toMatchObject({
			actionId: ACTIONS.submitEvidence,
			value: 'du_123',
			channel: 'C111',
			messageTs: '1678252213.679169',
			responseUrl: 'http://localhost:8888/webhook',
			inputs: { evidence_text: 'Delivered on 1 May' },
		});
	});

	it('flags link buttons and keeps repeated deliveries comparable', () => {
		const payload = fixture('block_actions_button_in_message.json');
		payload.actions[0].url = 'https://dashboard.stripe.com/';
		const a = normalizeInteraction(payload);
		const b = normalizeInteraction(JSON.parse(JSON.stringify(payload)));
		expect(a.isLinkButton).toBe(true);
		expect(a.deliveryKey).toBe(b.deliveryKey);
		payload.trigger_id = 'other';
		expect(normalizeInteraction(payload).deliveryKey).not.toBe(a.deliveryKey);
	});

	it('rejects bodies that are not interactions', () => {
		expect(() => parseInteractionBody('foo=bar')).toThrow(InteractionParseError);
		expect(() => parseInteractionBody('payload=%7Bnot')).toThrow(/not valid JSON/);
		expect(() => parseInteractionBody('payload=%5B1%5D')).toThrow(/not a JSON object/);
		expect(() => normalizeInteraction({ type: 'shortcut', user: { id: 'U1' } })).toThrow(/Unsupported interaction type/);
		expect(() => normalizeInteraction({ type: 'block_actions', user: { id: 'U1' }, actions: [] })).toThrow(/no actions/);
		expect(() => normalizeInteraction({ type: 'block_actions', actions: [{ action_id: 'x' }] })).toThrow(/no user id/);
	});

	it('matches action id prefixes', () => {
		expect(matchesPrefix('stripe_slack.refund', ['stripe_slack.'])).toBe(true);
		expect(matchesPrefix('other.refund', ['stripe_slack.', 'x'])).toBe(false);
		expect(matchesPrefix('anything', [])).toBe(true);
		expect(matchesPrefix('anything', [' '])).toBe(true);
	});

	it('round-trips modal metadata and ignores foreign metadata', () => {
		const meta = { a: ACTIONS.refund, v: 'ch_1', c: 'C1', ts: '1.2' };
		expect(decodeModalMetadata(encodeModalMetadata(meta))).toEqual(meta);
		expect(decodeModalMetadata('This is for you!')).toBeNull();
		expect(decodeModalMetadata('{"a":1}')).toBeNull();
		expect(encodeModalMetadata({ ...meta, r: 'x'.repeat(4000) }).length).toBeLessThanOrEqual(3000);
	});
});
