import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedEnv, type Launcher } from './cctop.js';
import { percentile } from './stats.js';

/** Runs `cctop statusline` the way Claude Code does after each response, and `node -e 0` for scale. */
export function statuslineLatency(l: Launcher, repo: string, home: string, runs = 30): { p50: number; p95: number; nodeP50: number; line: string } {
  // No log folder to name: the statusline reads its input and cctop's state folder (temporary here).
  const env = isolatedEnv(home);
  const input = readFileSync(join(repo, 'fixtures', 'statusline', 'rate-limits-seconds.json'));
  const times: number[] = [];
  let line = '';
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const result = spawnSync(l.cmd, [...l.args, 'statusline'], { input, env });
    times.push(performance.now() - t);
    line = result.stdout.toString().trim();
  }
  const node: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    node.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), nodeP50: percentile(node, 50), line };
}
