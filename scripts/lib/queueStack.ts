/**
 * n8n in queue mode (the scale-out engine) with this package, the sandbox and every template:
 *
 *   main    `n8n start`    editor, REST API, activation               port P
 *   webhook `n8n webhook`  receives every production webhook           port P+1  (send Stripe events here)
 *   sandbox                 fake Slack + Stripe                         port P+2
 *   2 x     `n8n worker`   run the executions (health on P+3, P+4)
 *
 * shared: a fresh PostgreSQL database `n8n_queue_<random>` on 127.0.0.1:5432 (user postgres; dropped at
 * stop), Redis 127.0.0.1:6379 (Bull queue under a per-run QUEUE_BULL_PREFIX; the trigger's duplicate
 * store and the Slack Post node's thread store use it too), one N8N_ENCRYPTION_KEY.
 *
 * The same runtime and package install as startDevStack (scripts/lib/n8n.ts); templates and credentials
 * are imported with the n8n CLI into the database before anything starts, then activated through main's
 * REST API. Each run uses its own Slack bot token in the sandbox, so that thread records left in Redis by
 * an earlier run (keyed by connection) are never reused.
 */
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { importSandboxAndTemplates, SANDBOX_SLACK, webhookUrls, type Endpoints } from './devStack';
import {
	buildPackage,
	ensureRuntime,
	installPackage,
	N8nProcess,
	N8nRest,
	PACKAGE,
	ROOT,
	waitFor,
	type N8nOptions,
	type Runtime,
} from './n8n';

export interface QueueStackOptions {
	/** main's port; the webhook process, sandbox and workers take the next four. Default 5688. */
	basePort?: number;
	/** where the n8n user folders, logs and endpoints.json go (required: use a temporary folder) */
	dataDir: string;
	workers?: number;
	postgres?: { host: string; port: number; user: string };
	redis?: { host: string; port: number };
	skipBuild?: boolean;
	/** keep the database at stop (for inspection) */
	keepDatabase?: boolean;
	log?: (s: string) => void;
}

export interface QueueStack {
	/** n8n: main's URL; webhooks: on the webhook process */
	endpoints: Endpoints & { webhookProcess: string };
	runtime: Runtime;
	rest: N8nRest;
	main: N8nProcess;
	webhook: N8nProcess;
	workers: N8nProcess[];
	workflowIds: Record<string, string>;
	database: string;
	bullPrefix: string;
	/** the per-run Slack bot token (sandbox credential) */
	slackBotToken: string;
	/** the environment every n8n process of the topology shares (DB, queue, key) */
	sharedEnv: Record<string, string>;
	stop(): Promise<void>;
}

const DEFAULT_PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };
const DEFAULT_REDIS = { host: '127.0.0.1', port: 6379 };

function tcpOpen(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
	return new Promise((resolve) => {
		const s = net.connect({ host, port });
		const done = (ok: boolean) => {
			s.destroy();
			resolve(ok);
		};
		s.setTimeout(timeoutMs, () => done(false));
		s.once('connect', () => done(true));
		s.once('error', () => done(false));
	});
}

/** PING over RESP, without a client library. */
function redisPing(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
	return new Promise((resolve) => {
		const s = net.connect({ host, port });
		let buf = '';
		const done = (ok: boolean) => {
			s.destroy();
			resolve(ok);
		};
		s.setTimeout(timeoutMs, () => done(false));
		s.once('connect', () => s.write('*1\r\n$4\r\nPING\r\n'));
		s.on('data', (d) => {
			buf += d.toString();
			if (buf.includes('\r\n')) done(buf.startsWith('+PONG'));
		});
		s.once('error', () => done(false));
	});
}

function psql(pg: { host: string; port: number; user: string }, sql: string): { ok: boolean; out: string } {
	const r = spawnSync('psql', ['-h', pg.host, '-p', String(pg.port), '-U', pg.user, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], {
		encoding: 'utf8',
		env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
	});
	if (r.error) return { ok: false, out: `psql could not run: ${r.error.message}` };
	return { ok: r.status === 0, out: `${r.stdout}${r.stderr}`.trim() };
}

/**
 * Are PostgreSQL and Redis there? Returns a clear message for each missing service (empty when all is well).
 */
export async function checkServices(
	pg: { host: string; port: number; user: string } = DEFAULT_PG,
	redis: { host: string; port: number } = DEFAULT_REDIS,
): Promise<string[]> {
	const problems: string[] = [];
	if (!(await tcpOpen(pg.host, pg.port))) {
		problems.push(`PostgreSQL is not reachable on ${pg.host}:${pg.port} (start it, e.g. \`pg_ctlcluster <version> main start\`; .ci/run does this)`);
	} else {
		const r = psql(pg, 'select 1');
		if (!r.ok) problems.push(`PostgreSQL on ${pg.host}:${pg.port} refused user "${pg.user}" without a password: ${r.out.slice(0, 300)}`);
	}
	if (!(await redisPing(redis.host, redis.port))) {
		problems.push(`Redis does not answer PING on ${redis.host}:${redis.port} (start it, e.g. \`redis-server --daemonize yes --port ${redis.port}\`; .ci/run does this)`);
	}
	return problems;
}

export async function startQueueStack(opts: QueueStackOptions): Promise<QueueStack> {
	const log = opts.log ?? (() => {});
	const pg = opts.postgres ?? DEFAULT_PG;
	const redis = opts.redis ?? DEFAULT_REDIS;
	const base = opts.basePort ?? 5688;
	const ports = {
		main: base,
		webhook: base + 1,
		sandbox: base + 2,
		worker: (i: number) => base + 3 + i,
		// every n8n process runs its own task broker (5679 by default, taken by any other n8n)
		broker: (i: number) => base + 10 + i,
	};
	const nWorkers = opts.workers ?? 2;
	const dataDir = path.resolve(opts.dataDir);
	fs.mkdirSync(dataDir, { recursive: true });

	const problems = await checkServices(pg, redis);
	if (problems.length) throw new Error(`Queue mode needs PostgreSQL and Redis:\n- ${problems.join('\n- ')}`);

	const runtime = await ensureRuntime(log);
	if (!opts.skipBuild) {
		log('Building the package...');
		buildPackage();
	}
	// One install of the package; every process's user folder links to it.
	const mainFolder = path.join(dataDir, 'main');
	fs.mkdirSync(mainFolder, { recursive: true });
	const nodesDir = path.join(mainFolder, '.n8n', 'nodes');
	// dist/ may be rebuilt by another process meanwhile (npm run build cleans it first): check that every
	// node and credential of the package made it into the install, and try again once if not.
	const pkgDir = path.join(nodesDir, 'node_modules', PACKAGE.name);
	const missing = () => [...PACKAGE.n8n.nodes, ...PACKAGE.n8n.credentials].filter((f) => !fs.existsSync(path.join(pkgDir, f)));
	installPackage(mainFolder);
	for (let attempt = 0; missing().length && attempt < 3; attempt++) {
		log(`The installed package lacks ${missing().join(', ')}; reinstalling`);
		await new Promise((r) => setTimeout(r, 5000));
		fs.rmSync(path.join(pkgDir, '.installed-from'), { force: true });
		if (!opts.skipBuild || !fs.existsSync(path.join(ROOT, PACKAGE.n8n.nodes[0]))) buildPackage();
		installPackage(mainFolder);
	}
	if (missing().length) throw new Error(`The package install in ${pkgDir} lacks ${missing().join(', ')} (is dist/ complete? run npm run build)`);
	const folderFor = (name: string): string => {
		if (name === 'main') return mainFolder;
		const f = path.join(dataDir, name);
		fs.mkdirSync(path.join(f, '.n8n'), { recursive: true });
		const link = path.join(f, '.n8n', 'nodes');
		if (!fs.existsSync(link)) fs.symlinkSync(nodesDir, link, 'dir');
		return f;
	};

	const runId = crypto.randomBytes(5).toString('hex');
	const database = `n8n_queue_${runId}`;
	const bullPrefix = `bull_stripe_slack_${runId}`;
	const encryptionKey = crypto.randomBytes(24).toString('hex');
	const stripeWebhookSecret = `whsec_${crypto.randomBytes(24).toString('hex')}`;
	const slackBotToken = `xoxb-sandbox-queue-${runId}`;
	const owner = { email: 'owner@example.com', password: `Queue-${crypto.randomBytes(6).toString('hex')}-N8n` };
	const mainUrl = `http://127.0.0.1:${ports.main}`;
	const webhookUrl = `http://127.0.0.1:${ports.webhook}`;

	const stops: Array<() => Promise<void>> = [];
	const stopAll = async () => {
		for (const s of stops.splice(0)) await s().catch(() => {});
	};

	const created = psql(pg, `CREATE DATABASE ${database}`);
	if (!created.ok) throw new Error(`Could not create the database ${database}: ${created.out}`);
	log(`PostgreSQL database ${database} created`);
	if (!opts.keepDatabase) {
		stops.push(async () => {
			const r = psql(pg, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
			if (!r.ok) log(`Could not drop ${database}: ${r.out}`);
		});
	}

	const sharedEnv: Record<string, string> = {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: '',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_PREFIX: bullPrefix,
		N8N_ENCRYPTION_KEY: encryptionKey,
		// production webhooks are answered by the webhook process: that is the URL n8n shows and registers
		WEBHOOK_URL: `${webhookUrl}/`,
		N8N_EDITOR_BASE_URL: `${mainUrl}/`,
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
	let brokers = 0;
	const optionsFor = (name: string, port: number, extra: Record<string, string> = {}): N8nOptions => ({
		runtime,
		userFolder: folderFor(name),
		port,
		logFile: path.join(dataDir, `${name}.log`),
		env: { ...sharedEnv, N8N_RUNNERS_BROKER_PORT: String(ports.broker(brokers++)), ...extra },
	});

	// If this process exits before stop() (Ctrl-C during start-up, a crash), take the n8n processes and the
	// database with it.
	const started: N8nProcess[] = [];
	const emergency = () => {
		for (const p of started) p.kill('SIGKILL');
		if (!opts.keepDatabase) psql(pg, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
	};
	process.once('exit', emergency);
	stops.push(async () => {
		process.removeListener('exit', emergency);
	});

	try {
		// eslint-disable-next-line @typescript-eslint/no-var-requires
		const { startSandbox } = require(path.join(ROOT, 'sandbox', 'server.ts')) as {
			startSandbox(o: { port: number; quiet: boolean; slackTokens: string[] }): Promise<{ url: string; close(): Promise<void> }>;
		};
		const sandbox = await startSandbox({ port: ports.sandbox, quiet: true, slackTokens: [slackBotToken, SANDBOX_SLACK.botToken] });
		stops.push(() => sandbox.close());
		log(`Sandbox: ${sandbox.url}`);

		const mainOptions = optionsFor('main', ports.main);
		const templates = importSandboxAndTemplates(mainOptions, dataDir, { url: sandbox.url, stripeWebhookSecret, slackBotToken });
		log(`Imported the credentials and ${templates.length} template(s) into ${database}`);

		const main = new N8nProcess(mainOptions, 'start');
		started.push(main);
		await main.start();
		stops.unshift(() => main.stop());
		log(`main: ${mainUrl}`);

		const workers: N8nProcess[] = [];
		for (let i = 0; i < nWorkers; i++) {
			const w = new N8nProcess(
				optionsFor(`worker${i + 1}`, ports.worker(i), {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(ports.worker(i)),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}),
				'worker',
			);
			started.push(w);
			await w.start();
			stops.unshift(() => w.stop());
			workers.push(w);
		}
		const webhook = new N8nProcess(optionsFor('webhook', ports.webhook), 'webhook');
		started.push(webhook);
		await Promise.all([
			webhook.start(),
			...workers.map((w, i) =>
				waitFor(
					`n8n worker ${i + 1} to answer /healthz/readiness on port ${ports.worker(i)} (see ${path.join(dataDir, `worker${i + 1}.log`)})`,
					async () => ((await fetch(`http://127.0.0.1:${ports.worker(i)}/healthz/readiness`)).status === 200 ? true : undefined),
					120_000,
				),
			),
		]);
		stops.unshift(() => webhook.stop());
		log(`webhook process: ${webhookUrl}; ${nWorkers} worker(s) ready`);

		const rest = new N8nRest(mainUrl);
		await rest.ensureOwner(owner);
		const workflowIds: Record<string, string> = {};
		const webhooks: Record<string, string> = {};
		for (const t of templates) {
			await rest.activate(t.json.id);
			workflowIds[t.name] = t.json.id;
			webhookUrls(webhookUrl, t).forEach((u, i) => {
				webhooks[i === 0 ? t.name : `${t.name}:${u.node}`] = u.url;
			});
		}
		// The webhook process reads active webhooks from the database: wait until it routes every one.
		for (const url of Object.values(webhooks)) {
			await waitFor(
				`the webhook process to route ${url}`,
				async () => ((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status !== 404 ? true : undefined),
				30_000,
				200,
			);
		}
		if (webhooks.actions) {
			await fetch(`${sandbox.url}/_sandbox/config`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ interactivityUrl: webhooks.actions }),
			});
		}

		const endpoints = {
			n8n: mainUrl,
			webhookProcess: webhookUrl,
			sandbox: sandbox.url,
			webhooks,
			stripeWebhookSecret,
			slackSigningSecret: SANDBOX_SLACK.signingSecret,
			owner,
		};
		fs.writeFileSync(path.join(dataDir, 'endpoints.json'), JSON.stringify({ ...endpoints, database, bullPrefix }, null, 2), { mode: 0o600 });
		return {
			endpoints,
			runtime,
			rest,
			main,
			webhook,
			workers,
			workflowIds,
			database,
			bullPrefix,
			slackBotToken,
			sharedEnv,
			stop: async () => {
				fs.rmSync(path.join(dataDir, 'endpoints.json'), { force: true });
				await stopAll();
			},
		};
	} catch (e) {
		await stopAll();
		throw e;
	}
}

export { PACKAGE };
