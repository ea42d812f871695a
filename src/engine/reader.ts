import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { LogFile } from '../logs/discover.js';
import type { RootsListing } from '../logs/list-roots.js';
import { mergeCopies } from '../logs/merge-copies.js';
import { batchHeader, forEachPacked, ownState, packBatch, type ScannedFile } from '../logs/scan-packing.js';
import { ScanPool, type FileScan } from '../logs/scan-pool.js';
import type { LogTailer, TailBatch } from '../logs/tail.js';
import type { UsageIngest } from '../usage/ingest.js';
import { finishAhead, loadAhead, loadToCut, type ImageAt, type ImageLoad, type LoadedAhead } from './warm-image.js';
import type { UsageEvent } from '../logs/events.js';
import type { DiagnosticsCollector } from './diagnostics.js';
import { classifyTime, horizonOf, toleranceOf, type ClockKind, type TimeRule } from '../usage/time.js';
import { identityAt } from '../logs/file-head.js';
import type { HistorySync } from './history-sync.js';
import type { RemoteBatch } from './remote-sources.js';
import { cpuTimes, scanWorkersFor, thisMachine, type PoolMode } from './scan-workers.js';
import type { LoadingState } from './types.js';

/** Longest stretch the backfill keeps the event loop (screen, watcher) waiting. */
const SLICE_MS = 10;

export interface ReaderOptions {
  tailer: LogTailer;
  ingest: UsageIngest;
  diagnostics: DiagnosticsCollector;
  /** Start of the history window (epoch ms): older usage is not counted. */
  historyStart: number;
  /** Whether `clock` is the machine's or a report's fixed one (usage/time.ts classifyTime). */
  clockKind: ClockKind;
  clock: () => number;
  /** This machine's own clock (usage a day ahead of it is impossible); Date.now unless a test fixes it. */
  wallClock?: () => number;
  /**
   * Worker threads for the backfill: when it is large and a core sat idle while the logs were
   * listed (`auto`, the default), always, or never. `CCTOP_SCAN_WORKERS=<n>` sets their number (0: none).
   */
  pool?: PoolMode;
  /** The history store, kept in step with every batch read; none to run in memory. */
  history?: HistorySync | null;
  env?: { CCTOP_SCAN_WORKERS?: string };
}

/** Feeds log files through the tailer into the usage pipeline, and tracks the backfill's progress. */
export class LogReader {
  readonly loading: LoadingState = { done: false, filesRead: 0, filesTotal: 0, bytesRead: 0, bytesTotal: 0 };
  private readonly known = new Set<string>();
  /** Files a warm start resumed whose listing matches their stored size and mtime, with nothing left unread: not opened again. */
  private readonly unchanged = new Set<string>();
  /** How a warm start loaded the stored history (null: no store). */
  imageLoad: ImageLoad | null = null;
  /** What a warm start loaded before the listing, until resumeFrom completes it. */
  private ahead: LoadedAhead | null = null;
  /** Every log file of the last listing, those older than the history start too (for the store). */
  private listed: { files: LogFile[]; dirs: readonly string[] } = { files: [], dirs: [] };
  /** Files a scan worker is reading: a live read of one waits until its scan is folded in. */
  private readonly scanning = new Map<string, { folded: Promise<void>; done: () => void }>();
  /** Files of a pooled backfill this thread read ahead, waiting for their turn to be folded. */
  private readonly held = new Map<string, ScannedFile>();
  /** The counted range the pooled files are merged within (see mergeCopies). */
  private window = { from: 0, to: 0 };
  private lastYield = 0;
  /** The CPU counters when the reader was made: whether a core sat idle since decides the workers. */
  private readonly cpuAtStart = cpuTimes();

  constructor(private readonly opts: ReaderOptions) {}

  /** Every log file of the last listing, as listed. */
  get listedFiles(): readonly LogFile[] {
    return this.listed.files;
  }

  get filesKnown(): number {
    return this.known.size;
  }

  /** Takes the roots' listing (logs/list-roots.ts): every `*.jsonl` modified since the history start, newest first. */
  takeListing(listing: RootsListing): LogFile[] {
    const { diagnostics, historyStart } = this.opts;
    for (const { path, reason } of listing.unreadableFiles) diagnostics.unreadableFile(path, reason);
    this.listed = { files: listing.files.flat(), dirs: listing.dirs };
    const files = this.listed.files.filter((f) => f.mtimeMs >= historyStart);
    files.sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const f of files) this.known.add(f.path);
    this.loading.filesTotal = files.length;
    this.loading.bytesTotal = files.reduce((a, f) => a + f.size, 0);
    return files;
  }

  /**
   * Loads the stored history before the logs are listed when an image stands for it as it is
   * (warm-image.ts loadAhead); resumeFrom completes it.
   */
  loadAhead(history: HistorySync, image: ImageAt): void {
    const { ingest, historyStart, clock, clockKind } = this.opts;
    this.ahead = loadAhead(history, ingest, { historyStart, ...image, horizon: horizonOf(clock(), toleranceOf(clockKind)) });
  }

  /**
   * Reads the files in order; `onPriorityDone` fires once every file modified at or after
   * `priorityFrom` is read (the first frame needs only those). For a large history, worker
   * threads read the older files; this thread folds their batches in order, and reads the
   * queue's next files itself whenever the one it must fold is not back yet (on two cores:
   * one worker and this thread both parse). Everything is folded in the same order, so the
   * numbers do not depend on the workers.
   */
  async backfill(files: readonly LogFile[], priorityFrom: number, onPriorityDone: () => void | Promise<void>): Promise<void> {
    const split = files.findIndex((f) => f.mtimeMs < priorityFrom);
    const priority = split === -1 ? files : files.slice(0, split);
    const rest = split === -1 ? [] : files.slice(split);
    // Only files read from their start go to workers: a file a warm start resumed reads its
    // appended bytes here (a worker's tailer would read it whole again).
    const fresh = rest.filter((f) => this.opts.tailer.stateOf(f.path) === null);
    // Workers start now, so their start-up overlaps the priority read; they get their files
    // after it, which spares the first frame queueing thousands of them.
    const pool = this.poolFor(fresh);
    try {
      for (const file of priority) await this.backfillOne(file, () => this.readFile(file.path));
      await onPriorityDone();
      const scans = pool ? this.startScans(pool, fresh) : new Map<string, FileScan>();
      for (const file of rest) {
        const scan = scans.get(file.path);
        // A folded batch must not stay reachable: memory would grow with the history.
        scans.delete(file.path);
        await this.backfillOne(file, () => (scan ? this.foldNext(pool!, scan) : this.readFile(file.path)));
      }
    } finally {
      for (const entry of this.scanning.values()) entry.done();
      this.scanning.clear();
      this.held.clear();
      this.unchanged.clear();
      await pool?.close();
    }
    this.loading.done = true;
  }

  /**
   * A warm start: each unchanged file resumes at its stored offset (only its new bytes are read,
   * and the progress counts only those), and the stored history is loaded: up to the image's cut
   * from the store's image (warm-image.ts), the newer responses row by row.
   */
  resumeFrom(history: HistorySync, files: readonly LogFile[], image: ImageAt): ImageLoad {
    const ahead = this.ahead;
    this.ahead = null;
    const resumed = history.resume(this.opts.tailer, this.listed.files, this.listed.dirs, ahead?.positions);
    for (const file of files) this.loading.bytesTotal -= resumed.get(file.path)?.offset ?? 0;
    for (const file of this.listed.files) {
      const p = resumed.get(file.path);
      if (p && p.offset === p.size && file.size === p.size && file.mtimeMs === p.mtimeMs) this.unchanged.add(file.path);
    }
    // What the earlier runs read of the files in the history, bad lines included, as a cold start would count it.
    for (const file of files) {
      const p = resumed.get(file.path);
      if (p) this.opts.diagnostics.addLines(file.path, p.line, p.bad?.lines ?? 0, p.bad?.samples ?? []);
    }
    const { ingest, historyStart, clock, clockKind } = this.opts;
    if (ahead && finishAhead(history, ingest, ahead, historyStart)) return (this.imageLoad = { restored: true, replayed: 0, saved: false });
    this.imageLoad = loadToCut(history, ingest, { historyStart, ...image, now: clock() });
    history.load(ingest, Math.max(historyStart, image.cut), horizonOf(clock(), toleranceOf(clockKind)));
    return this.imageLoad;
  }

  /** What a remote machine sent for one of its files, folded in like a local file's lines. */
  absorbRemote(batch: RemoteBatch, history: HistorySync | null): void {
    const { diagnostics } = this.opts;
    this.known.add(batch.file);
    diagnostics.addLines(batch.file, batch.lines, batch.badLines, batch.badSamples);
    const { from, to } = this.countedRange();
    const events = mergeCopies(this.possible(batch.events), from, to);
    this.fold({ ...batch, events });
    history?.recordAt(batch.remotePath, batch.nextOffset, events, batch.hits, batch.headHash);
  }

  /** Reads what is new in one file and folds it in; never throws. */
  async readFile(path: string): Promise<TailBatch> {
    await this.scanning.get(path)?.folded;
    this.known.add(path);
    return this.absorb(path, await this.opts.tailer.read(path));
  }

  /** A file was deleted: forget its offset so a re-created file is read from its start. */
  forget(path: string): void {
    this.opts.tailer.forget(path);
    this.known.delete(path);
  }

  private async backfillOne(file: LogFile, read: () => Promise<TailBatch>): Promise<void> {
    this.loading.filesRead++;
    // ~8,000 opens of files with nothing new cost a 2 GiB warm start ~0.15 s.
    if (this.unchanged.has(file.path)) return;
    const batch = await read();
    this.loading.bytesRead += batch.bytesRead;
    if (performance.now() - this.lastYield > SLICE_MS) {
      await yieldToLoop();
      this.lastYield = performance.now();
    }
  }

  private poolFor(files: readonly LogFile[]): ScanPool | null {
    const size = scanWorkersFor(files, this.opts.pool ?? 'auto', this.opts.env ?? process.env, thisMachine(this.cpuAtStart));
    return size === 0 ? null : ScanPool.create({ ...this.opts.tailer.settings, size });
  }

  /** Queues `files` in the pool; their scans by path. */
  private startScans(pool: ScanPool, files: readonly LogFile[]): Map<string, FileScan> {
    for (const file of files) {
      let done = () => {};
      const folded = new Promise<void>((resolve) => (done = resolve));
      this.scanning.set(file.path, { folded, done });
    }
    this.window = this.countedRange();
    return new Map(pool.scan(files, this.window).map((scan) => [scan.path, scan]));
  }

  /**
   * Folds in the next file of a pooled backfill: read here if no worker took it (or read ahead
   * here), else the worker's batch, with the queue's next files read here while it is not back.
   */
  private async foldNext(pool: ScanPool, scan: FileScan): Promise<TailBatch> {
    if (scan.owner === 'queue') pool.takeNext();
    if (scan.owner === 'caller') return this.foldOwn(scan.path);
    while (!scan.settled) {
      const next = pool.takeNext();
      if (next === null) break;
      this.held.set(next.path, await this.readAhead(next.path));
      await yieldToLoop(); // the worker's reply arrives through the event loop
    }
    try {
      return await this.foldScan(scan.path, scan.result.catch(() => null));
    } finally {
      pool.release(scan);
    }
  }

  /**
   * A file read here before its turn, packed as a worker packs it: a waiting batch of objects
   * would outlive young-generation collections and make V8 grow the young generation.
   */
  private async readAhead(path: string): Promise<ScannedFile> {
    const batch = await this.opts.tailer.read(path);
    if (!batch.error) batch.events = mergeCopies(batch.events, this.window.from, this.window.to);
    return { batch: packBatch(batch), state: null };
  }

  /** A file of the queue this thread took: read ahead, or read now. */
  private async foldOwn(path: string): Promise<TailBatch> {
    const held = this.held.get(path);
    this.held.delete(path);
    if (held) return this.foldScan(path, Promise.resolve(held));
    const entry = this.scanning.get(path);
    this.scanning.delete(path);
    try {
      return this.absorb(path, await this.opts.tailer.read(path));
    } finally {
      entry?.done();
    }
  }

  /** Folds in a packed batch (a worker's, or read ahead here) and continues the file from where its reader stopped. */
  private async foldScan(path: string, scan: Promise<ScannedFile | null>): Promise<TailBatch> {
    const scanned = await scan;
    const entry = this.scanning.get(path);
    this.scanning.delete(path);
    try {
      if (!scanned) return await this.readFile(path); // the worker died: read it here
      if (scanned.state) this.opts.tailer.adopt(path, ownState(scanned.state));
      const batch = this.absorb(path, batchHeader(scanned.batch));
      if (batch.error) return batch;
      const events: UsageEvent[] = [];
      const rule = this.timeRule();
      forEachPacked(scanned.batch.events, path, (event) => {
        if (!this.isPossible(event, rule)) return;
        this.foldEvent(event);
        // One object is reused for every packed event: the store keeps copies.
        if (this.opts.history) events.push({ ...event, tokens: { ...event.tokens } });
      });
      const offset = this.opts.tailer.stateOf(path)?.cursor.next ?? 0;
      this.opts.history?.record({ ...batch, identity: identityAt(path, offset) }, events, this.opts.tailer, this.opts.diagnostics.badOf(path));
      return batch;
    } finally {
      entry?.done();
    }
  }

  private absorb(path: string, batch: TailBatch): TailBatch {
    const { diagnostics } = this.opts;
    if (batch.error) {
      diagnostics.unreadableFile(path, batch.error);
      return batch;
    }
    diagnostics.readable(path);
    diagnostics.addLines(path, batch.lines, batch.badLines, batch.badSamples);
    const { from, to } = this.countedRange();
    const events = mergeCopies(this.possible(batch.events), from, to);
    this.fold({ ...batch, events });
    this.opts.history?.record(batch, events, this.opts.tailer, this.opts.diagnostics.badOf(path));
    return batch;
  }

  /** The times that count: from the history start to the clock's horizon (usage/time.ts). */
  private countedRange(): { from: number; to: number } {
    return { from: this.opts.historyStart, to: horizonOf(this.opts.clock(), toleranceOf(this.opts.clockKind)) };
  }

  private timeRule(): TimeRule {
    const { historyStart, clock, clockKind, wallClock = Date.now } = this.opts;
    return { historyStart, now: clock(), clock: clockKind, wallNow: wallClock() };
  }

  /** `events` less those dated impossibly far ahead (see isPossible). */
  private possible(events: UsageEvent[]): UsageEvent[] {
    const rule = this.timeRule();
    return events.filter((event) => this.isPossible(event, rule));
  }

  /** False for an event dated a day or more ahead of this machine's clock: a bad line of its file, never counted or stored. */
  private isPossible(event: UsageEvent, rule: TimeRule): boolean {
    if (classifyTime(event.timestamp, rule) !== 'impossible') return true;
    this.opts.diagnostics.addBadLine(event.file, `timestamp a day or more ahead of this machine's clock: ${new Date(event.timestamp).toISOString()}`);
    return false;
  }

  private fold(batch: TailBatch): void {
    const { ingest, historyStart } = this.opts;
    for (const event of batch.events) this.foldEvent(event);
    for (const hit of batch.hits) if (hit.timestamp >= historyStart) ingest.addLimitHit(hit);
  }

  private foldEvent(event: UsageEvent): void {
    const when = classifyTime(event.timestamp, this.timeRule());
    if (when === 'afterReport') this.opts.diagnostics.addAfterClock();
    else if (when === 'future') this.opts.diagnostics.addBadLine(event.file, `timestamp in the future: ${new Date(event.timestamp).toISOString()}`);
    else if (when === 'counts') this.opts.ingest.addEvent(event);
  }
}
