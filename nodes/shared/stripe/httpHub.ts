/**
 * Process-wide HTTP servers shared by listeners (pure, no n8n imports): one server per host:port,
 * requests routed by exact path, so several active workflows can listen on one port under different
 * paths. A server starts with its first route and closes with its last.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'http';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

interface HubServer {
	server: Server;
	routes: Map<string, RouteHandler>;
	ready: Promise<void>;
}

const servers = new Map<string, HubServer>();

/** `/stripe`, `stripe/`, ` /stripe ` -> `/stripe`; the query string is not part of a path. */
export function normalizePath(path: string): string {
	const p = `/${String(path ?? '').trim().replace(/^\/+/, '').replace(/\/+$/, '')}`;
	return p;
}

function pathOf(url: string | undefined): string {
	const raw = (url ?? '/').split('?')[0];
	return normalizePath(raw);
}

/**
 * Adds a route; resolves once the server listens. Rejects with a clear message when the port cannot
 * be used or the path is taken. The returned function removes the route (and closes the server when
 * it was the last one).
 */
export async function addRoute(port: number, host: string, path: string, handler: RouteHandler): Promise<() => Promise<void>> {
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`the port must be a whole number from 1 to 65535 (got ${port})`);
	const key = `${host}:${port}`;
	const route = normalizePath(path);
	let hub = servers.get(key);
	if (!hub) {
		const routes = new Map<string, RouteHandler>();
		const server = createServer((req, res) => {
			const h = routes.get(pathOf(req.url));
			if (!h) {
				res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
				res.end(JSON.stringify({ error: 'no Stripe listener on this path' }));
				return;
			}
			Promise.resolve(h(req, res)).catch(() => {
				if (!res.headersSent) {
					res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
					res.end(JSON.stringify({ error: 'internal error; retry later' }));
				}
			});
		});
		server.keepAliveTimeout = 65_000;
		const ready = new Promise<void>((resolve, reject) => {
			server.once('error', (error: NodeJS.ErrnoException) => {
				servers.delete(key);
				reject(
					new Error(
						error.code === 'EADDRINUSE'
							? `port ${port} is already in use by another program`
							: error.code === 'EACCES'
								? `no permission to listen on port ${port}`
								: `could not listen on ${host}:${port}: ${error.message}`,
					),
				);
			});
			server.listen(port, host, () => resolve());
		});
		hub = { server, routes, ready };
		servers.set(key, hub);
	}
	if (hub.routes.has(route)) throw new Error(`another active workflow already listens on port ${port} at ${route}`);
	hub.routes.set(route, handler);
	let listening = false;
	try {
		await hub.ready;
		listening = true;
	} finally {
		if (!listening) hub.routes.delete(route);
	}
	const h = hub;
	return async () => {
		if (h.routes.get(route) !== handler) return;
		h.routes.delete(route);
		if (h.routes.size === 0 && servers.get(key) === h) {
			servers.delete(key);
			await new Promise<void>((resolve) => {
				const force = setTimeout(() => h.server.closeAllConnections?.(), 5_000);
				h.server.close(() => {
					clearTimeout(force);
					resolve();
				});
				h.server.closeIdleConnections?.();
			});
		}
	};
}
