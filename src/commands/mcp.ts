import { runMcpStdio } from '../mcp/index.js';
import type { Pipeline } from '../engine/pipeline.js';
import { toSnapshot } from '../snapshot/snapshot.js';

/**
 * `cctop mcp`: the monitor with no screen, answering an agent's read-only questions over stdio
 * (stdout carries only the protocol). Returns when the client closes stdin.
 */
export async function mcp(p: Pipeline): Promise<number> {
  // Questions are answered once the current window and today are read (older history fills in after).
  let firstFrame: () => void = () => {};
  const ready = new Promise<void>((resolve) => (firstFrame = resolve));
  const loading = p.live({ onFirstFrame: () => firstFrame() });
  await Promise.race([ready, loading]);
  const session = await runMcpStdio(() => toSnapshot(p.monitor.metrics()));
  await session.closed;
  await Promise.allSettled([loading, p.close()]);
  return 0;
}
