import { appendFileSync, linkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, runCli } from './support/cli.js';
import { tempRoot } from './support/logs.js';

// Two Sonnet 4.5 responses without message.id or requestId (older Claude Code, some tools):
// 1,000 in + 500 out, then 2,000 in + 1,000 out = 4,500 tokens; 3,000 × $3 + 1,500 × $15 per
// million = $0.0315.
const idless = (time: string, input: number, output: number) => `${JSON.stringify({
  type: 'assistant', timestamp: time, sessionId: 's1', cwd: '/home/me/src/app',
  message: { model: 'claude-sonnet-4-5-20250929', usage: { input_tokens: input, output_tokens: output } },
})}\n`;

async function totals(args: string[]): Promise<{ tokens: number; cost: number }> {
  const { code, stdout, stderr } = await runCli(['--json', '--tz', 'UTC', '--now', '2026-11-25T12:00:00Z', '--since', '2026-11-01', ...args], isolatedEnv());
  expect([code, stderr]).toEqual([0, '']);
  const day = JSON.parse(stdout).days.find((d: { date: string }) => d.date === '2026-11-25');
  return { tokens: day.tokens.total, cost: Math.round(day.costUSD * 1e6) / 1e6 };
}

describe('lines without ids', () => {
  it('count once when the file has a second, hard-linked name (keyed by device and inode, not by path)', async () => {
    const { root, file } = tempRoot();
    appendFileSync(file, idless('2026-11-25T10:00:00Z', 1000, 500) + idless('2026-11-25T10:05:00Z', 2000, 1000));
    linkSync(file, join(root, 'projects', '-home-me-src-app', 'hard-link.jsonl'));
    expect(await totals(['--dir', root, '--no-store'])).toEqual({ tokens: 4500, cost: 0.0315 });
    const store = join(root, 'history.sqlite');
    expect(await totals(['--dir', root, '--store', store])).toEqual({ tokens: 4500, cost: 0.0315 });
    // Warm, after a rebuild that read both names again.
    const rebuilt = await runCli(['store', 'rebuild', '--dir', root, '--store', store], isolatedEnv());
    expect(rebuilt.code).toBe(0);
    expect(await totals(['--dir', root, '--store', store])).toEqual({ tokens: 4500, cost: 0.0315 });
  });
});

describe('a response dated impossibly far ahead', () => {
  it('is a bad line and never reaches the store, whatever clock the report runs on', async () => {
    const { root, file } = tempRoot();
    const ahead = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const today = new Date(Date.now() - 60_000).toISOString();
    appendFileSync(file, idless(today, 1000, 500) + idless(ahead, 2000, 1000));
    const store = join(root, 'history.sqlite');
    const env = isolatedEnv();
    // A report at a fixed clock a week later would count the line: it is the machine's clock that rules it out.
    const weekLater = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const { stdout } = await runCli(['--json', '--dir', root, '--store', store, '--now', weekLater], env);
    const { diagnostics } = JSON.parse(stdout);
    expect(diagnostics.badLines).toBe(1);
    expect(diagnostics.files[0].samples).toEqual([`timestamp a day or more ahead of this machine's clock: ${ahead}`]);
    const info = await runCli(['store', 'info', '--store', store], env);
    expect(info.stdout).toContain(`responses  1 · ${today.slice(0, 10)} to ${today.slice(0, 10)} (UTC days)`);
  });
});
