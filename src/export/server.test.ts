import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { officialSnapshot } from '../../test/support/snapshots.js';
import { createMetricsRegistry } from './registry.js';
import { formatListenAddress, serveMetrics, type MetricsServer } from './server.js';

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function call(server: MetricsServer, method: string, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: server.address.host, port: server.address.port, method, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let running: MetricsServer | undefined;
afterEach(async () => { await running?.close(); running = undefined; });

async function start(getSnapshot: () => unknown = officialSnapshot, onError?: (e: unknown) => void): Promise<MetricsServer> {
  const registry = createMetricsRegistry(getSnapshot, { machine: 'laptop' });
  running = await serveMetrics({ host: '127.0.0.1', port: 0, registry, onError });
  return running;
}

describe('serveMetrics', () => {
  it('answers GET /metrics in the Prometheus text format', async () => {
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.address.port}/metrics`);
    const reply = await call(server, 'GET', '/metrics');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(reply.body).toContain('\ncctop_month_cost_usd{machine="laptop",plan="max"} 1.0538701\n');
    const query = await call(server, 'GET', '/metrics?x=1');
    expect(query.status).toBe(200);
    const head = await call(server, 'HEAD', '/metrics');
    expect([head.status, head.body]).toEqual([200, '']);
  });

  it('answers 403 to a Host header that does not name this machine (DNS rebinding), 200 to loopback names', async () => {
    const server = await start();
    const { port } = server.address;
    for (const host of ['attacker.example', `attacker.example:${port}`, `localhost.attacker.example:${port}`]) {
      const reply = await call(server, 'GET', '/metrics', { Host: host });
      expect([host, reply.status, reply.body]).toEqual([host, 403, 'forbidden: the Host header does not name this machine\n']);
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, 'localhost']) {
      expect([host, (await call(server, 'GET', '/metrics', { Host: host })).status]).toEqual([host, 200]);
    }
  });

  it('answers 404 for every other path', async () => {
    const server = await start();
    for (const path of ['/', '/metrics/', '/metrics/../etc/passwd', '//metrics', '/favicon.ico', '/METRICS', '/%2e%2e/metrics', '*']) {
      const reply = await call(server, 'GET', path);
      expect([path, reply.status]).toEqual([path, 404]);
      expect(reply.body).toBe('not found: cctop serves only /metrics\n');
    }
  });

  it('answers 405 for other methods on /metrics', async () => {
    const server = await start();
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const reply = await call(server, method, '/metrics');
      expect([method, reply.status, reply.headers.allow]).toEqual([method, 405, 'GET, HEAD']);
    }
  });

  it('answers 500 without details when the snapshot cannot be read', async () => {
    const errors: unknown[] = [];
    const server = await start(() => { throw new Error('/home/me/secret exploded'); }, (e) => errors.push(e));
    const reply = await call(server, 'GET', '/metrics');
    expect([reply.status, reply.body]).toEqual([500, 'cctop could not read its metrics\n']);
    expect(String(errors[0])).toContain('/home/me/secret exploded');
  });

  it('binds only where told', async () => {
    const server = await start();
    expect(server.address.host).toBe('127.0.0.1');
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
  });

  it('rejects when the port is taken', async () => {
    const server = await start();
    const registry = createMetricsRegistry(officialSnapshot, { machine: 'laptop' });
    await expect(serveMetrics({ host: '127.0.0.1', port: server.address.port, registry })).rejects.toThrow('EADDRINUSE');
  });
});

describe('formatListenAddress', () => {
  it('puts IPv6 hosts in brackets', () => {
    expect(formatListenAddress({ host: '::1', port: 9469 })).toBe('[::1]:9469');
    expect(formatListenAddress({ host: 'fe80::1%eth0', port: 80 })).toBe('[fe80::1%eth0]:80');
    expect(formatListenAddress({ host: '127.0.0.1', port: 9469 })).toBe('127.0.0.1:9469');
    expect(formatListenAddress({ host: 'devbox.lan', port: 80 })).toBe('devbox.lan:80');
  });
});
