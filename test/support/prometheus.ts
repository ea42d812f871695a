import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnChild } from './isolation.js';

/**
 * A real Prometheus (Debian's `prometheus` package) on loopback, scraping the given targets
 * every second, with its config and TSDB in a temporary folder.
 */

/** The Prometheus binary: $PROMETHEUS_BIN, else /usr/bin/prometheus; null when absent. */
export function prometheusBinary(): string | null {
  const path = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
  return existsSync(path) ? path : null;
}

/** One sample of an instant-query answer. */
export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

/** A running Prometheus. */
export interface RunningPrometheus {
  url: string;
  /** An instant query through the HTTP API (`/api/v1/query`). */
  query(expr: string): Promise<PromSample[]>;
  /** Waits until `expr` has a sample that satisfies `accept` (default: any sample). */
  waitFor(expr: string, accept?: (samples: PromSample[]) => boolean, timeoutMs?: number): Promise<PromSample[]>;
  /** The process's output so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** A free loopback TCP port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function config(targets: string[]): string {
  return [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 1s',
    '  evaluation_interval: 1s',
    'scrape_configs:',
    '  - job_name: cctop',
    '    metrics_path: /metrics',
    '    static_configs:',
    `      - targets: [${targets.map((t) => JSON.stringify(t)).join(', ')}]`,
    '',
  ].join('\n');
}

/** An error that ends a poll at once. */
class Fatal extends Error {}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function poll<T>(what: string, timeoutMs: number, attempt: () => Promise<T | undefined>, log: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof Fatal) throw new Error(`prometheus: ${error.message}\n${log().slice(-3000)}`);
      last = error;
    }
    await sleep(200);
  }
  throw new Error(`prometheus: timed out waiting for ${what} (${String(last ?? 'no answer')})\n${log().slice(-3000)}`);
}

async function instantQuery(url: string, expr: string): Promise<PromSample[]> {
  const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = await res.json() as { status: string; error?: string; data?: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  if (body.status !== 'success' || !body.data) throw new Error(`query ${expr}: ${body.error ?? res.status}`);
  return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGTERM');
  });
}

/** Starts Prometheus on a free loopback port scraping `targets` (`host:port`) every second; resolves once it is ready. */
export async function startPrometheus(binary: string, targets: string[]): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'cctop-prometheus-'));
  writeFileSync(join(dir, 'prometheus.yml'), config(targets));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnChild(binary, [
    `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const log = (): string => output;
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const running: RunningPrometheus = {
    url, log, stop,
    query: (expr) => instantQuery(url, expr),
    waitFor: (expr, accept = (s) => s.length > 0, timeoutMs = 20_000) =>
      poll(`${expr}`, timeoutMs, async () => {
        const samples = await instantQuery(url, expr);
        return accept(samples) ? samples : undefined;
      }, log),
  };
  try {
    await poll('/-/ready', 30_000, async () => {
      if (child.exitCode !== null) throw new Fatal(`exited with status ${child.exitCode}`);
      return (await fetch(`${url}/-/ready`)).ok ? true : undefined;
    }, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return running;
}
