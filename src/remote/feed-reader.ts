import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { listLogFiles } from '../logs/discover.js';
import type { LogTailer } from '../logs/tail.js';
import { decodePos, encodePos } from './feed-cursor.js';

/** A batch ends after this many records or files, so the receiver stores big backfills in steps. */
const BATCH_RECORDS = 2000;
const BATCH_FILES = 500;
/** Appends reported by the watcher within this long are read in one batch. */
const SETTLE_MS = 20;
/** Bad-line samples sent per file and batch. */
const MAX_SAMPLES = 5;

/** Lines for stdout, written together; a full pipe is waited for (unless `stopped` comes first). */
export class LineWriter {
  private lines: string[] = [];

  constructor(private readonly out: Writable, private readonly stopped: Promise<void>) {}

  /** Queues one NDJSON line (without its newline). */
  line(text: string): void {
    this.lines.push(text);
  }

  /** Writes the queued lines; resolves once the pipe takes more. */
  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const text = this.lines.join('\n') + '\n';
    this.lines = [];
    if (!this.out.write(text)) await Promise.race([new Promise((resolve) => this.out.once('drain', resolve)), this.stopped]);
  }
}

/**
 * `cctop feed`'s reading: every log through one LogTailer, its records as `e`/`h` lines, the
 * lines it read and the bad ones (`l`), and each batch closed by the positions it reached (`c`),
 * starting from a cursor's positions. Reads run one at a time, so a batch's positions always
 * cover exactly the records before them.
 */
export class FeedReader {
  /** The position last sent per file (at start: the cursor's). */
  private readonly sent = new Map<string, string>();
  private changes = new Map<string, string | null>();
  private records = 0;
  private lines = 0;
  private bad: Record<string, { n: number; samples: string[] }> = {};
  private queue: Promise<void> = Promise.resolve();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly tailer: LogTailer, private readonly out: LineWriter, cursor: ReadonlyMap<string, string>) {
    for (const [path, text] of cursor) {
      const pos = decodePos(text);
      if (!pos) continue; // read from its start: its records are deduplicated by key
      tailer.adopt(path, { ino: pos.ino, birthtimeMs: pos.birthtimeMs, cursor: { next: pos.next, end: pos.next, lineNo: pos.lineNo, long: null } });
      this.sent.set(path, text);
    }
  }

  /** Reads every log of `dirs` from its position; files of the cursor that are gone are dropped from it. */
  firstPass(dirs: readonly string[]): Promise<void> {
    return this.enqueue(async () => {
      const lists = await Promise.all(dirs.map((dir) => listLogFiles(dir, () => {})));
      const paths = [...new Set(lists.flat().map((f) => f.path))];
      const listed = new Set(paths);
      for (const path of this.sent.keys()) if (!listed.has(path)) this.drop(path);
      for (const path of paths) await this.read(path);
      await this.closeBatch();
    });
  }

  /** A log was written to (or created): read it soon, with the others written meanwhile. */
  touched(path: string): void {
    this.dirty.add(path);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const paths = [...this.dirty];
      this.dirty.clear();
      void this.enqueue(async () => {
        for (const path of paths) await this.read(path);
        await this.closeBatch();
      });
    }, SETTLE_MS);
  }

  /** A log was deleted: its position leaves the cursor. */
  removed(path: string): void {
    void this.enqueue(async () => {
      this.drop(path);
      await this.closeBatch();
    });
  }

  /** Stops reading; what is queued is dropped. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task, task);
    return this.queue;
  }

  private async read(path: string): Promise<void> {
    const batch = await this.tailer.read(path);
    if (batch.error) {
      if (!existsSync(path)) this.drop(path);
      return;
    }
    for (const event of batch.events) this.out.line(JSON.stringify({ e: event }));
    for (const hit of batch.hits) this.out.line(JSON.stringify({ h: hit }));
    this.records += batch.events.length + batch.hits.length;
    this.lines += batch.lines;
    if (batch.badLines > 0) this.addBad(path, batch.badLines, batch.badSamples);
    const state = this.tailer.stateOf(path);
    const pos = state && encodePos({ next: state.cursor.next, ino: state.ino, birthtimeMs: state.birthtimeMs, lineNo: state.cursor.lineNo });
    if (pos && this.sent.get(path) !== pos) {
      this.sent.set(path, pos);
      this.changes.set(path, pos);
    }
    if (this.records >= BATCH_RECORDS || this.changes.size >= BATCH_FILES) await this.closeBatch();
  }

  private addBad(path: string, n: number, samples: readonly string[]): void {
    const known = this.bad[path] ?? { n: 0, samples: [] };
    this.bad[path] = { n: known.n + n, samples: [...known.samples, ...samples].slice(0, MAX_SAMPLES) };
  }

  private drop(path: string): void {
    this.tailer.forget(path);
    if (this.sent.delete(path)) this.changes.set(path, null);
  }

  private lineCounts(): { lines: number; bad?: Record<string, { n: number; samples: string[] }> } {
    return Object.keys(this.bad).length > 0 ? { lines: this.lines, bad: this.bad } : { lines: this.lines };
  }

  /** Ends the batch with the positions it reached, and writes it out. */
  private async closeBatch(): Promise<void> {
    if (this.changes.size === 0 && this.records === 0) return;
    if (this.lines > 0 || Object.keys(this.bad).length > 0) this.out.line(JSON.stringify({ l: this.lineCounts() }));
    this.out.line(JSON.stringify({ c: Object.fromEntries(this.changes) }));
    this.changes = new Map();
    this.records = 0;
    this.lines = 0;
    this.bad = {};
    await this.out.flush();
  }
}
