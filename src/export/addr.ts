import { isIP } from 'node:net';

/** Where the metrics endpoint listens. */
export interface ListenAddress {
  host: string;
  port: number;
}

/** The suggested metrics port (9464 belongs to Claude Code's own Prometheus exporter). */
export const DEFAULT_METRICS_PORT = 9469;

/** The host used when an address names only a port. */
export const LOOPBACK = '127.0.0.1';

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function parsePort(text: string, addr: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new Error(`--metrics ${JSON.stringify(addr)}: the port must be a number from 0 to 65535`);
  }
  return Number(text);
}

function checkHost(host: string, addr: string): string {
  if (isIP(host) || HOST_NAME.test(host)) return host;
  throw new Error(`--metrics ${JSON.stringify(addr)}: ${JSON.stringify(host)} is not an IP address or host name`);
}

/**
 * Parses `HOST:PORT`, `[IPv6]:PORT`, `:PORT` or `PORT` (the last two on loopback, 127.0.0.1).
 * Throws a message naming the address when it is malformed.
 */
export function parseListenAddress(addr: string): ListenAddress {
  const text = addr.trim();
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  if (bracketed) {
    if (isIP(bracketed[1]!) !== 6) throw new Error(`--metrics ${JSON.stringify(addr)}: not an IPv6 address in brackets`);
    return { host: bracketed[1]!, port: parsePort(bracketed[2]!, addr) };
  }
  if (/^\d+$/.test(text)) return { host: LOOPBACK, port: parsePort(text, addr) };
  const colon = text.lastIndexOf(':');
  if (colon < 0 || text.indexOf(':') !== colon) {
    throw new Error(`--metrics ${JSON.stringify(addr)}: expected HOST:PORT, [IPv6]:PORT or :PORT (e.g. 127.0.0.1:${DEFAULT_METRICS_PORT})`);
  }
  const host = text.slice(0, colon);
  const port = parsePort(text.slice(colon + 1), addr);
  return { host: host ? checkHost(host, addr) : LOOPBACK, port };
}

/** `host:port` for messages and URLs, with IPv6 hosts in brackets. */
export function formatListenAddress({ host, port }: ListenAddress): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}
