import { promises as fsp, type Stats } from 'node:fs';
import type { LimitHit, UsageEvent } from '../usage/types.js';
import { fsErrorText } from './fs-errors.js';
import { DEFAULT_LIMITS, LineSplitter, type LineLimits, type LineSink } from './line-splitter.js';
import { lineMayMatter, parseLine } from './parse-line.js';

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
}

const DEFAULT_CHUNK = 2 ** 20;
const MAX_BAD_SAMPLES = 5;

interface FileState {
  /** Next byte to read; bytes of the unfinished line before it are held by the splitter. */
  offset: number;
  ino: number;
  birthtimeMs: number;
  /** Complete lines since byte 0, for "line N" in bad samples. */
  lineNo: number;
  splitter: LineSplitter;
}

/** Reads log files incrementally: each `read` returns what was appended since the last one. */
export class LogTailer {
  private readonly timeZone: string;
  private readonly chunkSize: number;
  private readonly limits: LineLimits;
  private readonly states = new Map<string, FileState>();
  /** The read in progress per file, so two reads of one file never interleave. */
  private readonly inFlight = new Map<string, Promise<TailBatch>>();

  constructor(opts: { timeZone: string; chunkSize?: number; limits?: LineLimits }) {
    this.timeZone = opts.timeZone;
    this.chunkSize = Math.max(1, opts.chunkSize ?? DEFAULT_CHUNK);
    this.limits = opts.limits ?? DEFAULT_LIMITS;
  }

  read(path: string): Promise<TailBatch> {
    const previous = this.inFlight.get(path) ?? Promise.resolve(null);
    const next = previous.then(() => this.readNow(path));
    this.inFlight.set(path, next);
    void next.finally(() => {
      if (this.inFlight.get(path) === next) this.inFlight.delete(path);
    });
    return next;
  }

  forget(path: string): void {
    this.states.delete(path);
  }

  has(path: string): boolean {
    return this.states.has(path);
  }

  private async readNow(path: string): Promise<TailBatch> {
    const batch = emptyBatch(path);
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(path, 'r');
    } catch (err) {
      batch.error = fsErrorText(err);
      return batch;
    }
    try {
      const stat = await handle.stat();
      const state = this.stateFor(path, stat, batch);
      await this.readRange(handle, state, stat.size, batch);
    } catch (err) {
      batch.error = fsErrorText(err);
    } finally {
      await handle.close().catch(() => undefined);
    }
    return batch;
  }

  /** The file's state, reset when the file was truncated or replaced since the last read. */
  private stateFor(path: string, stat: Stats, batch: TailBatch): FileState {
    const known = this.states.get(path);
    if (known && isSameFile(known, stat) && stat.size >= known.offset) return known;
    if (known) batch.reset = isSameFile(known, stat) ? 'truncated' : 'replaced';
    const fresh: FileState = {
      offset: 0,
      ino: stat.ino,
      birthtimeMs: stat.birthtimeMs,
      lineNo: 0,
      splitter: new LineSplitter(this.limits),
    };
    this.states.set(path, fresh);
    return fresh;
  }

  private async readRange(handle: fsp.FileHandle, state: FileState, end: number, batch: TailBatch) {
    if (state.offset >= end) return;
    const buf = Buffer.allocUnsafe(Math.min(this.chunkSize, end - state.offset));
    const sink = this.sinkFor(state, batch);
    while (state.offset < end) {
      const want = Math.min(buf.length, end - state.offset);
      const { bytesRead } = await handle.read(buf, 0, want, state.offset);
      if (bytesRead === 0) break;
      state.offset += bytesRead;
      batch.bytesRead += bytesRead;
      state.splitter.push(buf.subarray(0, bytesRead), sink);
    }
  }

  private sinkFor(state: FileState, batch: TailBatch): LineSink {
    const countBad = (reason: string) => {
      batch.badLines++;
      if (batch.badSamples.length < MAX_BAD_SAMPLES) batch.badSamples.push(`line ${state.lineNo}: ${reason}`);
    };
    return {
      line: (buf, start, end) => {
        state.lineNo++;
        batch.lines++;
        if (end === start || !lineMayMatter(buf, start, end)) return;
        let badReason: string | null = null;
        for (const result of parseLine(buf.toString('utf8', start, end), batch.file, this.timeZone)) {
          if (result.kind === 'usage') batch.events.push(result.event);
          else if (result.kind === 'limit') batch.hits.push(result.hit);
          else if (result.kind === 'bad') badReason ??= result.reason;
        }
        if (badReason !== null) countBad(badReason);
      },
      skipped: (badReason) => {
        state.lineNo++;
        batch.lines++;
        if (badReason) countBad(badReason);
      },
    };
  }
}

/** Same inode, and same birth time where the file system reports one (inodes get reused). */
function isSameFile(state: FileState, stat: Stats): boolean {
  if (state.ino !== stat.ino) return false;
  return state.birthtimeMs === 0 || stat.birthtimeMs === 0 || state.birthtimeMs === stat.birthtimeMs;
}

function emptyBatch(file: string): TailBatch {
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
  };
}
