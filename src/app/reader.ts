import type { LogFile } from '../logs/discover.js';
import { listLogFiles } from '../logs/discover.js';
import type { LogTailer, TailBatch } from '../logs/tail.js';
import type { UsageIngest } from '../usage/ingest.js';
import type { LoadingState } from '../usage/metrics-types.js';
import type { DiagnosticsCollector } from './diagnostics.js';

/** Usage dated this far past the clock is taken as a bad timestamp, not counted. */
export const FUTURE_TOLERANCE_MS = 10 * 60_000;

export interface ReaderOptions {
  tailer: LogTailer;
  ingest: UsageIngest;
  diagnostics: DiagnosticsCollector;
  /** Start of the history window (epoch ms): older usage is not counted. */
  historyStart: number;
  clock: () => number;
}

/** Feeds log files through the tailer into the usage pipeline, and tracks the backfill's progress. */
export class LogReader {
  readonly loading: LoadingState = { done: false, filesRead: 0, filesTotal: 0, bytesRead: 0, bytesTotal: 0 };
  private readonly known = new Set<string>();

  constructor(private readonly opts: ReaderOptions) {}

  get filesKnown(): number {
    return this.known.size;
  }

  /** Every `*.jsonl` of the projects folders modified since the history start, newest first. */
  async listHistory(dirs: readonly string[]): Promise<LogFile[]> {
    const { diagnostics, historyStart } = this.opts;
    const lists = await Promise.all(dirs.map((dir) => listLogFiles(dir, (path, reason) => diagnostics.unreadableFile(path, reason))));
    const files = lists.flat().filter((f) => f.mtimeMs >= historyStart);
    files.sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const f of files) this.known.add(f.path);
    this.loading.filesTotal = files.length;
    this.loading.bytesTotal = files.reduce((a, f) => a + f.size, 0);
    return files;
  }

  /**
   * Reads the files in order; `onPriorityDone` fires once every file modified at or after
   * `priorityFrom` is read (the first frame needs only those).
   */
  async backfill(files: readonly LogFile[], priorityFrom: number, onPriorityDone: () => void): Promise<void> {
    let signalled = false;
    for (const file of files) {
      if (!signalled && file.mtimeMs < priorityFrom) {
        signalled = true;
        onPriorityDone();
      }
      const batch = await this.readFile(file.path);
      this.loading.filesRead++;
      this.loading.bytesRead += batch.bytesRead;
    }
    if (!signalled) onPriorityDone();
    this.loading.done = true;
  }

  /** Reads what is new in one file and folds it in; never throws. */
  async readFile(path: string): Promise<TailBatch> {
    const { tailer, diagnostics } = this.opts;
    this.known.add(path);
    const batch = await tailer.read(path);
    if (batch.error) {
      diagnostics.unreadableFile(path, batch.error);
      return batch;
    }
    diagnostics.readable(path);
    diagnostics.addLines(path, batch.lines, batch.badLines, batch.badSamples);
    this.fold(batch);
    return batch;
  }

  /** A file was deleted: forget its offset so a re-created file is read from its start. */
  forget(path: string): void {
    this.opts.tailer.forget(path);
    this.known.delete(path);
  }

  private fold(batch: TailBatch): void {
    const { ingest, diagnostics, historyStart, clock } = this.opts;
    const latest = clock() + FUTURE_TOLERANCE_MS;
    for (const event of batch.events) {
      if (event.timestamp > latest) {
        diagnostics.addBadLine(batch.file, `timestamp in the future: ${new Date(event.timestamp).toISOString()}`);
      } else if (event.timestamp >= historyStart) {
        ingest.addEvent(event);
      }
    }
    for (const hit of batch.hits) if (hit.timestamp >= historyStart) ingest.addLimitHit(hit);
  }
}
