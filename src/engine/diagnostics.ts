import { sanitize } from '../logs/sanitize.js';
import type { Diagnostics, FileDiagnostics } from './types.js';

const MAX_SAMPLES = 5;

/**
 * Collects what went wrong while reading, for the footer, the `d` view and `--json`. Paths are
 * kept raw inside (they are keys: `readable` and the watcher look them up); every string of a
 * `snapshot` is sanitised, since file names and fs messages come from disk.
 */
export class DiagnosticsCollector {
  private files = new Map<string, FileDiagnostics>();
  /** Complete lines read per file, so a problem found later knows its file's line count. */
  private readonly linesPerFile = new Map<string, number>();
  private afterClock = 0;
  private linesRead = 0;
  private readonly unreadableRoots = new Map<string, string>();
  private readonly unreadableFiles = new Map<string, string>();
  private readonly notices: string[] = [];

  addLines(file: string, lines: number, badLines: number, samples: readonly string[]): void {
    this.linesRead += lines;
    const total = (this.linesPerFile.get(file) ?? 0) + lines;
    this.linesPerFile.set(file, total);
    const known = this.files.get(file);
    if (known) known.lines = total;
    if (badLines === 0) return;
    const entry = known ?? { file, lines: total, badLines: 0, samples: [] };
    entry.badLines += badLines;
    for (const s of samples) if (entry.samples.length < MAX_SAMPLES) entry.samples.push(s);
    this.files.set(file, entry);
  }

  /** One file's bad lines so far and the first of them quoted (kept with its stored position); null when none. */
  badOf(file: string): { lines: number; samples: string[] } | null {
    const entry = this.files.get(file);
    return entry ? { lines: entry.badLines, samples: [...entry.samples] } : null;
  }

  /** Adds one bad line found after parsing (e.g. a timestamp in the future). */
  addBadLine(file: string, reason: string): void {
    this.addLines(file, 0, 1, [reason]);
  }

  /** A response dated after a report's fixed clock (`--now`): not counted, and not a bad line. */
  addAfterClock(): void {
    this.afterClock++;
  }

  unreadableRoot(path: string, reason: string): void {
    this.unreadableRoots.set(path, reason);
  }

  unreadableFile(path: string, reason: string): void {
    this.unreadableFiles.set(path, reason);
  }

  /** A file read fine again (e.g. permissions fixed). */
  readable(path: string): void {
    this.unreadableFiles.delete(path);
  }

  /** The roots that could not be read, as given (to watch for them to appear). */
  missingRoots(): string[] {
    return [...this.unreadableRoots.keys()];
  }

  notice(text: string): void {
    if (!this.notices.includes(text)) this.notices.push(text);
  }

  snapshot(): Diagnostics {
    const files = [...this.files.values()];
    return {
      filesRead: this.linesPerFile.size,
      linesRead: this.linesRead,
      badLines: files.reduce((a, f) => a + f.badLines, 0),
      files: files.map((f) => ({ ...f, file: sanitize(f.file), samples: f.samples.map(sanitize) })),
      unpricedModels: [],
      unreadableRoots: pathReasons(this.unreadableRoots),
      unreadableFiles: pathReasons(this.unreadableFiles),
      notices: this.notices.map(sanitize),
      afterClock: this.afterClock,
    };
  }
}

function pathReasons(map: ReadonlyMap<string, string>): { path: string; reason: string }[] {
  return [...map].map(([path, reason]) => ({ path: sanitize(path), reason: sanitize(reason) }));
}
