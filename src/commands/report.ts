import { writeOut } from '../engine/io.js';
import type { Pipeline } from '../engine/pipeline.js';
import { snapshotJsonPieces } from '../snapshot/snapshot.js';

/** Characters per write of a report written in pieces: one write a piece would be thousands of syscalls. */
const WRITE_CHARS = 64 * 1024;

/** `cctop --json`: one snapshot of the whole history as JSON. */
export function json(p: Pipeline): Promise<number> {
  return once(p, (m) => snapshotJsonPieces(m));
}

/**
 * One snapshot of the whole history, then exit: every problem it carries also said on stderr.
 * Status 1 when a remote could not be read (the snapshot lacks a machine that was asked for).
 */
async function once(p: Pipeline, render: (m: ReturnType<Pipeline['monitor']['metrics']>) => Iterable<string>): Promise<number> {
  await p.readOfficial();
  await p.monitor.load();
  await p.monitor.remotesSynced();
  p.monitor.checkAlerts();
  const metrics = p.monitor.metrics();
  p.warn();
  await writePieces(render(metrics));
  await p.close();
  return metrics.machines.some((m) => m.state === 'failed') ? 1 : 0;
}

/** The plain snapshot for a pipe; with no logs at all nothing but the reason, status 1 (the demo is for the screen). */
export async function plain(p: Pipeline): Promise<number> {
  if (p.noLogs) {
    process.stderr.write(`cctop: ${p.noLogsMessage}, or --demo for made-up usage\n`);
    await p.close();
    return 1;
  }
  const { renderPlainText } = await import('../ui/views/plain-text.js');
  return once(p, (m) => [renderPlainText(m, process.stdout.columns || 80)]);
}

/** `pieces` and a line break, in writes of about WRITE_CHARS. */
async function writePieces(pieces: Iterable<string>): Promise<void> {
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length < WRITE_CHARS) continue;
    await writeOut(batch);
    batch = '';
  }
  await writeOut(`${batch}\n`);
}

