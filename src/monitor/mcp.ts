import { runMcpStdio } from '../mcp/index.js';
import type { Monitor } from './monitor.js';
import { toSnapshot } from './snapshot.js';

/**
 * `cctop mcp`: the monitor with no screen, answering an agent's read-only questions over stdio
 * (stdout carries only the protocol). Returns when the client closes stdin.
 */
export async function runMcp(monitor: Monitor): Promise<void> {
  // Questions are answered once the current window and today are read (older history fills in after).
  let firstFrame: () => void = () => {};
  const ready = new Promise<void>((resolve) => (firstFrame = resolve));
  const loading = monitor.load({ watch: true, onFirstFrame: () => firstFrame() });
  await Promise.race([ready, loading]);
  const session = await runMcpStdio(() => toSnapshot(monitor.metrics()));
  await session.closed;
  await Promise.allSettled([loading, monitor.close()]);
}
