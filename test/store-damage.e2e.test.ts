import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, isolatedEnv, runCli } from './support/cli.js';
import { cellCount, leafPages, setCellCount } from './support/store-damage.js';

const NOW = '2026-02-11T12:00:00Z';
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A copy of the real fixtures and a home whose store holds them; then one project's logs are
 * deleted (as Claude Code does after 30 days), so that its 85 responses exist in the store alone,
 * and a run notes them as gone. Returns that run's report, the undamaged figures.
 */
async function storeOutlivingItsLogs() {
  const root = mkdtempSync(join(tmpdir(), 'cctop-damage-e2e-'));
  made.push(root);
  const logs = join(root, 'projects');
  cpSync(FIXTURES, logs, { recursive: true });
  const env = isolatedEnv({ XDG_DATA_HOME: join(root, 'data') });
  const json = () => runCli(['--json', '--dir', logs, '--now', NOW, '--tz', 'UTC', '--since', '2025-09-01'], env);
  expect((await json()).code).toBe(0);
  rmSync(join(logs, 'claude-code-viewer'), { recursive: true });
  const undamaged = await json();
  expect([undamaged.code, undamaged.stderr]).toEqual([0, '']);
  const store = join(root, 'data', 'cctop', 'history.sqlite');
  return { env, logs, json, store, figures: figures(undamaged.stdout) };
}

function figures(stdout: string) {
  const report = JSON.parse(stdout) as { month: { costUSD: number }; days: { date: string; costUSD: number; tokens: unknown; fromStore: boolean }[] };
  return { month: report.month.costUSD, days: report.days.map((d) => [d.date, d.costUSD, d.tokens, d.fromStore]) };
}

/** The time index's one leaf, which lists all 250 responses, made to claim a single cell, as in the issue. */
function damageTimeIndex(store: string): void {
  const leaves = leafPages(store, 'responses_by_time');
  expect([leaves.length, cellCount(store, leaves[0]!)]).toEqual([1, 250]);
  setCellCount(store, leaves[0]!, 1);
}

const MOVED = (store: string) => new RegExp(
  `^cctop: history store: ${store} could not be used \\(its indexes disagree: 1 response by time, 250 by key hash\\); ` +
  `moved it to ${store}\\.bad-\\d{4}-\\d\\d-\\d\\dT\\d{6}\\.\\d{3}Z and started a new one with the 250 responses that could still be read\\n$`);

describe('a store with a damaged index, through the CLI', () => {
  it('--json says so, moves the file aside and shows the undamaged figures, deleted logs included', async () => {
    const s = await storeOutlivingItsLogs();
    damageTimeIndex(s.store);
    const run = await s.json();
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(MOVED(s.store));
    expect(figures(run.stdout)).toEqual(s.figures);
    expect(readdirSync(join(s.store, '..')).filter((name) => /\.bad-.*Z$/.test(name))).toHaveLength(1);
    // The next run finds nothing to say.
    expect(await s.json()).toMatchObject({ code: 0, stderr: '' });
  });

  it('store rebuild recovers it too, then reads the logs still there', async () => {
    const s = await storeOutlivingItsLogs();
    damageTimeIndex(s.store);
    const rebuilt = await runCli(['store', 'rebuild', '--dir', s.logs], s.env);
    expect([rebuilt.code, rebuilt.stdout]).toEqual([0, 'rebuilt from 6 log files: 250 responses stored (250 before)\n']);
    expect(rebuilt.stderr).toMatch(MOVED(s.store));
    const run = await s.json();
    // A rebuild forgets every position, so the days of deleted logs are no longer marked fromStore.
    const unmarked = { ...s.figures, days: s.figures.days.map((d) => [...d.slice(0, 3), false]) };
    expect([run.code, run.stderr, figures(run.stdout)]).toEqual([0, '', unmarked]);
  });
});
