import { DirTreeWatch, type ListedFile } from './dir-watch.js';
import { PollWatch } from './poll-watch.js';

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

const POLL_INTERVAL_MS = 1000;

/**
 * Watches the projects folders for appended and new `*.jsonl` files, at any depth, with one
 * OS watch per folder. A folder that does not exist yet is watched from its nearest existing
 * ancestor, so a root created after start is picked up. When the OS runs out of watches
 * (inotify limit) it falls back to polling and says so. Started after a listing, it takes that
 * listing as its `baseline` and reports what changed in between (set up first, its watches
 * would delay the first frame).
 */
export function watchLogs(dirs: readonly string[], handlers: WatchHandlers, opts: { forcePolling?: boolean; baseline?: readonly ListedFile[] } = {}): LogWatcher {
  let polling = opts.forcePolling ?? false;
  const events = { file: handlers.onFile, removed: handlers.onRemoved };
  const poller = new PollWatch(dirs, events, POLL_INTERVAL_MS);
  const native = new DirTreeWatch(dirs, {
    ...events,
    failed: (err) => {
      if (polling) return;
      polling = true;
      handlers.onNotice(`file watching limit reached (${err.code}): polling every ${POLL_INTERVAL_MS / 1000}s instead`);
      // Switch after the native watcher's current call stack unwinds.
      setImmediate(() => {
        native.close();
        poller.start();
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
