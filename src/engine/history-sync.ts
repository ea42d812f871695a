import { statSync } from 'node:fs';
import { sep } from 'node:path';
import { idlessKey, type LimitHit, type UsageEvent } from '../logs/events.js';
import { logFileOf, type LogFile } from '../logs/discover.js';
import { sameHead } from '../logs/file-head.js';
import type { LogTailer, TailBatch } from '../logs/tail.js';
import { repeatSanitizer, sanitize } from '../logs/sanitize.js';
import { AGGREGATE_QUARTER, PROMPT_BANDS, promptBandBounds, type FilePosition, type HistoryStore, type KeyedEvent, type StoredSessionSum, type StoredSum } from '../store/index.js';
import type { TokenSum, UsageIngest } from '../usage/ingest.js';
import { longContextThresholds, type PriceTable } from '../usage/pricing.js';
import { HOUR } from '../usage/time.js';

/** Responses a backfill gathers before it writes them (the store commits big batches fastest). */
const FLUSH_EVENTS = 10_000;

/**
 * A warm start replays the responses of the last 48 hours before the newest stored one (or the
 * clock) into the ledger, where copies of them may still come (the files being written, a
 * resumed session); older ones are loaded as the store's sums, and a copy of one of them is
 * looked up in the store by its key before it counts.
 */
const REPLAYED_MS = 48 * HOUR;
/** Copies of one response are timed milliseconds apart: one just past the cutoff may still be of a summed response. */
const RECALL_MARGIN_MS = HOUR;

interface Pending {
  events: KeyedEvent[];
  hits: LimitHit[];
  /** The latest position per file. */
  positions: Map<string, FilePosition>;
}

function emptyPending(): Pending {
  return { events: [], hits: [], positions: new Map() };
}

/**
 * Keeps the history store in step with the logs: every batch read is stored with the file's
 * new position in one transaction, and a warm start resumes each unchanged file at its stored
 * offset and loads the stored responses, so only new bytes are read. Responses whose log
 * files are gone stay in the store and are shown as history (`fromStore`).
 */
export class HistorySync {
  /** Stored files no longer on disk: their responses come from the store alone. */
  private readonly gone = new Set<string>();
  private pending = emptyPending();
  /** Responses before this are loaded as sums (null until the first load; -Infinity: replayed all). */
  private sumsBefore: number | null = null;
  /**
   * Writes wait while sums are still to load: a copy that grew a summed response must not reach
   * the store before its sum is read, or the growth would count twice.
   */
  private holding = false;
  /** The newest stored row the loaded sums cover: a lookup by key sees no later one. */
  private summedUpToId: number | undefined;

  constructor(readonly store: HistoryStore, private readonly machine: string) {}

  /**
   * Hands each stored position to the tailer whose file is still the same file (device, inode,
   * not shorter than the offset, and either the size and mtime stored or the same first bytes);
   * other files are read from their start again (their rows are upserted, so nothing counts
   * twice). `listed` is every log file under `dirs` as listed now: a file unchanged since it
   * was stored is resumed from its listing alone, without a syscall. Returns the positions resumed.
   */
  resume(tailer: LogTailer, listed: readonly LogFile[], dirs: readonly string[]): Map<string, FilePosition> {
    const byPath = new Map(listed.map((f) => [f.path, f]));
    const resumed = new Map<string, FilePosition>();
    for (const p of this.store.positions()) {
      if (p.machine !== this.machine) continue;
      // Under the folders listed, a file not in the listing is gone; elsewhere (another root) ask.
      const file = byPath.get(p.path) ?? (isUnder(p.path, dirs) ? null : listingOf(p.path));
      if (!file) {
        this.gone.add(p.path);
        continue;
      }
      if (!sameFile(p, file)) continue;
      const seen = { mtimeMs: p.mtimeMs, tailHash: p.headHash.split('|')[1] ?? null };
      tailer.adopt(p.path, { ino: p.inode, birthtimeMs: file.birthtimeMs, cursor: { next: p.offset, end: p.offset, lineNo: p.line, long: null }, seen });
      resumed.set(p.path, p);
    }
    return resumed;
  }

  /**
   * Feeds the stored history of `[from, to]` to the ingest: the minutes' and sessions' sums of the
   * quarter hours before the replay cutoff (REPLAYED_MS), the responses around them, and the
   * limit hits. Returns how many sums and responses were read.
   */
  load(ingest: UsageIngest, from: number, to: number): number {
    const first = this.sumsBefore === null;
    const before = (this.sumsBefore ??= this.replayCutoff(ingest, to));
    if (first) this.holding = Number.isFinite(before);
    else this.holding = false;
    const sumFrom = Math.ceil(from / AGGREGATE_QUARTER) * AGGREGATE_QUARTER;
    const sumTo = Math.min(Math.floor((to + 1) / AGGREGATE_QUARTER) * AGGREGATE_QUARTER, before);
    const count = sumFrom >= sumTo ? this.replay(ingest, from, to)
      : this.replay(ingest, from, sumFrom - 1) + this.loadSums(ingest, sumFrom, sumTo) + this.replay(ingest, sumTo, to);
    for (const hit of this.store.limitHits(from)) {
      if (hit.timestamp <= to) ingest.addLimitHit({ ...hit, text: sanitize(hit.text), sessionId: sanitize(hit.sessionId) });
    }
    return count;
  }

  /** Where sums give way to responses; -Infinity (replay all) for an empty store or a price table the sums cannot price exactly. */
  private replayCutoff(ingest: UsageIngest, to: number): number {
    const newest = this.store.newestResponseAt();
    if (newest === null || !pricesSums(ingest.priceTable)) return -Infinity;
    const before = Math.floor((Math.min(to, newest) - REPLAYED_MS) / AGGREGATE_QUARTER) * AGGREGATE_QUARTER;
    const clean = repeatSanitizer();
    ingest.recall = {
      before: before + RECALL_MARGIN_MS,
      lookup: (key) => {
        // Only a summed response: a later one is replayed into the ledger (the older part after the first frame).
        // Only a row the loaded sums covered: another process may have stored this one since (it counts here from the log).
        const stored = this.store.responseByKey(key, this.summedUpToId);
        if (!stored || stored.timestamp >= before) return null;
        return { ...stored, cwd: clean(stored.cwd), sessionId: clean(stored.sessionId), model: clean(stored.model) };
      },
    };
    return before;
  }

  /** Feeds the stored responses of `[from, to]` to the ingest, by time; returns how many. */
  private replay(ingest: UsageIngest, from: number, to: number): number {
    if (from > to) return 0;
    // The store is a file on disk like the logs: its strings are untrusted too.
    const clean = repeatSanitizer();
    return this.store.forEachResponse(from, to, (response) => {
      ingest.addEvent({ ...response, cwd: clean(response.cwd), sessionId: clean(response.sessionId), model: clean(response.model) });
      if (this.gone.has(response.file)) ingest.store.markFromStore(response.timestamp);
    });
  }

  /** Feeds the minutes' and sessions' sums of the quarter hours in `[from, to)`; returns how many rows. */
  private loadSums(ingest: UsageIngest, from: number, to: number): number {
    const clean = repeatSanitizer();
    // The sums and the newest row they cover in one read: another cctop may be writing the store.
    const { minutes, sessions } = this.store.readSnapshot({ minutes: [] as StoredSum[], sessions: [] as StoredSessionSum[] }, (maxId) => {
      this.summedUpToId = maxId;
      return { minutes: this.store.minuteSums(from, to), sessions: this.store.sessionSums(from, to) };
    });
    for (const sum of minutes) ingest.addMinuteSum(tokenSum(sum, clean));
    for (const sum of sessions) {
      ingest.addSessionSum({ ...tokenSum(sum, clean), session: clean(sum.session), file: sum.file, cwd: clean(sum.cwd) });
    }
    for (const file of this.gone) for (const minute of this.store.fileMinutes(file, from, to)) ingest.store.markFromStore(minute);
    return minutes.length + sessions.length;
  }

  /**
   * Takes what one read of a file found, with the position it reached; stored together by
   * `flush` (a backfill flushes every 10,000 responses: a transaction per file is ~4× slower).
   */
  record(batch: TailBatch, events: readonly UsageEvent[], tailer: LogTailer, bad: FilePosition['bad'] | null = null): void {
    const state = tailer.stateOf(batch.file);
    const identity = batch.identity;
    if (!state || !identity || batch.error) return;
    for (const event of events) this.pending.events.push(keyed(event));
    this.pending.hits.push(...batch.hits);
    this.pending.positions.set(batch.file, {
      path: batch.file, machine: this.machine, ...identity, offset: state.cursor.next, line: state.cursor.lineNo, ...(bad ? { bad } : {}),
    });
    if (this.pending.events.length >= FLUSH_EVENTS) this.flush();
  }

  /**
   * Takes what a remote sent for one of its files, with the offset its next read starts at; or,
   * from `cctop feed`, its records with the cursor after them (`headHash` of a pseudo-file).
   */
  recordAt(path: string, offset: number, events: readonly UsageEvent[], hits: readonly LimitHit[], headHash = ''): void {
    for (const event of events) this.pending.events.push(keyed(event));
    this.pending.hits.push(...hits);
    // A remote file is known by its path and offset alone (the script checks it for shrinking).
    this.pending.positions.set(path, { path, machine: this.machine, device: 0, inode: 0, size: offset, mtimeMs: 0, offset, line: 0, headHash });
    if (this.pending.events.length >= FLUSH_EVENTS) this.flush();
  }

  /** Stores the rows taken so far with the positions that cover them, in one transaction (once the sums are loaded). */
  flush(): void {
    const { events, hits, positions } = this.pending;
    if (positions.size === 0 || this.holding) return;
    this.pending = emptyPending();
    this.store.commit({ events, hits, positions: [...positions.values()], machine: this.machine });
  }

}

/** Whether every long-context tier of the table starts where the store's prompt bands split: then a sum prices as its responses. */
function pricesSums(table: PriceTable): boolean {
  return [...longContextThresholds(table)].every((threshold) => PROMPT_BANDS.includes(threshold));
}

function tokenSum(sum: StoredSum, clean: (text: string) => string): TokenSum {
  return { ...sum, model: clean(sum.model), machine: clean(sum.machine), promptBand: promptBandBounds(sum.band) };
}

/** Whether the stored position still describes `file`: unchanged, or grown from the same first bytes. */
function sameFile(p: FilePosition, file: LogFile): boolean {
  if (file.ino !== p.inode || file.dev !== p.device || file.size < p.offset) return false;
  return (file.size === p.size && file.mtimeMs === p.mtimeMs) || sameHead(p.path, p.headHash, p.offset);
}

function isUnder(path: string, dirs: readonly string[]): boolean {
  return dirs.some((dir) => path.startsWith(dir.endsWith(sep) ? dir : dir + sep));
}

/** A file outside the folders listed, as a listing would give it; null when it is not there. */
function listingOf(path: string): LogFile | null {
  try {
    return logFileOf(path, statSync(path));
  } catch {
    return null;
  }
}

/**
 * The store's key of an event: its ids, or for a line without them (a remote's: local files key
 * theirs by inode as they are read) a key made of what it says in its file (logs/events.ts).
 */
export function keyed(event: UsageEvent): KeyedEvent {
  return event.key !== null ? event as KeyedEvent : { ...event, key: idlessKey(event.file, event) };
}
