import { untilSignal } from '../engine/io.js';
import type { Pipeline } from '../engine/pipeline.js';
import { FollowLines, HEARTBEAT_MS, type FollowTimer, type LineSink } from './follow-lines.js';

/**
 * `--json --follow`: the first snapshot as soon as today and the active window are read
 * (`loading.done` false while older history fills in), then one whenever a figure changed (at
 * most one per 100 ms), and a heartbeat after 5 s without a line (see FollowLines).
 */
export async function follow(p: Pipeline): Promise<number> {
  const { monitor } = p;
  const lines = new FollowLines({
    source: { metrics: () => monitor.metrics(), pulse: () => ({ now: monitor.now(), lastEventAt: monitor.ingest.store.lastEventAt }) },
    sink: STDOUT,
    timer: REAL_TIME,
  });
  // Listening before the backfill: a SIGINT right after the first line still ends with status 0.
  const signalled = untilSignal();
  void p.live({
    // The lines look at the clock once a heartbeat period (FollowLines): a tick every second would
    // compute the whole figures each second for alerts alone, ~1 % of a core at 2 GiB of history.
    clockMs: HEARTBEAT_MS,
    onFirstFrame: () => {
      p.warn();
      lines.start();
      monitor.subscribe(lines.changed);
      // The watches and the rest of the history wait for the first line to be out (a pipe
      // takes it 64 KB at a time, and a 1.5 MB snapshot otherwise trickled out behind them).
      return lines.flushed(FIRST_LINE_WAIT_MS);
    },
  });
  await signalled;
  lines.close();
  await p.close();
  return 0;
}

/** How long the start waits for a reader that does not take the first line. */
const FIRST_LINE_WAIT_MS = 1000;

const STDOUT: LineSink = {
  write: (text) => process.stdout.write(text),
  onceDrained: (fn) => process.stdout.once('drain', fn),
};

const REAL_TIME: FollowTimer = {
  now: () => performance.now(),
  after: (ms, fn) => {
    if (ms <= 0) {
      const immediate = setImmediate(fn);
      return () => clearImmediate(immediate);
    }
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};
