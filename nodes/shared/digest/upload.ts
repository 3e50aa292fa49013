/**
 * Upload the digest chart to Slack with files.getUploadURLExternal + files.completeUploadExternal
 * (`filesUploadV2` of @slack/web-api), shared into a channel, or into a message's thread when
 * `threadTs` is given. Needs the `files:write` scope.
 */
import type { WebClient } from '../sdkTypes';

export interface UploadChartOptions {
	/** Channel id (C…): the file is shared there. */
	channel: string;
	/** ts of the digest message: the chart goes into its thread. */
	threadTs?: string;
	png: Buffer;
	/** File title shown in Slack. */
	title?: string;
	filename?: string;
	/** Text posted with the file. */
	initialComment?: string;
	/** Alt text for screen readers. */
	altText?: string;
}

export interface UploadedChart {
	fileId: string;
	permalink?: string;
}

export async function uploadChart(client: Pick<WebClient, 'filesUploadV2'>, o: UploadChartOptions): Promise<UploadedChart> {
	if (!o.channel) throw new Error('uploadChart needs a channel id');
	if (!Buffer.isBuffer(o.png) || o.png.length < 8) throw new Error('uploadChart needs PNG bytes');
	const args = {
		channel_id: o.channel,
		file: o.png,
		filename: o.filename ?? 'revenue-chart.png',
		title: o.title ?? 'Revenue chart',
		...(o.altText ? { alt_text: o.altText } : {}),
		...(o.initialComment ? { initial_comment: o.initialComment } : {}),
		...(o.threadTs ? { thread_ts: o.threadTs } : {}),
	};
	// The union of argument shapes in @slack/web-api is strict about channel/thread combinations.
	const res = (await client.filesUploadV2(args as Parameters<WebClient['filesUploadV2']>[0])) as unknown as {
		ok?: boolean;
		files?: Array<{ ok?: boolean; files?: Array<{ id?: string; permalink?: string }> } | { id?: string; permalink?: string }>;
	};
	const first = res.files?.[0] as { files?: Array<{ id?: string; permalink?: string }>; id?: string; permalink?: string } | undefined;
	const file = first?.files?.[0] ?? first;
	if (!file?.id) throw new Error('Slack did not return the uploaded file');
	return { fileId: file.id, permalink: file.permalink };
}
