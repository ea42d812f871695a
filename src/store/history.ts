import type { LimitHit } from '../logs/events.js';
import { firstLine, type SqlDatabase } from './driver.js';
import { readInfo } from './info.js';
import { readLimitHits, readPositions, readResponses } from './reads.js';
import type { CommitBatch, FilePosition, KeyedEvent, StoredResponse, StoreInfo } from './types.js';
import { Writer } from './writes.js';

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

  /** Wraps an open, migrated database (see `openStore`); throws if its statements do not prepare. */
  constructor(private readonly db: SqlDatabase, readonly path: string) {
    this.writer = new Writer(db);
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

  /** The limit hits at or after `from`, oldest first ([] on failure). */
  limitHits(from: number): LimitHit[] {
    return this.read([], () => readLimitHits(this.db, from));
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

  /** The notices since the last call (each distinct one once), for the footer. */
  takeNotices(): string[] {
    return this.notices.splice(0);
  }

  /** Closes the file (once); later calls fail softly. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.writer = null;
    this.read(undefined, () => this.db.close());
  }

  private write<T>(fallback: T, body: (writer: Writer) => T): T {
    if (!this.writer) return fallback;
    try {
      return body(this.writer);
    } catch (error) {
      this.writer = null;
      this.notice(`history store: saving failed (${firstLine(error)}); running in memory from now on`);
      return fallback;
    }
  }

  private read<T>(fallback: T, body: () => T): T {
    try {
      return body();
    } catch (error) {
      this.notice(`history store: reading failed (${firstLine(error)})`);
      return fallback;
    }
  }

  private notice(text: string): void {
    if (this.noticed.has(text)) return;
    this.noticed.add(text);
    this.notices.push(text);
  }
}
