import type { LimitHit } from '../logs/events.js';
import { firstLine, type OpenDatabase, type SqlDatabase } from './driver.js';
import { readInfo } from './info.js';
import { damageOf, markDamaged } from './integrity.js';
import { readLastResponseId, readLimitHits, readPositions, readResponseByKey, readResponses, readTimesOf } from './reads.js';
import type { CommitBatch, FilePosition, KeyedEvent, StoredResponse, StoreInfo } from './types.js';
import { Verifier } from './verify.js';
import { Writer } from './writes.js';
import { latestReading, readReadings, type StoredReading } from './readings.js';
import { readImage, removeStaleImages, rowsFingerprint, type ImageMeta, type NewImage, type StoredImage } from './images.js';

/** How the store checks itself while it runs (see `verify`). */
export interface HistoryStoreOptions {
  /** Opens another connection to the file, for the full check. */
  open?: OpenDatabase;
  /** Starts the full check this long after the store opens (never when absent). */
  verifyAfterMs?: number;
}

/** Rows the background check reads at a time (~5 ms), and its pause between slices. */
const VERIFY_ROWS = 4000;
const VERIFY_PAUSE_MS = 10;

/**
 * The SQLite history: one row per API response, the log files' positions, limit hits. Nothing
 * here throws after open: a failed read returns what it has and a failed write returns false,
 * each with a notice (`takeNotices`). After a failed write the store takes no more writes, so
 * no later position can cover rows that were not stored: the caller goes on in memory.
 */
export class HistoryStore {
  private writer: Writer | null;
  private closed = false;
  private readonly notices: string[] = [];
  private readonly noticed = new Set<string>();
  private verifier: Verifier | null = null;
  private verifying: Promise<string | null> | null = null;
  private verifyTimer: NodeJS.Timeout | null = null;

  /** Wraps an open, migrated database (see `openStore`); throws if its statements do not prepare. */
  constructor(private readonly db: SqlDatabase, readonly path: string, private readonly options: HistoryStoreOptions = {}) {
    this.writer = new Writer(db);
    const after = options.verifyAfterMs;
    if (after !== undefined && options.open) {
      this.verifyTimer = setTimeout(() => void this.verify({ background: true }), after);
      this.verifyTimer.unref();
    }
  }

  /** False once a write has failed (or the store is closed): later writes are refused. */
  get writable(): boolean {
    return this.writer !== null;
  }

  /** Stores rows, the positions that cover them and limit hits in one transaction; false on failure. */
  commit(batch: CommitBatch): boolean {
    return this.write(false, (w) => (w.commit(batch), true));
  }

  /** Upserts one batch of events from `machine` in one transaction; false on failure. */
  upsert(events: readonly KeyedEvent[], machine: string): boolean {
    return this.commit({ events, machine });
  }

  /** Saves file positions in one transaction; false on failure. */
  savePositions(positions: readonly FilePosition[]): boolean {
    return this.commit({ positions });
  }

  /** Forgets one file's position (its rows stay); false when there was none or on failure. */
  removePosition(path: string, machine: string): boolean {
    return this.write(false, (w) => w.removePosition(path, machine));
  }

  /** Forgets all positions (of one machine, if given) for a rebuild; rows stay. Returns how many. */
  clearPositions(machine?: string): number {
    return this.write(0, (w) => w.clearPositions(machine));
  }

  /** Deletes a machine's rows of id-less lines from the files `reread` names (before a rebuild reads them again). */
  dropIdlessRows(machine: string, reread: (file: string) => boolean): number {
    return this.write(0, (w) => w.dropIdlessRows(machine, reread));
  }

  /** Deletes responses and limit hits before `beforeMs`; returns the responses deleted. */
  prune(beforeMs: number): number {
    return this.write(0, (w) => w.prune(beforeMs));
  }

  /** Every stored file position ([] on failure). */
  positions(): FilePosition[] {
    return this.read([], () => readPositions(this.db));
  }

  /** The stored response of `key`, its copies folded, with its row id; null when there is none (or on failure). */
  response(key: string): (StoredResponse & { id: number }) | null {
    return this.read(null, () => readResponseByKey(this.db, key));
  }

  /** The largest response row id (0: none, or on failure); a row added later has a larger one. */
  lastResponseId(): number {
    return this.read(0, () => readLastResponseId(this.db));
  }

  /** The limit hits at or after `from`, oldest first ([] on failure). */
  limitHits(from: number): LimitHit[] {
    return this.read([], () => readLimitHits(this.db, from));
  }

  /** Saves Anthropic's official readings (rows only where a window's percentage or reset moved); false on failure. */
  saveReadings(readings: readonly StoredReading[]): boolean {
    return this.write(false, (w) => (w.saveReadings(readings), true));
  }

  /** The stored official readings at or after `from`, oldest first ([] on failure). */
  readings(from: number): StoredReading[] {
    return this.read([], () => readReadings(this.db, from));
  }

  /** When the newest stored reading was taken; null when none (or on failure). */
  latestReadingAt(): number | null {
    return this.read(null, () => latestReading(this.db));
  }

  /** The warm-start image of `historyStart` under `prices`, if its row is `wanted` (images.ts); null when none (or on failure). */
  image(historyStart: number, prices: string, wanted?: (meta: ImageMeta) => boolean): StoredImage | null {
    return this.read(null, () => readImage(this.db, this.path, historyStart, prices, wanted));
  }

  /** What the responses and limit hits timed in [from, cut) add up to (images.ts); null on failure. */
  fingerprint(from: number, cut: number): string | null {
    return this.read(null, () => rowsFingerprint(this.db, from, cut));
  }

  /** The times of the responses from `files` timed in [from, to) ([] on failure). */
  timesOf(files: readonly string[], from: number, to: number): number[] {
    return files.length === 0 ? [] : this.read([], () => readTimesOf(this.db, files, from, to));
  }

  /**
   * Saves a warm-start image; false when its rows changed since it was built, or on failure (with a
   * notice). A cache: a failed save leaves the store writable (the next start replays the responses instead).
   */
  saveImage(image: NewImage): boolean {
    if (!this.writer) return false;
    try {
      const saved = this.writer.saveImage(this.path, image);
      removeStaleImages(this.db, this.path);
      return saved;
    } catch (error) {
      this.notice(`history store: the warm-start image was not saved (${firstLine(error)}); the next start reads the stored responses instead`);
      return false;
    }
  }

  /**
   * Runs `body` in one read transaction, so that every read in it sees the same rows whatever
   * another process writes meanwhile (an image and the fingerprint of the rows it was built from).
   */
  consistently<T>(body: () => T): T {
    const begun = this.read(false, () => (this.db.exec('BEGIN'), true));
    try {
      return body();
    } finally {
      if (begun) this.read(undefined, () => this.db.exec('COMMIT'));
    }
  }

  /** Sizes, counts, date range and machines; null on failure. */
  info(): StoreInfo | null {
    return this.read(null, () => readInfo(this.db, this.path));
  }

  /**
   * Calls `fn` for each response timed in `[from, to]`, by time; `fn` may use the store. Returns
   * how many it was called for (fewer on a read failure, with a notice).
   */
  forEachResponse(from: number, to: number, fn: (response: StoredResponse) => void): number {
    let count = 0;
    for (const response of this.exportRows(from, to)) {
      fn(response);
      count++;
    }
    return count;
  }

  /** The stored responses in `[from, to]` (all by default) by time, for export; stops on a read failure. */
  *exportRows(from = Number.MIN_SAFE_INTEGER, to = Number.MAX_SAFE_INTEGER): Generator<StoredResponse> {
    const rows = readResponses(this.db, from, to);
    for (;;) {
      const next = this.read(null, () => rows.next());
      if (!next || next.done) return;
      yield next.value;
    }
  }

  /**
   * Runs the full check (verify.ts) on a connection of its own, a slice at a time with pauses
   * between, so that the screen and the writes go on meanwhile. A damage found is said in a notice
   * and recorded in the file, and the next open recovers it. Resolves with the damage, or null
   * (also when the store closes first); `background` lets the process exit before it ends. A
   * call while a check runs gets that check's result.
   */
  verify(options: { rows?: number; pauseMs?: number; background?: boolean } = {}): Promise<string | null> {
    this.verifying ??= this.runVerifier(options).finally(() => (this.verifying = null));
    return this.verifying;
  }

  private async runVerifier(options: { rows?: number; pauseMs?: number; background?: boolean }): Promise<string | null> {
    const { rows = VERIFY_ROWS, pauseMs = VERIFY_PAUSE_MS, background = false } = options;
    const open = this.options.open;
    if (this.closed || !open) return null;
    const verifier = this.read(null, () => new Verifier(open(this.path)));
    if (!verifier) return null;
    this.verifier = verifier;
    while (verifier.step(rows)) await pause(pauseMs, background);
    this.verifier = null;
    if (verifier.result !== null) this.damaged(verifier.result);
    return verifier.result;
  }

  /** Rebuilds the indexes from the table (`cctop store rebuild`); false on failure. */
  reindex(): boolean {
    return this.write(false, () => (this.db.exec('REINDEX'), true));
  }

  /** The notices since the last call (each distinct one once), for the footer. */
  takeNotices(): string[] {
    return this.notices.splice(0);
  }

  /** Closes the file (once); later calls fail softly. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.writer = null;
    if (this.verifyTimer) clearTimeout(this.verifyTimer);
    this.verifier?.stop();
    this.read(undefined, () => this.db.close());
  }

  private write<T>(fallback: T, body: (writer: Writer) => T): T {
    if (!this.writer) return fallback;
    try {
      return body(this.writer);
    } catch (error) {
      this.writer = null;
      this.notice(`history store: saving failed (${firstLine(error)}); running in memory from now on`);
      this.damaged(damageOf(error));
      return fallback;
    }
  }

  private read<T>(fallback: T, body: () => T): T {
    try {
      return body();
    } catch (error) {
      this.notice(`history store: reading failed (${firstLine(error)})`);
      this.damaged(damageOf(error));
      return fallback;
    }
  }

  /** Says that the file is damaged, and marks it so that the next open recovers it. */
  private damaged(damage: string | null): void {
    if (damage === null || this.closed) return;
    markDamaged(this.db, damage);
    this.notice(`history store: ${this.path} is damaged (${damage}); the next start moves it aside and keeps every row that can still be read`);
  }

  private notice(text: string): void {
    if (this.noticed.has(text)) return;
    this.noticed.add(text);
    this.notices.push(text);
  }
}

function pause(ms: number, background: boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (background) timer.unref();
  });
}
