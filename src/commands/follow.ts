import { untilSignal } from '../engine/io.js';
import type { ChangeCause } from '../engine/monitor.js';
import type { Pipeline } from '../engine/pipeline.js';
import { snapshotJson } from '../snapshot/snapshot.js';

/**
 * Time-driven lines of `--follow`: a snapshot of a long history is 0.5–1 MB, and writing one
 * every second kept an idle process at ~3 % of a core.
 */
const FOLLOW_TICK_MS = 5000;

/**
 * One compact JSON snapshot per line: the first as soon as today and the active window are
 * read (`loading.done` false while older history fills in), then at once on every change and
 * every 5 s otherwise (countdowns, decaying rates). Changes that arrive together (a burst of
 * appends, or while the last line is still being written to a slow reader) make one line.
 */
export async function follow(p: Pipeline): Promise<number> {
  const { monitor } = p;
  let last = '';
  let lastAt = 0;
  let queued = false;
  const emit = () => {
    queued = false;
    const line = snapshotJson(monitor.metrics(), false);
    if (line !== last) process.stdout.write(line + '\n');
    last = line;
    lastAt = performance.now();
  };
  // A line still being written waits for its reader: the next one is made once it is out.
  const emitSoon = (cause: ChangeCause) => {
    if (queued || (cause === 'clock' && performance.now() - lastAt < FOLLOW_TICK_MS)) return;
    queued = true;
    if (process.stdout.writableNeedDrain) process.stdout.once('drain', () => setImmediate(emit));
    else setImmediate(emit);
  };
  // Listening before the backfill: a SIGINT right after the first line still ends with status 0.
  const signalled = untilSignal();
  void p.live({
    onFirstFrame: () => {
      p.warn();
      emit();
      monitor.subscribe(emitSoon);
    },
  });
  await signalled;
  await p.close();
  return 0;
}
