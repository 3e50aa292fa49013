/**
 * The whole local stack behind `npm start` and the end-to-end tests: the sandbox (Slack and Stripe
 * stand-ins), a real n8n with this package installed as a community package, the owner account,
 * credentials pointing at the sandbox, and every template in workflows/ imported and published.
 * When all of that answers, `<dataDir>/endpoints.json` is written (the contract other tools read).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import {
	buildPackage,
	ensureRuntime,
	installPackage,
	N8nProcess,
	N8nRest,
	PACKAGE,
	ROOT,
	runCli,
	type N8nOptions,
	type Runtime,
} from './n8n';
import { timedStep } from './runtime';

export interface Endpoints {
	n8n: string;
	sandbox: string | null;
	webhooks: Record<string, string>;
	/** the Stripe event types (patterns, `*` = any) each template's Stripe trigger takes; [] = all */
	events?: Record<string, string[]>;
	stripeWebhookSecret: string;
	slackSigningSecret: string;
	owner: { email: string; password: string };
}

export interface DevStackOptions {
	/** .dev by default; tests use a temporary folder */
	dataDir?: string;
	n8nPort?: number;
	sandboxPort?: number;
	/** start the sandbox when sandbox/ exists (default true) */
	sandbox?: boolean;
	/** skip `npm run build` (tests that built already) */
	skipBuild?: boolean;
	log?: (s: string) => void;
}

export interface DevStack {
	endpoints: Endpoints;
	runtime: Runtime;
	n8n: N8nProcess;
	rest: N8nRest;
	n8nOptions: N8nOptions;
	/** workflow id of each template, by template name */
	workflowIds: Record<string, string>;
	stop(): Promise<void>;
}

/** Stable ids so that templates can name the sandbox credentials they use. */
export const SANDBOX_CREDENTIALS = {
	stripe: { id: 'stripeSandbox001', name: 'Stripe (local sandbox)', type: 'stripeSignedApi' },
	slack: { id: 'slackSandbox0001', name: 'Slack (local sandbox)', type: 'slackAppApi' },
} as const;

export const SANDBOX_SLACK = { botToken: 'xoxb-sandbox-token', signingSecret: 'sandbox-signing-secret' };
export const SANDBOX_STRIPE_KEY = 'sk_test_sandbox';

/** The node types whose webhook path is `<webhookId>/webhook` (this package's triggers). */
const PACKAGE_TRIGGER_SUFFIX = ['.stripeSignedTrigger', '.slackActionTrigger'];

export interface Template {
	name: string;
	file: string;
	json: {
		id: string;
		name: string;
		nodes: Array<{ name: string; type: string; webhookId?: string; parameters?: Record<string, unknown> }>;
	};
}

export function loadTemplates(dir = path.join(ROOT, 'workflows')): Template[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const file = path.join(dir, f);
			const json = JSON.parse(fs.readFileSync(file, 'utf8'));
			if (!json.id) throw new Error(`Template ${f} has no "id": templates need a fixed id so that re-imports replace them`);
			return { name: path.basename(f, '.json'), file, json };
		});
}

/** The Stripe event patterns of a template's Stripe trigger (its Event Types and More Event Types), or null. */
export function templateEventPatterns(t: Template): string[] | null {
	const trigger = t.json.nodes.find((n) => n.type.endsWith('.stripeSignedTrigger'));
	if (!trigger) return null;
	const params = (trigger.parameters ?? {}) as { events?: string[]; options?: { moreEventTypes?: string } };
	const more = (params.options?.moreEventTypes ?? '').split(',').map((x) => x.trim()).filter(Boolean);
	return [...(params.events ?? []), ...more];
}

/** The production URL n8n gives each webhook-started trigger of a template. */
export function webhookUrls(n8nUrl: string, t: Template): Array<{ node: string; url: string }> {
	const urls: Array<{ node: string; url: string }> = [];
	for (const n of t.json.nodes) {
		if (PACKAGE_TRIGGER_SUFFIX.some((s) => n.type.endsWith(s)) && n.webhookId) {
			urls.push({ node: n.name, url: `${n8nUrl}/webhook/${n.webhookId}/webhook` });
		} else if (n.type === 'n8n-nodes-base.webhook' && typeof n.parameters?.path === 'string') {
			urls.push({ node: n.name, url: `${n8nUrl}/webhook/${n.parameters.path}` });
		}
	}
	return urls;
}

function loadOrCreateSecrets(dataDir: string): { ownerPassword: string; stripeWebhookSecret: string } {
	const file = path.join(dataDir, 'secrets.json');
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
	const secrets = {
		// n8n's password rules: 8+ characters, a number and an upper-case letter
		ownerPassword: `Dev-${crypto.randomBytes(6).toString('hex')}-N8n`,
		stripeWebhookSecret: `whsec_${crypto.randomBytes(24).toString('hex')}`,
	};
	fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
	return secrets;
}

type SandboxHandle = { url: string; close(): Promise<void>; configure?: (c: Record<string, unknown>) => void };

async function startSandboxIfPresent(port: number, log: (s: string) => void): Promise<SandboxHandle | null> {
	const entry = ['server.ts', 'index.ts'].map((f) => path.join(ROOT, 'sandbox', f)).find((f) => fs.existsSync(f));
	if (!entry) {
		log('No sandbox/ in this checkout: starting n8n without the Slack and Stripe stand-ins.');
		return null;
	}
	// eslint-disable-next-line @typescript-eslint/no-var-requires
	const mod = require(entry);
	if (typeof mod.startSandbox !== 'function') throw new Error(`${entry} does not export startSandbox()`);
	return (await mod.startSandbox({ port, quiet: true })) as SandboxHandle;
}

/**
 * With n8n stopped: imports the sandbox credentials under their fixed ids (so that the templates'
 * credential references resolve) when there is a sandbox, then every template in workflows/.
 */
export function importSandboxAndTemplates(
	n8nOptions: N8nOptions,
	dataDir: string,
	sandbox: { url: string; stripeWebhookSecret: string; slackBotToken?: string } | null,
): Template[] {
	if (sandbox) {
		const creds = [
			{
				...SANDBOX_CREDENTIALS.stripe,
				data: {
					secretKey: SANDBOX_STRIPE_KEY,
					webhookSecret: sandbox.stripeWebhookSecret,
					previousWebhookSecret: '',
					apiBaseUrl: sandbox.url,
				},
			},
			{
				...SANDBOX_CREDENTIALS.slack,
				data: {
					botToken: sandbox.slackBotToken ?? SANDBOX_SLACK.botToken,
					signingSecret: SANDBOX_SLACK.signingSecret,
					apiBaseUrl: `${sandbox.url}/api/`,
				},
			},
		];
		const credFile = path.join(dataDir, 'credentials.import.json');
		fs.writeFileSync(credFile, JSON.stringify(creds), { mode: 0o600 });
		try {
			runCli(n8nOptions, ['import:credentials', `--input=${credFile}`]);
		} finally {
			fs.rmSync(credFile, { force: true });
		}
	}
	const templates = loadTemplates();
	if (templates.length) runCli(n8nOptions, ['import:workflow', '--separate', `--input=${path.join(ROOT, 'workflows')}`]);
	return templates;
}

async function setSandboxInteractivityUrl(sandboxUrl: string, interactivityUrl: string, commandUrl?: string): Promise<void> {
	const r = await fetch(`${sandboxUrl}/_sandbox/config`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		// Clicks go to the actions template; the /stripe command to the support desk, when there is one.
		body: JSON.stringify({ interactivityUrl, ...(commandUrl ? { commandUrl } : {}) }),
	});
	if (!r.ok) throw new Error(`The sandbox refused its interactivity URL (${r.status})`);
}

export async function startDevStack(opts: DevStackOptions = {}): Promise<DevStack> {
	const log = opts.log ?? (() => {});
	const dataDir = path.resolve(opts.dataDir ?? path.join(ROOT, '.dev'));
	const n8nPort = opts.n8nPort ?? 5678;
	const sandboxPort = opts.sandboxPort ?? 5680;
	fs.mkdirSync(dataDir, { recursive: true });

	const runtime = await ensureRuntime(log);
	if (!opts.skipBuild) await timedStep(log, 'Building the package (npm run build)', async () => buildPackage());
	const userFolder = path.join(dataDir, 'n8n');
	fs.mkdirSync(userFolder, { recursive: true });
	let changed = false;
	await timedStep(log, `Installing ${PACKAGE.name} into n8n as a community package`, async () => {
		changed = installPackage(userFolder).changed;
	});
	log(changed ? `Installed ${PACKAGE.name} into n8n (${userFolder}/.n8n/nodes)` : `${PACKAGE.name} unchanged since the last start`);

	const secrets = loadOrCreateSecrets(dataDir);
	const owner = { email: 'owner@example.com', password: secrets.ownerPassword };
	const n8nOptions: N8nOptions = { runtime, userFolder, port: n8nPort, logFile: path.join(dataDir, 'n8n.log') };
	const n8nUrl = `http://127.0.0.1:${n8nPort}`;

	const sandbox = opts.sandbox === false ? null : await startSandboxIfPresent(sandboxPort, log);
	const stops: Array<() => Promise<void>> = [];
	if (sandbox) {
		stops.push(() => sandbox.close());
		log(`Sandbox (Slack and Stripe stand-ins): ${sandbox.url}`);
	}
	try {
		let templates: Template[] = [];
		await timedStep(log, 'Importing the sandbox credentials and the templates (n8n CLI)', async () => {
			templates = importSandboxAndTemplates(n8nOptions, dataDir, sandbox ? { url: sandbox.url, stripeWebhookSecret: secrets.stripeWebhookSecret } : null);
		});
		if (templates.length) log(`Imported ${templates.length} template(s): ${templates.map((t) => t.name).join(', ')}`);

		const n8n = new N8nProcess(n8nOptions);
		stops.unshift(() => n8n.stop());
		await timedStep(log, `Starting n8n ${PACKAGE.config.n8nVersion} (log: ${n8nOptions.logFile})`, () => n8n.start(), () => '', 10_000);
		const rest = new N8nRest(n8nUrl);
		await rest.ensureOwner(owner);

		const workflowIds: Record<string, string> = {};
		const webhooks: Record<string, string> = {};
		const events: Record<string, string[]> = {};
		for (const t of templates) {
			const patterns = templateEventPatterns(t);
			if (patterns) events[t.name] = patterns;
			await rest.activate(t.json.id);
			workflowIds[t.name] = t.json.id;
			const urls = webhookUrls(n8nUrl, t);
			urls.forEach((u, i) => {
				webhooks[i === 0 ? t.name : `${t.name}:${u.node}`] = u.url;
			});
		}
		if (sandbox && webhooks.actions) await setSandboxInteractivityUrl(sandbox.url, webhooks.actions, webhooks['support-desk']);

		const endpoints: Endpoints = {
			n8n: n8nUrl,
			sandbox: sandbox?.url ?? null,
			webhooks,
			events,
			stripeWebhookSecret: secrets.stripeWebhookSecret,
			slackSigningSecret: SANDBOX_SLACK.signingSecret,
			owner,
		};
		fs.writeFileSync(path.join(dataDir, 'endpoints.json'), JSON.stringify(endpoints, null, 2), { mode: 0o600 });
		const stop = async () => {
			fs.rmSync(path.join(dataDir, 'endpoints.json'), { force: true });
			for (const s of stops) await s().catch(() => {});
		};
		return { endpoints, runtime, n8n, rest, n8nOptions, workflowIds, stop };
	} catch (e) {
		for (const s of stops) await s().catch(() => {});
		throw e;
	}
}
