import { basename, join } from 'node:path';
import { watchLogs, type LogWatcher } from '../logs/watch.js';
import type { DiagnosticsCollector } from './diagnostics.js';
import type { LogReader } from './reader.js';

/** The monitor's log watching: every append read at once from its last offset, deleted files forgotten. */

export interface LogFollowOptions {
  reader: LogReader;
  diagnostics: DiagnosticsCollector;
  /** The projects folders found. */
  dirs: readonly string[];
  /** Something read or noticed changed what is shown. */
  onChange(): void;
  /** Poll instead of OS file events. */
  forcePolling?: boolean;
}

/**
 * Watches the projects folders, and where the missing roots' folders would appear. Started after
 * the listing, it reports what changed since the reader listed the files (its baseline).
 */
export function followLogs({ reader, diagnostics, dirs, onChange, forcePolling }: LogFollowOptions): LogWatcher {
  const missing = diagnostics.missingRoots().map((path) => (basename(path) === 'projects' ? path : join(path, 'projects')));
  return watchLogs([...dirs, ...missing], {
    onFile: (path) => void reader.readFile(path).then(() => onChange()),
    onRemoved: (path) => {
      reader.forget(path);
      onChange();
    },
    onNotice: (text) => {
      diagnostics.notice(text);
      onChange();
    },
  }, { forcePolling, baseline: reader.listedFiles });
}
