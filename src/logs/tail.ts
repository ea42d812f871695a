import fs, { type Stats } from 'node:fs';
import type { LimitHit, UsageEvent } from './events.js';
import { addBadLine, addLine } from './line-batch.js';
import { FileLineReader, newCursor, type FileLineSink, type LineCursor } from './file-lines.js';
import { identityOf, tailHashOf, type FileIdentity } from './file-head.js';
import { fsReason } from './fs-errors.js';
import { DEFAULT_LIMITS, type LineLimits } from './line-limits.js';
import { parseLineBytes } from './parse-bytes.js';

export interface TailBatch {
  file: string;
  events: UsageEvent[];
  hits: LimitHit[];
  lines: number;
  badLines: number;
  badSamples: string[];
  bytesRead: number;
  reset: 'none' | 'truncated' | 'replaced';
  error: string | null;
  /** What identifies the file as read, for a history store to resume it; null when nothing was read. */
  identity: FileIdentity | null;
}

/** Where the tailer stands in one file: plain data, handed over from a scan worker. */
export interface TailState {
  ino: number;
  birthtimeMs: number;
  cursor: LineCursor;
  /**
   * The mtime at the last read and the hash of the bytes before `cursor.next` (null: unknown).
   * When the mtime moves, those bytes must still be there: a rewrite that kept the size, the
   * inode and the first line is read again from the start (issue 20), not missed for good.
   */
  seen?: { mtimeMs: number; tailHash: string | null };
}

const DEFAULT_CHUNK = 2 ** 20;
/** O_NONBLOCK: opening a FIFO that was named like a log must not hang the reader. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Reads log files incrementally: each `read` returns what was appended since the last one.
 * Reads are synchronous positional reads (a thread-pool round trip per call costs more than
 * reading an append); `read` still serializes per file and returns a promise.
 */
export class LogTailer {
  /** What a scan worker's tailer needs to read like this one. */
  readonly settings: { timeZone: string; limits: LineLimits };
  private readonly timeZone: string;
  /** Whether lines go through the byte fast path (false: all through JSON.parse + zod, for comparison). */
  private readonly fastPath: boolean;
  private readonly lines: FileLineReader;
  private readonly states = new Map<string, TailState>();
  /** The read in progress per file, so two reads of one file never interleave. */
  private readonly inFlight = new Map<string, Promise<TailBatch>>();

  /** Whether reads report the file's identity (its first bytes are hashed: only a history store needs it). */
  private readonly identify: boolean;

  constructor(opts: { timeZone: string; chunkSize?: number; limits?: LineLimits; identify?: boolean; fastPath?: boolean }) {
    this.timeZone = opts.timeZone;
    this.fastPath = opts.fastPath ?? true;
    this.identify = opts.identify ?? false;
    const chunk = Math.max(64, opts.chunkSize ?? DEFAULT_CHUNK);
    const limits = opts.limits ?? DEFAULT_LIMITS;
    this.settings = { timeZone: opts.timeZone, limits };
    this.lines = new FileLineReader(Buffer.allocUnsafe(chunk), limits);
  }

  read(path: string): Promise<TailBatch> {
    const previous = this.inFlight.get(path) ?? Promise.resolve(null);
    const next = previous.then(() => this.readSync(path));
    this.inFlight.set(path, next);
    void next.finally(() => {
      if (this.inFlight.get(path) === next) this.inFlight.delete(path);
    });
    return next;
  }

  /** What was appended since the last read, read now (for scan workers; the app uses `read`). */
  readSync(path: string): TailBatch {
    const batch = emptyBatch(path);
    let fd: number;
    try {
      fd = fs.openSync(path, OPEN_FLAGS);
    } catch (err) {
      batch.error = fsReason(err);
      return batch;
    }
    try {
      const stat = fs.fstatSync(fd);
      const state = this.stateFor(path, stat, batch, fd);
      const lineNo = state.cursor.lineNo;
      batch.bytesRead = this.lines.read(fd, state.cursor, stat.size, this.sinkFor(state.cursor, batch, `ino:${stat.dev}:${stat.ino}`));
      batch.lines = state.cursor.lineNo - lineNo;
      if (state.seen?.mtimeMs !== stat.mtimeMs || batch.bytesRead > 0) {
        state.seen = { mtimeMs: stat.mtimeMs, tailHash: tailHashOf(fd, state.cursor.next) };
      }
      // A read that found nothing new leaves the stored position as it is: no hash needed.
      if (this.identify && (batch.bytesRead > 0 || batch.reset !== 'none')) batch.identity = identityOf(fd, stat, state.cursor.next);
    } catch (err) {
      batch.error = fsReason(err);
    } finally {
      fs.closeSync(fd);
    }
    return batch;
  }

  forget(path: string): void {
    this.states.delete(path);
  }

  /** The state after the last read of `path`, to hand over to another tailer. */
  stateOf(path: string): TailState | null {
    return this.states.get(path) ?? null;
  }

  /** Continues `path` from a state another tailer (a scan worker) reached. */
  adopt(path: string, state: TailState): void {
    const long = state.cursor.long;
    // Structured cloning turns a Buffer into a plain Uint8Array.
    if (long) long.seam = Buffer.from(long.seam);
    this.states.set(path, state);
  }

  /** The file's state, reset when the file was truncated, rewritten or replaced since the last read. */
  private stateFor(path: string, stat: Stats, batch: TailBatch, fd: number): TailState {
    const known = this.states.get(path);
    const same = known !== undefined && isSameFile(known, stat);
    if (same && stat.size >= known.cursor.end && !rewritten(known, stat, fd)) return known;
    if (known) batch.reset = same ? 'truncated' : 'replaced';
    const fresh: TailState = { ino: stat.ino, birthtimeMs: stat.birthtimeMs, cursor: newCursor() };
    this.states.set(path, fresh);
    return fresh;
  }

  /** Hands each line's results to `batch`; a line without ids is keyed by the file's identity `fileId`. */
  private sinkFor(cursor: LineCursor, batch: TailBatch, fileId: string): FileLineSink {
    return {
      line: (buf, start, end) => {
        const results = parseLineBytes(buf, start, end, batch.file, this.timeZone, this.fastPath);
        addLine(batch, results, { fileId, where: `line ${cursor.lineNo}` });
      },
      dropped: (reason) => addBadLine(batch, reason, `line ${cursor.lineNo}`),
    };
  }
}

/** The mtime moved and the bytes before the read offset are not the ones read (a rewrite in place). */
function rewritten(state: TailState, stat: Stats, fd: number): boolean {
  const seen = state.seen;
  if (!seen || seen.tailHash === null || seen.mtimeMs === stat.mtimeMs) return false;
  return tailHashOf(fd, state.cursor.next) !== seen.tailHash;
}

/** Same inode, and same birth time where the file system reports one (inodes get reused). */
function isSameFile(state: TailState, stat: Stats): boolean {
  if (state.ino !== stat.ino) return false;
  return state.birthtimeMs === 0 || stat.birthtimeMs === 0 || state.birthtimeMs === stat.birthtimeMs;
}

/** A batch that read nothing: the start of every batch, a remote's too. */
export function emptyBatch(file: string): TailBatch {
  return {
    file,
    events: [],
    hits: [],
    lines: 0,
    badLines: 0,
    badSamples: [],
    bytesRead: 0,
    reset: 'none',
    error: null,
    identity: null,
  };
}
