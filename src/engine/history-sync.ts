import { statSync } from 'node:fs';
import { sep } from 'node:path';
import { idlessKey, type LimitHit, type UsageEvent } from '../logs/events.js';
import { logFileOf, type LogFile } from '../logs/discover.js';
import { sameHead } from '../logs/file-head.js';
import type { LogTailer, TailBatch } from '../logs/tail.js';
import { repeatSanitizer, sanitize } from '../logs/sanitize.js';
import type { FilePosition, HistoryStore, KeyedEvent, StoredResponse } from '../store/index.js';
import { asCounted } from '../usage/dedupe.js';
import type { UsageIngest } from '../usage/ingest.js';
import { HOUR } from '../usage/time.js';

/** Responses a backfill gathers before it writes them (the store commits big batches fastest). */
const FLUSH_EVENTS = 10_000;

/**
 * How far back before a warm start's image cut the ingest's ledger holds responses (issue 21):
 * streamed copies and a subagent's progress copies come within minutes of their response, so
 * these are folded in memory; a resumed session's copies of older lines are looked up in the
 * store by key.
 */
export const LEDGER_HOLDS_MS = 48 * HOUR;

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
  /** The rows an ingest counted without holding them in its ledger: timed from `from`, ids up to `lastId` (forgetIn). */
  private counted = { from: 0, lastId: 0 };

  constructor(readonly store: HistoryStore, private readonly machine: string) {}

  /**
   * Hands each stored position to the tailer whose file is still the same file (device, inode,
   * not shorter than the offset, and either the size and mtime stored or the same first bytes);
   * other files are read from their start again (their rows are upserted, so nothing counts
   * twice). `listed` is every log file under `dirs` as listed now: a file unchanged since it
   * was stored is resumed from its listing alone, without a syscall. `positions` are the stored
   * ones, read now unless given. Returns the positions resumed.
   */
  resume(tailer: LogTailer, listed: readonly LogFile[], dirs: readonly string[], positions = this.store.positions()): Map<string, FilePosition> {
    const byPath = new Map(listed.map((f) => [f.path, f]));
    const resumed = new Map<string, FilePosition>();
    for (const p of positions) {
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

  /** Feeds the stored responses and limit hits of `[from, to]` to the ingest; returns how many. */
  load(ingest: UsageIngest, from: number, to: number): number {
    // The store is a file on disk like the logs: its strings are untrusted too.
    const clean = repeatSanitizer();
    const count = this.store.forEachResponse(from, to, (response) => {
      ingest.addStored(cleaned(response, clean));
      if (this.gone.has(response.file)) ingest.store.markFromStore(response.timestamp);
    });
    for (const hit of this.store.limitHits(from)) {
      if (hit.timestamp <= to) ingest.addLimitHit({ ...hit, text: sanitize(hit.text), sessionId: sanitize(hit.sessionId) });
    }
    return count;
  }

  /** Lets the ingest's ledger look up in the store the responses it let go of (forgetIn). */
  lookUpIn(ingest: UsageIngest): void {
    ingest.ledger.findStored = (key) => {
      const found = this.store.response(key);
      // A row added after the load (by another process), or timed before the history, was not counted here.
      if (!found || found.id > this.counted.lastId || found.timestamp < this.counted.from) return null;
      return asCounted(cleaned(found, sanitize));
    };
  }

  /**
   * Has the ingest's ledger let go of the responses timed before `before`, in the read that loads
   * the stored history from `from` (store.consistently): each row of the store then was counted,
   * from an image or replayed, and a copy of one let go of is looked up (lookUpIn).
   */
  forgetIn(ingest: UsageIngest, from: number, before: number): void {
    // An empty store (a first run) has nothing to let go of: no lookup could find what was counted.
    const lastId = this.store.lastResponseId();
    if (!ingest.ledger.findStored || lastId === 0) return;
    ingest.ledger.forgetBefore(before);
    this.counted = { from, lastId };
  }

  /** In the read that restores an image whose ledger let go of responses: the rows stored now are the ones counted. */
  countedFrom(from: number): void {
    this.counted = { from, lastId: this.store.lastResponseId() };
  }

  /** The stored files no longer on disk, as `resume` found them. */
  goneFiles(): string[] {
    return [...this.gone];
  }

  /** Whether every one of `files` is still gone (a file back on disk would count twice beside an image). */
  stillGone(files: readonly string[]): boolean {
    return files.every((f) => this.gone.has(f));
  }

  /** Marks the minutes of [from, to) with responses from files gone since `goneBefore` was taken as known from the store alone. */
  markGone(ingest: UsageIngest, goneBefore: readonly string[], from: number, to: number): void {
    const before = new Set(goneBefore);
    const since = [...this.gone].filter((f) => !before.has(f));
    for (const time of this.store.timesOf(since, from, to)) ingest.store.markFromStore(time);
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

  /** Stores the rows taken so far with the positions that cover them, in one transaction. */
  flush(): void {
    const { events, hits, positions } = this.pending;
    if (positions.size === 0) return;
    this.pending = emptyPending();
    this.store.commit({ events, hits, positions: [...positions.values()], machine: this.machine });
  }

}

/** A stored response with its log-given texts escaped: the store is a file on disk like the logs. */
function cleaned<T extends StoredResponse>(response: T, clean: (text: string) => string): T {
  return { ...response, cwd: clean(response.cwd), sessionId: clean(response.sessionId), model: clean(response.model) };
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
