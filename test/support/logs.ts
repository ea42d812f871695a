import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { responseLines } from '../../src/demo/lines.js';

/** A fresh Claude config folder with one project folder; returns the root and a session file path. */
export function tempRoot(): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'cctop-root-'));
  const project = join(root, 'projects', '-home-me-src-app');
  mkdirSync(project, { recursive: true });
  return { root, file: join(project, 'session-1.jsonl') };
}

/**
 * Appends one Sonnet 4.5 response (2 streamed lines): 1,000 in, 2,000 out, 10,000 cache-write
 * (1h), 100,000 cache-read = 113,000 tokens; 1000×$3 + 2000×$15 + 10000×$6 + 100000×$0.30
 * per million = $0.123.
 */
export function appendResponse(file: string, n: number, time: number): void {
  const lines = responseLines({
    sessionId: 'session-1', cwd: '/home/me/src/app', model: 'claude-sonnet-4-5-20250929', time,
    messageId: `msg_${n}`, requestId: `req_${n}`, input: 1000, output: 2000, cacheWrite: 10_000, cacheRead: 100_000, blocks: 2,
  });
  appendFileSync(file, lines.join(''));
}
