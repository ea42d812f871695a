import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, isolatedEnv, runCli } from './support/cli.js';

interface Day {
  date: string;
  tokens: { input: number; output: number; cacheCreation: number; cacheRead: number; total: number };
  costUSD: number;
}

const BASE = ['--json', '--dir', FIXTURES, '--since', '2025-09-01', '--now', '2026-11-25T12:00:00Z'];

// Expected per-day sums over fixtures/real computed independently (a Python script over the
// raw files: one count per message.id:requestId keeping each field's largest value, agent_progress
// copies included, priced per token kind with the 1h cache-write split and the 200k tier).
const UTC_DAYS = [
  ['2025-09-03', 911, 52886, 150674, 3751073, 2.4863724],
  ['2025-09-07', 129, 3629, 47747, 324259, 0.33115095],
  ['2026-02-10', 1876, 1846, 111096, 1080233, 1.0538701],
  ['2026-02-12', 56, 144, 79938, 768986, 0.5875458],
] as const;

function simplify(days: Day[]) {
  return days.map((d) => [d.date, d.tokens.input, d.tokens.output, d.tokens.cacheCreation, d.tokens.cacheRead, Number(d.costUSD.toFixed(8))]);
}

describe('cctop --json over real transcripts', () => {
  it('prints exact per-day token sums and API-equivalent costs', async () => {
    const { code, stdout } = await runCli([...BASE, '--tz', 'UTC']);
    expect(code).toBe(0);
    const snapshot = JSON.parse(stdout);
    expect(simplify(snapshot.days)).toEqual(UTC_DAYS);
    for (const d of snapshot.days as Day[]) {
      expect(d.tokens.total).toBe(d.tokens.input + d.tokens.output + d.tokens.cacheCreation + d.tokens.cacheRead);
    }
    expect(snapshot.diagnostics.filesRead).toBe(9);
    expect(snapshot.diagnostics.badLines).toBe(0);
    expect(snapshot.diagnostics.unpricedModels).toEqual([]);
    expect(snapshot.activeBlock).toBeNull();
    expect(snapshot.now).toBe('2026-11-25T12:00:00.000Z');
  });

  it('puts days in the --tz zone', async () => {
    const { stdout } = await runCli([...BASE, '--tz', 'Asia/Tokyo']);
    const dates = JSON.parse(stdout).days.map((d: Day) => d.date);
    // The February sessions ran after 15:00 UTC: the next day in Tokyo (UTC+9).
    expect(dates).toEqual(['2025-09-03', '2025-09-07', '2026-02-11', '2026-02-13']);
  });

  it('reads only history since --since', async () => {
    const { stdout } = await runCli(['--json', '--dir', FIXTURES, '--since', '2026-01-01', '--now', '2026-11-25T12:00:00Z', '--tz', 'UTC']);
    expect(JSON.parse(stdout).days.map((d: Day) => d.date)).toEqual(['2026-02-10', '2026-02-12']);
  });

  it('names a missing root and still reads the others', async () => {
    const { code, stdout } = await runCli([...BASE, '--tz', 'UTC', '--dir', '/nonexistent/cctop-root']);
    expect(code).toBe(0);
    const snapshot = JSON.parse(stdout);
    expect(snapshot.diagnostics.unreadableRoots).toEqual([{ path: '/nonexistent/cctop-root', reason: expect.stringContaining('does not exist') }]);
    expect(snapshot.days).toHaveLength(4);
  });

  it('exits 2 naming the field of a bad config file, before anything starts', async () => {
    const env = isolatedEnv();
    const file = join(env.HOME!, 'config.json');
    writeFileSync(file, JSON.stringify({ plan: 'max5', windowLimit: 'lots' }));
    const { code, stdout, stderr } = await runCli(['--config', file], env);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`invalid config file ${file}`);
    expect(stderr).toContain('windowLimit');
  });

  it('exits 2 with a clear message on a bad flag value', async () => {
    const { code, stderr } = await runCli(['--json', '--plan', 'platinum']);
    expect(code).toBe(2);
    expect(stderr).toContain('--plan: bad value "platinum"');
  });

  it('names a state file it cannot read in its diagnostics, and still prints the numbers', async () => {
    const env = isolatedEnv();
    mkdirSync(join(env.XDG_STATE_HOME!, 'cctop', 'limits.jsonl'), { recursive: true });
    const { code, stdout } = await runCli([...BASE, '--tz', 'UTC', '--no-store'], env);
    expect(code).toBe(0);
    const snapshot = JSON.parse(stdout);
    expect(snapshot.diagnostics.notices).toEqual(['official readings (limits.jsonl): is a folder']);
    expect(simplify(snapshot.days)).toEqual(UTC_DAYS);
  });
});
