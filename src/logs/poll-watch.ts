import type { ListedFile, TreeEvents } from './dir-watch.js';
import { PolledTree } from './poll-tree.js';
import { nextPollDelay, POLL_MIN_MS } from './poll-timing.js';

/** When the next look happens: `after` runs `look` once, later; it returns the way to cancel it. */
export interface PollTimer {
  after(ms: number, look: () => void): () => void;
}

/** The timer and clock of the polling fallback (fake ones in tests). */
export interface PollOptions {
  timer?: PollTimer;
  /** The wall clock, which file-system times are compared with. */
  now?: () => number;
}

const realTimer: PollTimer = {
  after: (ms, look) => {
    const timer = setTimeout(look, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * The fallback when the OS has no watches left: looks at the trees (poll-tree.ts) 1 s after a
 * change, then less and less often while nothing changes (poll-timing.ts), up to every 10 s.
 */
export class PollWatch {
  private readonly tree: PolledTree;
  private readonly timer: PollTimer;
  private cancel: (() => void) | null = null;
  private delayMs = POLL_MIN_MS;
  private closed = false;

  constructor(roots: readonly string[], events: Pick<TreeEvents, 'file' | 'removed'>, opts: PollOptions = {}) {
    this.tree = new PolledTree(roots, events, opts.now ?? Date.now);
    this.timer = opts.timer ?? realTimer;
  }

  /** Starts polling; with a `baseline` (the files as listed before), reports at once what changed since. */
  start(baseline?: readonly ListedFile[]): void {
    this.tree.start(baseline);
    this.schedule();
  }

  close(): void {
    this.closed = true;
    this.cancel?.();
    this.cancel = null;
  }

  private schedule(): void {
    if (!this.closed) this.cancel = this.timer.after(this.delayMs, () => this.poll());
  }

  private poll(): void {
    let reported = 0;
    try {
      reported = this.tree.look();
    } finally {
      this.delayMs = nextPollDelay(this.delayMs, reported > 0);
      this.schedule();
    }
  }
}
