/**
 * The node side of `../delivery/mistakes.ts` for Slack Post: when Slack refuses a post because of a setting
 * (channel_not_found, not_in_channel, is_archived), name the setting from the Settings node's output, report it
 * once in Slack, and give the words the run fails with.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { channelMistake, isSettingMistakeCode, mistakeError, reportOnce, reportTarget, reportText, type ReportLease } from '../delivery/mistakes';
import { chooseThreadStore, type ThreadStoreChoice } from '../delivery/stores';
import { createSlackClient } from '../slack/slackApi';
import { nodeOutput } from './settings';

export interface MistakeConnection {
	botToken: string;
	apiBaseUrl: string;
	threadStore?: ThreadStoreChoice;
	redisUrl: string;
}

/** The error words for a post refused because of a setting, after reporting it once; undefined for other failures. */
export async function settingMistake(
	ctx: IExecuteFunctions,
	channel: string,
	code: string | undefined,
	conn: MistakeConnection,
): Promise<{ message: string; description: string } | undefined> {
	if (!code || !isSettingMistakeCode(code) || !channel) return undefined;
	const settings = nodeOutput(ctx, 'Settings');
	const client = createSlackClient({ botToken: conn.botToken, apiBaseUrl: conn.apiBaseUrl }, { quick: true });
	let bot: string | undefined;
	try {
		bot = (await client.auth.test()).user as string | undefined;
	} catch {
		bot = undefined;
	}
	const mistake = channelMistake(channel, code, settings, bot);
	if (!mistake) return undefined;
	const store = chooseThreadStore(conn.threadStore ?? 'automatic', conn.redisUrl);
	const lease: ReportLease | undefined = typeof store === 'string' ? undefined : store;
	const outcome = await reportOnce(lease, mistake, reportTarget(settings, mistake), async (to) => {
		await client.chat.postMessage({ channel: to, text: reportText(mistake, ctx.getWorkflow().name ?? 'this workflow') });
	});
	return mistakeError(mistake, outcome);
}
