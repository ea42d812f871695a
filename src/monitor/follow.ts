import type { Options } from '../settings/options.js';
import { untilSignal } from './io.js';
import type { Pipeline } from './pipeline.js';
import { connectOfficial } from './official-feed.js';
import { snapshotJson } from './snapshot.js';

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
export async function follow(p: Pipeline, options: Options): Promise<number> {
  const { monitor } = p;
  const official = p.officialDir ? await connectOfficial(monitor, p.officialDir, { burnCache: options.now === null }) : null;
  let last = '';
  let queued = false;
  const emit = () => {
    queued = false;
    const line = snapshotJson(monitor.metrics(), false);
    if (line !== last) process.stdout.write(line + '\n');
    last = line;
  };
  // A line still being written waits for its reader: the next one is made once it is out.
  const emitSoon = () => {
    if (queued) return;
    queued = true;
    if (process.stdout.writableNeedDrain) process.stdout.once('drain', () => setImmediate(emit));
    else setImmediate(emit);
  };
  const timer = setInterval(() => monitor.tick(), FOLLOW_TICK_MS);
  // Listening before the backfill: a SIGINT right after the first line still ends with status 0.
  const signalled = untilSignal();
  await monitor.load({
    watch: true,
    onFirstFrame: () => {
      p.warn();
      emit();
      monitor.subscribe(emitSoon);
      official?.startBurnCache();
    },
  });
  await signalled;
  clearInterval(timer);
  await Promise.allSettled([p.close(), official?.close()]);
  return 0;
}
