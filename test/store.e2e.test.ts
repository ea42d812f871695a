import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, isolatedEnv, runCli } from './support/cli.js';

const NOW = '2026-02-11T12:00:00Z';

/** A copy of the real fixtures (they can be deleted), and a home whose store starts empty. */
function setup() {
  const logs = join(mkdtempSync(join(tmpdir(), 'cctop-store-e2e-')), 'projects');
  cpSync(FIXTURES, logs, { recursive: true });
  const env = isolatedEnv({ XDG_DATA_HOME: mkdtempSync(join(tmpdir(), 'cctop-data-')) });
  const json = (...extra: string[]) => runCli(['--json', '--dir', logs, '--now', NOW, '--tz', 'UTC', '--since', '2025-09-01', ...extra], env);
  return { logs, env, json, store: join(env.XDG_DATA_HOME!, 'cctop', 'history.sqlite') };
}

describe('the history store through the CLI', () => {
  it('is written by a run (mode 0600), and store info tells what it holds', async () => {
    const { env, json, store } = setup();
    const first = await json();
    expect(first.code).toBe(0);
    expect(statSync(store).mode & 0o777).toBe(0o600);
    const info = await runCli(['store', 'info'], env);
    expect(info.code).toBe(0);
    // 250 API responses in the real fixtures (an independent count of the distinct message.id:requestId pairs).
    expect(info.stdout).toContain('responses  250 · 2025-09-03 to 2026-02-12 (UTC days)');
    expect(info.stdout).toContain('log files  9 with a stored position');
    expect(info.stdout).toContain('machines   local 250');
    expect(info.stdout).toContain('images     none yet (the next warm start leaves one)');
    expect((await json()).code).toBe(0);
    // The warm start's image: the quarter day at least an hour before --now.
    expect((await runCli(['store', 'info'], env)).stdout).toMatch(/^images {5}1 · \d+\.\d MiB · the newest to 2026-02-11 06:00 UTC \(warm starts\)$/m);
  });

  it('keeps the history when Claude Code deletes the logs: same totals, the days marked fromStore', async () => {
    const { logs, json } = setup();
    const before = JSON.parse((await json()).stdout);
    rmSync(join(logs, 'claude-code-viewer'), { recursive: true });
    const after = JSON.parse((await json()).stdout);
    expect(after.month.costUSD).toBe(before.month.costUSD);
    const days = (s: { days: { date: string; costUSD: number; fromStore: boolean }[] }) => s.days.map((d) => [d.date, d.fromStore]);
    expect(days(before).every(([, fromStore]) => fromStore === false)).toBe(true);
    expect(days(after).filter(([, fromStore]) => fromStore).length).toBeGreaterThan(0);
    expect(after.days.map((d: { costUSD: number }) => d.costUSD)).toEqual(before.days.map((d: { costUSD: number }) => d.costUSD));
  });

  it('exports every response as CSV and as JSON lines, prunes and rebuilds', async () => {
    const { env, json, logs } = setup();
    await json();
    const csv = await runCli(['store', 'export', '--csv'], env);
    const csvLines = csv.stdout.trimEnd().split('\n');
    expect(csvLines).toHaveLength(251);
    expect(csvLines[0]).toMatch(/^[a-z_]+(,[a-z_0-9]+)+$/);
    const nd = await runCli(['store', 'export', '--json'], env);
    const rows = nd.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(250);
    const beforeFeb = rows.filter((r: { time: string }) => r.time < '2026-01-01').length;
    const pruned = await runCli(['store', 'prune', '--before', '2026-01-01', '--tz', 'UTC'], env);
    expect(pruned.stdout).toBe(`pruned ${beforeFeb} responses before 2026-01-01 (UTC)\n`);
    const rebuilt = await runCli(['store', 'rebuild', '--dir', logs], env);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toBe(`rebuilt from 9 log files: 250 responses stored (${250 - beforeFeb} before)\n`);
  });

  it('--no-store leaves no file behind and gives the same numbers', async () => {
    const { json, store } = setup();
    const withStore = JSON.parse((await json()).stdout);
    rmSync(store, { force: true });
    rmSync(`${store}-wal`, { force: true });
    rmSync(`${store}-shm`, { force: true });
    const without = JSON.parse((await json('--no-store')).stdout);
    expect(existsSync(store)).toBe(false);
    expect(without.month.costUSD).toBe(withStore.month.costUSD);
    expect(without.days.length).toBe(withStore.days.length);
  });
});
