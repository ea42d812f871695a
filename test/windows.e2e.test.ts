import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, isolatedEnv, REPO, runCli } from './support/cli.js';

const SAMPLE = JSON.parse(readFileSync(join(REPO, 'fixtures', 'statusline', 'rate-limits-seconds.json'), 'utf8')) as Record<string, unknown>;
const WEEK_RESET = 1772701200; // 2026-03-05T09:00:00Z

/** A statusline input as an Ultra account's would be: no five_hour; a per-model weekly bucket as Claude Code may send one day. */
function ultraInput(weekly: number, opus: number): string {
  return JSON.stringify({
    ...SAMPLE,
    rate_limits: { seven_day: { used_percentage: weekly, resets_at: WEEK_RESET }, seven_day_opus: { used_percentage: opus, resets_at: WEEK_RESET } },
  });
}

const REPORT = ['--json', '--dir', FIXTURES, '--since', '2026-02-01', '--now', '2026-03-02T12:05:00Z'];

describe('an Ultra account\'s readings, end to end', () => {
  it('weekly first, every key kept by name, and the windows outlive limits.jsonl (kept by the store)', async () => {
    const env = isolatedEnv();
    expect((await runCli(['statusline', '--now', '2026-03-02T11:00:00Z'], env, ultraInput(20, 30))).stdout).toBe('7d █░░░░ 20 % ↻2d 22h · opus 30 %\n');
    await runCli(['statusline', '--now', '2026-03-02T12:00:00Z'], env, ultraInput(26.5, 33));

    const first = JSON.parse((await runCli(REPORT, env)).stdout);
    // The default plan is Max; the reading decides: no five_hour, so no 5-hour window.
    expect(first.plan).toMatchObject({ name: 'max', label: 'Max', windows: ['seven_day', 'seven_day_opus'] });
    expect(Object.keys(first.official.windows)).toEqual(['seven_day', 'seven_day_opus']);
    expect(first.official.windows.seven_day).toEqual({
      usedPercent: 26.5, resetsAt: '2026-03-05T09:00:00.000Z', recordedAt: '2026-03-02T12:00:00.000Z', ageMs: 300_000, stale: false,
    });
    expect(first.windows.map((w: { key: string; firstPercent: number; lastPercent: number; peakPercent: number; start: string }) =>
      [w.key, w.start, w.firstPercent, w.lastPercent, w.peakPercent])).toEqual([
      ['seven_day', '2026-02-26T09:00:00.000Z', 20, 26.5, 26.5],
      ['seven_day_opus', '2026-02-26T09:00:00.000Z', 30, 33, 33],
    ]);

    rmSync(join(env.XDG_STATE_HOME!, 'cctop', 'limits.jsonl'));
    const second = JSON.parse((await runCli(REPORT, env)).stdout);
    expect(second.windows).toEqual(first.windows);
    expect(second.plan.windows).toEqual(['seven_day', 'seven_day_opus']);
  });

  it('--plan max5 and max20 still work, as max and ultra', async () => {
    const env = isolatedEnv();
    const max5 = JSON.parse((await runCli([...REPORT, '--plan', 'max5', '--no-store'], env)).stdout);
    expect(max5.plan).toMatchObject({ name: 'max', label: 'Max', feeUSD: 100, windows: ['five_hour', 'seven_day'] });
    const max20 = JSON.parse((await runCli([...REPORT, '--plan', 'max20', '--no-store'], env)).stdout);
    expect(max20.plan).toMatchObject({ name: 'ultra', label: 'Ultra', feeUSD: 200, windows: ['seven_day'] });
  });
});
