import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, FIXTURES, isolatedEnv, REPO, runCli, startCli } from './support/cli.js';
import { freePort } from './support/prometheus.js';
import { hasTmux, privateTmux } from './support/tmux.js';
import { spawnChild } from './support/isolation.js';

// One engine for every output: the same logs and the same official reading (85 % of the 5-hour
// window, recorded by `cctop statusline` a minute before the clock) give the same window in
// --json, --follow, the plain snapshot, /metrics and MCP; alerts fire on the engine's clock.
const NOW = '2026-02-12T20:40:00Z';
const READING = JSON.stringify({
  session_id: 's', rate_limits: { five_hour: { used_percentage: 85, resets_at: Date.parse('2026-02-12T21:00:00Z') / 1000 } },
});
const ARGS = ['--dir', FIXTURES, '--now', NOW, '--tz', 'UTC', '--no-store'];

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An isolated environment whose state folder holds the 85 % reading. */
async function withReading(): Promise<NodeJS.ProcessEnv> {
  const env = isolatedEnv();
  const status = await runCli(['statusline', '--now', '2026-02-12T20:39:00Z', '--no-color'], env, READING);
  expect(status.stdout).toBe('5h ████░ 85 % ↻21m\n');
  return env;
}

/** Waits (polling, bounded) until `probe` gives a value. */
async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function firstLine(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = startCli(args, env);
  cleanups.push(() => child.kill('SIGTERM'));
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return until(() => (out.includes('\n') ? out.slice(0, out.indexOf('\n')) : undefined), 'the first line');
}

describe('one engine for every output', () => {
  it('shows a recorded official reading in --json, --follow, the plain snapshot, /metrics and MCP alike', async () => {
    const env = await withReading();
    const json = JSON.parse((await runCli(['--json', ...ARGS], env)).stdout);
    expect(json.inForce.fiveHour).toEqual({
      source: 'official', usedPercent: 85, fraction: 0.85, resetsAt: '2026-02-12T21:00:00.000Z', limitAt: null, limitReached: false,
    });
    expect(JSON.parse(await firstLine(['--json', '--follow', ...ARGS], env)).inForce.fiveHour).toEqual(json.inForce.fiveHour);
    expect((await runCli([...ARGS], env)).stdout).toContain('85 %');

    const port = await freePort();
    const serve = startCli(['serve', '--metrics', `127.0.0.1:${port}`, ...ARGS], env);
    cleanups.push(() => serve.kill('SIGTERM'));
    // Scrapes during the start see the history loading; once today is in, the window is the reading's.
    const ratio = /\ncctop_window_used_ratio\{machine="[^"]+",plan="max",source="(\w+)"\} ([\d.]+)\n/;
    const loaded = () => fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text(), () => '').then((t) => (ratio.exec(t)?.[1] === 'official' ? t : undefined));
    expect(ratio.exec(await until(loaded, '/metrics with the window'))?.slice(1)).toEqual(['official', '0.85']);

    const transport = new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', CLI, 'mcp', ...ARGS], cwd: REPO, env: env as Record<string, string>, stderr: 'pipe' });
    const client = new Client({ name: 'cctop-engine-test', version: '1.0.0' });
    await client.connect(transport);
    cleanups.push(() => client.close());
    const status = (await client.callTool({ name: 'window_status', arguments: {} }) as CallToolResult).structuredContent as { fiveHour: Record<string, unknown> };
    expect(status.fiveHour).toMatchObject({ source: 'official', usedPercent: 85, leftPercent: 15, resetsAt: '2026-02-12T21:00:00.000Z' });
  }, 60_000);

  it.skipIf(!hasTmux())('shows the same reading on the screen', async () => {
    const env = await withReading();
    const tmux = privateTmux();
    cleanups.push(() => tmux.kill());
    tmux.start('engine', [process.execPath, '--import', 'tsx', CLI, ...ARGS, '--no-color'], { env, cwd: REPO, width: 80, height: 24 });
    await tmux.waitForScreen('engine', 'official █', 30_000);
    const screen = tmux.screen('engine');
    expect(screen).toMatch(/─ 5-hour window 16:00–21:00 ─+\nofficial █+░+ 85 %\n/);
    expect(screen).toContain('⚠ 85 % of the 5-hour window used · resets 21:00');
  }, 60_000);

  it('serve writes the alert log on its own clock, with nobody scraping', async () => {
    const env = await withReading();
    const log = join(env.HOME!, 'alerts.log');
    const port = await freePort();
    const serve = startCli(['serve', '--metrics', `127.0.0.1:${port}`, '--alert-log', log, ...ARGS], env);
    cleanups.push(() => serve.kill('SIGTERM'));
    const text = await until(() => (existsSync(log) ? readFileSync(log, 'utf8') || undefined : undefined), 'the alert log');
    expect(text).toBe('2026-02-12T20:40:00.000Z\twindow80\t85 % of the 5-hour window used · resets 21:00\n');
  }, 30_000);

  it('fires nothing again on a restart: one alert-log line after two runs', async () => {
    const env = await withReading();
    const log = join(env.HOME!, 'alerts.log');
    for (let run = 0; run < 2; run++) expect((await runCli(['--json', '--alert-log', log, ...ARGS], env)).code).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('2026-02-12T20:40:00.000Z\twindow80\t85 % of the 5-hour window used · resets 21:00\n');
  }, 30_000);
});

describe.skipIf(!existsSync('/usr/bin/script'))('--notify osc', () => {
  it('writes one OSC 9 notification when an alert fires, on the screen in a pseudo-terminal', async () => {
    const env = await withReading();
    const command = [process.execPath, '--import', 'tsx', CLI, ...ARGS, '--notify', 'osc'].map((a) => `'${a}'`).join(' ');
    const child = spawnChild('/usr/bin/script', ['-qfc', `stty cols 80 rows 24; exec ${command}`, '/dev/null'], {
      cwd: REPO, env: { ...env, TERM: 'xterm-256color' }, stdio: ['pipe', 'pipe', 'ignore'],
    });
    cleanups.push(() => child.kill('SIGKILL'));
    let raw = '';
    child.stdout!.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    const osc = '\u001b]9;cctop: 85 % of the 5-hour window used · resets 21:00\u0007';
    await until(() => (raw.includes(osc) ? true : undefined), 'the OSC 9 notification');
    // Quit, and read all the screen wrote: every frame drawn, and the notification once (once per alert
    // across ticks and restarts is the tracker's, tested in usage/alerts.test.ts).
    const closed = new Promise((done) => child.on('close', done));
    child.stdin!.end('q');
    await closed;
    expect(raw.split(osc).length - 1).toBe(1);
  }, 60_000);
});
