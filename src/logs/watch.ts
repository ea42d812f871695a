import { DirTreeWatch, type ListedFile } from './dir-watch.js';
import { PollWatch, type PollOptions } from './poll-watch.js';
import { pollingNotice, readMaxUserWatches } from './watch-limit.js';

export interface WatchHandlers {
  /** A `*.jsonl` file was created or appended to. */
  onFile(path: string): void;
  /** A `*.jsonl` file was deleted. */
  onRemoved(path: string): void;
  /** Something the user should know about watching (e.g. it fell back to polling). */
  onNotice(text: string): void;
}

export interface LogWatcher {
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Poll from the start instead of OS file events. */
  forcePolling?: boolean;
  /** The files as listed before: what changed since is reported as if it happened now. */
  baseline?: readonly ListedFile[];
  /** The polling fallback's timer and clock (fake ones in tests). */
  poll?: PollOptions;
  /** The inotify watch limit, named in the notice (read from /proc unless given). */
  maxUserWatches?: () => number | null;
}

/**
 * Watches the projects folders for appended and new `*.jsonl` files, at any depth, with one
 * OS watch per folder. A folder that does not exist yet is watched from its nearest existing
 * ancestor, so a root created after start is picked up. When the OS runs out of watches
 * (inotify limit) it falls back to polling and says so, with the fix. Started after a listing, it
 * takes that listing as its `baseline` and reports what changed in between (set up first, its
 * watches would delay the first frame); so does the fallback, so that nothing in the folders the
 * OS would not watch is missed.
 */
export function watchLogs(dirs: readonly string[], handlers: WatchHandlers, opts: WatchOptions = {}): LogWatcher {
  let polling = opts.forcePolling ?? false;
  const events = { file: handlers.onFile, removed: handlers.onRemoved };
  const poller = new PollWatch(dirs, events, opts.poll);
  const native = new DirTreeWatch(dirs, {
    // Once polling, the poller reports all since the baseline: the native watcher's last words would repeat it.
    file: (path) => polling || handlers.onFile(path),
    removed: (path) => polling || handlers.onRemoved(path),
    failed: (err) => {
      if (polling) return;
      polling = true;
      handlers.onNotice(pollingNotice(err.code, (opts.maxUserWatches ?? readMaxUserWatches)()));
      // Switch after the native watcher's current call stack unwinds.
      setImmediate(() => {
        native.close();
        poller.start(opts.baseline);
      });
    },
  });
  if (polling) poller.start(opts.baseline);
  else native.start(opts.baseline);
  return {
    close: async () => {
      native.close();
      poller.close();
    },
  };
}
