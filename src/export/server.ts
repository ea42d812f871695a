import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { allowedHosts, hostAllowed } from './host-check.js';

/** Where the endpoint listens, as src/settings parsed and checked it (`--metrics`). */
export interface ListenAddress {
  host: string;
  port: number;
}

/** Options of the metrics endpoint. */
export interface ServeMetricsOptions extends ListenAddress {
  registry: Registry;
  /** Called when a scrape fails (the response is a 500 without details). */
  onError?: (error: unknown) => void;
}

/** A running metrics endpoint. */
export interface MetricsServer {
  server: Server;
  /** The bound address (the real port when 0 was asked for). */
  address: ListenAddress;
  /** `http://host:port/metrics`. */
  url: string;
  close(): Promise<void>;
}

const TEXT = 'text/plain; charset=utf-8';

/** `host:port` for messages and URLs, with IPv6 hosts in brackets. */
export function formatListenAddress({ host, port }: ListenAddress): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

function reply(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': TEXT, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

function pathOf(req: IncomingMessage): string {
  const target = req.url ?? '';
  const query = target.indexOf('?');
  return query < 0 ? target : target.slice(0, query);
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ServeMetricsOptions, hosts: ReadonlySet<string>): Promise<void> {
  if (!hostAllowed(req.headers.host, hosts)) return reply(res, 403, 'forbidden: the Host header does not name this machine\n');
  if (pathOf(req) !== '/metrics') return reply(res, 404, 'not found: cctop serves only /metrics\n');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return reply(res, 405, 'method not allowed: use GET\n', { Allow: 'GET, HEAD' });
  }
  let body: string;
  try {
    body = await options.registry.metrics();
  } catch (error) {
    options.onError?.(error);
    return reply(res, 500, 'cctop could not read its metrics\n');
  }
  res.writeHead(200, { 'Content-Type': options.registry.contentType, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Serves `GET /metrics` in the Prometheus text format on `host:port` only; 404 elsewhere, 405 for
 * other methods, 403 for a Host header that does not name this machine (see host-check.ts).
 */
export function serveMetrics(options: ServeMetricsOptions): Promise<MetricsServer> {
  const hosts = allowedHosts(options.host);
  const server = createServer((req, res) => {
    req.resume();
    handle(req, res, options, hosts).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) reply(res, 500, 'internal error\n');
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      const bound = server.address() as AddressInfo;
      const address = { host: bound.address, port: bound.port };
      resolve({
        server, address,
        url: `http://${formatListenAddress(address)}/metrics`,
        close: () => new Promise<void>((done, fail) => {
          server.close((error) => (error ? fail(error) : done()));
          server.closeAllConnections();
        }),
      });
    });
  });
}
