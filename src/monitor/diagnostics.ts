import type { Diagnostics, FileDiagnostics } from '../usage/types.js';

const MAX_SAMPLES = 5;

/** Collects what went wrong while reading, for the footer, the `d` view and `--json`. */
export class DiagnosticsCollector {
  private files = new Map<string, FileDiagnostics>();
  private readonly filesSeen = new Set<string>();
  private linesRead = 0;
  private readonly unreadableRoots = new Map<string, string>();
  private readonly unreadableFiles = new Map<string, string>();
  private readonly notices: string[] = [];

  addLines(file: string, lines: number, badLines: number, samples: readonly string[]): void {
    this.filesSeen.add(file);
    this.linesRead += lines;
    if (badLines === 0) return;
    const entry = this.files.get(file) ?? { file, lines: 0, badLines: 0, samples: [] };
    entry.lines += lines;
    entry.badLines += badLines;
    for (const s of samples) if (entry.samples.length < MAX_SAMPLES) entry.samples.push(s);
    this.files.set(file, entry);
  }

  /** Adds one bad line found after parsing (e.g. a timestamp in the future). */
  addBadLine(file: string, reason: string): void {
    this.addLines(file, 0, 1, [reason]);
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

  notice(text: string): void {
    if (!this.notices.includes(text)) this.notices.push(text);
  }

  snapshot(): Diagnostics {
    const files = [...this.files.values()];
    return {
      filesRead: this.filesSeen.size,
      linesRead: this.linesRead,
      badLines: files.reduce((a, f) => a + f.badLines, 0),
      files: files.map((f) => ({ ...f, samples: [...f.samples] })),
      unpricedModels: [],
      unreadableRoots: [...this.unreadableRoots].map(([path, reason]) => ({ path, reason })),
      unreadableFiles: [...this.unreadableFiles].map(([path, reason]) => ({ path, reason })),
      notices: [...this.notices],
    };
  }
}
