import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Launcher } from './cctop.js';
import { percentile } from './stats.js';

/** Runs `cctop statusline` the way Claude Code does after each response, and `node -e 0` for scale. */
export function statuslineLatency(l: Launcher, repo: string, home: string, runs = 30): { p50: number; p95: number; nodeP50: number; line: string } {
  const env = { PATH: process.env.PATH, HOME: home, XDG_STATE_HOME: join(home, 'state'), NO_COLOR: '1' };
  mkdirSync(env.XDG_STATE_HOME, { recursive: true });
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
