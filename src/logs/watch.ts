import { existsSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface WatchHandlers {
  /** A `*.jsonl` file was created or appended to. */
  onFile(path: string): void;
  /** A `*.jsonl` file was deleted. */
  onRemoved(path: string): void;
  /** A folder appeared under a projects folder (its files arrive as onFile). */
  onNotice(text: string): void;
}

export interface LogWatcher {
  close(): Promise<void>;
  /** True once the watcher fell back to polling. */
  readonly polling: boolean;
}

const POLL_INTERVAL_MS = 1000;
const LIMIT_ERRORS = new Set(['ENOSPC', 'EMFILE', 'ENFILE']);

/**
 * Watches the projects folders for appended and new `*.jsonl` files, at any depth. A folder
 * that does not exist yet is watched from its nearest existing ancestor, so a root created
 * after start is picked up. When the OS runs out of watches (inotify limit) it falls back to
 * polling and says so.
 */
export function watchLogs(dirs: readonly string[], handlers: WatchHandlers, opts: { forcePolling?: boolean } = {}): LogWatcher {
  let watcher: FSWatcher;
  let polling = opts.forcePolling ?? false;
  const start = () => {
    watcher = watch(dirs.map(nearestExisting), {
      ignoreInitial: true,
      ignored: (path, stats) => isIgnored(dirs, path, stats?.isFile() ?? false),
      usePolling: polling,
      interval: POLL_INTERVAL_MS,
      binaryInterval: POLL_INTERVAL_MS,
      atomic: false,
    });
    watcher.on('add', handlers.onFile).on('change', handlers.onFile).on('unlink', handlers.onRemoved);
    watcher.on('error', (err) => onError(err as NodeJS.ErrnoException));
  };
  const onError = (err: NodeJS.ErrnoException) => {
    if (!polling && err.code && LIMIT_ERRORS.has(err.code)) {
      polling = true;
      handlers.onNotice(`file watching limit reached (${err.code}): polling every ${POLL_INTERVAL_MS / 1000}s instead`);
      void watcher.close().then(start);
      return;
    }
    handlers.onNotice(`watcher: ${err.message}`);
  };
  start();
  return {
    close: () => watcher.close(),
    get polling() {
      return polling;
    },
  };
}

function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/** Keeps the projects folders, everything below them but non-`.jsonl` files, and the folders on the way to them. */
export function isIgnored(dirs: readonly string[], path: string, isFile: boolean): boolean {
  for (const dir of dirs) {
    if (path === dir || path.startsWith(dir + sep)) return isFile && !path.endsWith('.jsonl');
    if (dir.startsWith(path + sep) || path === sep) return false;
  }
  return true;
}
