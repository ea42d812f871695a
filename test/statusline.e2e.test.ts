import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, isolatedEnv, REPO, runCli } from './support/cli.js';

const SAMPLE = readFileSync(join(REPO, 'fixtures', 'statusline', 'rate-limits-seconds.json'), 'utf8');
const NOW = '2026-03-02T12:00:00Z';

describe('cctop statusline (spawned)', () => {
  it('prints the line, records the reading, exits 0; --json then carries it as official', async () => {
    const env = isolatedEnv();
    const status = await runCli(['statusline', '--now', NOW], env, SAMPLE);
    expect(status).toMatchObject({ code: 0, stdout: '5h ███░░ 62 % ↻1h 12m · 7d 41 %\n' });
    const record = JSON.parse(readFileSync(join(env.XDG_STATE_HOME!, 'cctop', 'limits.jsonl'), 'utf8'));
    expect(record).toMatchObject({ at: Date.parse(NOW), fiveHour: { usedPercent: 62.4 }, sevenDay: { usedPercent: 41.2 } });

    const json = await runCli(['--json', '--dir', FIXTURES, '--since', '2026-02-01', '--now', '2026-03-02T12:05:00Z'], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).official.fiveHour).toMatchObject({
      usedPercent: 62.4, resetsAt: '2026-03-02T13:12:00.000Z', recordedAt: '2026-03-02T12:00:00.000Z', ageMs: 300_000, stale: false,
    });
  });

  it('prints the minimal line for garbage and exits 0', async () => {
    const status = await runCli(['statusline'], isolatedEnv(), '\u0000garbage');
    expect(status).toMatchObject({ code: 0, stdout: 'cctop\n' });
  });

  it('exits 0 with a line even when the config file is broken', async () => {
    const env = isolatedEnv();
    const status = await runCli(['statusline', '--config', join(env.HOME!, 'missing.json')], env, SAMPLE);
    expect(status.code).toBe(0);
    expect(status.stdout).toBe('cctop\n');
    expect(status.stderr).toContain('cannot read config file');
  });
});
