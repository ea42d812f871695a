import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { responseLines } from '../../src/demo/lines.js';

/**
 * A Claude config folder with `count` one-response sessions in one project, a second apart before
 * `end`, all active: the `--json` snapshot and the plain one list each, so both are far larger
 * than a pipe's buffer.
 */
export function manySessionsRoot(count: number, end: number): string {
  const root = mkdtempSync(join(tmpdir(), 'cctop-many-'));
  const project = join(root, 'projects', '-home-me-src-app');
  mkdirSync(project, { recursive: true });
  for (let i = 0; i < count; i++) {
    const lines = responseLines({
      sessionId: `session-${i}`, cwd: '/home/me/src/app', model: 'claude-sonnet-4-5-20250929', time: end - (i + 1) * 1000,
      messageId: `msg_${i}`, requestId: `req_${i}`, input: 1000, output: 2000, cacheWrite: 0, cacheRead: 0, blocks: 1,
    });
    writeFileSync(join(project, `session-${i}.jsonl`), lines.join(''));
  }
  return root;
}
