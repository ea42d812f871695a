import fs from 'node:fs';
import type { LineLimits } from './line-limits.js';
import { LONGEST_MARKER, PREFILTER_MARKERS, lineMayMatter } from './parse-line.js';

const NEWLINE = 0x0a;
const CR = 0x0d;
const SEAM = LONGEST_MARKER - 1;

/** Where reading one file stands between two reads. Plain data, so it can cross threads. */
export interface LineCursor {
  /** File position the next read starts at: the unfinished line's first byte (it is read again). */
  next: number;
  /** File position up to which bytes were read, for `bytesRead`. */
  end: number;
  /** Complete lines since byte 0. */
  lineNo: number;
  /** An unfinished line longer than the read buffer, scanned without being kept. */
  long: LongLine | null;
}

interface LongLine {
  start: number;
  /** File position of its first marker, -1 while none seen. */
  markerAt: number;
  /** Its last bytes scanned, to find a marker split across two reads. */
  seam: Buffer;
}

export interface FileLineSink {
  /** A complete line holding a prefilter marker: `buf[start, end)`, without `\n` or a trailing `\r`. */
  line(buf: Buffer, start: number, end: number): void;
  /** A line with a marker dropped for its length. */
  dropped(reason: string): void;
}

export function newCursor(): LineCursor {
  return { next: 0, end: 0, lineNo: 0, long: null };
}

/**
 * Reads the complete lines of a file with synchronous positional reads into one reused buffer.
 * Lines without a prefilter marker are only counted: markers are searched for once per buffer
 * (not per line), and an unfinished line is moved to the buffer's front instead of being
 * copied. A line longer than the buffer is scanned in passing and, only if it holds a marker,
 * read again from disk in one piece, so no markerless bytes are ever held.
 */
export class FileLineReader {
  constructor(
    private readonly buf: Buffer,
    private readonly limits: LineLimits,
  ) {}

  /** Reads `[cursor.next, size)` and advances the cursor; returns the bytes read past `cursor.end`. */
  read(fd: number, cursor: LineCursor, size: number, sink: FileLineSink): number {
    const before = cursor.end;
    let base = cursor.next;
    let filled = 0;
    while (base + filled < size) {
      const n = fs.readSync(fd, this.buf, filled, Math.min(this.buf.length - filled, size - base - filled), base + filled);
      if (n === 0) break;
      filled += n;
      cursor.end = Math.max(cursor.end, base + filled);
      const view = this.buf.subarray(0, filled);
      const markers = new MarkerIndex(view);
      let pos = 0;
      if (cursor.long) {
        pos = this.continueLong(fd, cursor, view, base, markers, sink);
        if (pos === -1) {
          base += filled;
          filled = 0;
          continue;
        }
      }
      pos = this.completeLines(cursor, view, pos, markers, sink);
      if (pos === 0 && filled === this.buf.length) {
        const at = markers.first(0, filled);
        cursor.long = { start: base, markerAt: at === -1 ? -1 : base + at, seam: seamOf(view) };
        base += filled;
        filled = 0;
        continue;
      }
      this.buf.copyWithin(0, pos, filled);
      base += pos;
      filled -= pos;
    }
    cursor.next = base;
    return Math.max(0, cursor.end - before);
  }

  private completeLines(cursor: LineCursor, view: Buffer, from: number, markers: MarkerIndex, sink: FileLineSink): number {
    let pos = from;
    for (let nl = view.indexOf(NEWLINE, pos); nl !== -1; nl = view.indexOf(NEWLINE, pos)) {
      cursor.lineNo++;
      const end = withoutCR(view, pos, nl);
      const at = markers.first(pos, end);
      if (at !== -1) {
        const reason = this.tooLong(end - pos, at - pos);
        if (reason) sink.dropped(reason);
        else sink.line(view, pos, end);
      }
      pos = nl + 1;
    }
    return pos;
  }

  /** Feeds the next buffer to a long line; returns where the buffer's own lines start, or -1. */
  private continueLong(fd: number, cursor: LineCursor, view: Buffer, base: number, markers: MarkerIndex, sink: FileLineSink): number {
    const long = cursor.long!;
    const nl = view.indexOf(NEWLINE);
    const scanned = nl === -1 ? view.length : nl;
    if (long.markerAt === -1) {
      const seam = Buffer.concat([long.seam, view.subarray(0, Math.min(SEAM, scanned))]);
      const at = lineMayMatter(seam, 0, seam.length) ? 0 : markers.first(0, scanned);
      if (at !== -1) long.markerAt = base + at;
    }
    if (nl === -1) {
      long.seam = seamOf(view.length >= SEAM ? view : Buffer.concat([long.seam, view]));
      return -1;
    }
    cursor.lineNo++;
    cursor.long = null;
    if (long.markerAt !== -1) this.finishLong(fd, long, base + nl, sink);
    return nl + 1;
  }

  private finishLong(fd: number, long: LongLine, newline: number, sink: FileLineSink): void {
    const reason = this.tooLong(newline - long.start, long.markerAt - long.start);
    if (reason) return sink.dropped(reason);
    const line = Buffer.allocUnsafe(newline - long.start);
    let got = 0;
    while (got < line.length) {
      const n = fs.readSync(fd, line, got, line.length - got, long.start + got);
      if (n === 0) break;
      got += n;
    }
    sink.line(line, 0, withoutCR(line, 0, got));
  }

  /** Why a line with a marker at `markerOffset` is too long to parse, or null. */
  private tooLong(length: number, markerOffset: number): string | null {
    const { dropAlways, skipWithoutMarker } = this.limits;
    if (length > dropAlways) return `line over ${mib(dropAlways)}`;
    if (markerOffset > skipWithoutMarker) return `marker after the first ${mib(skipWithoutMarker)} of a long line; line dropped`;
    return null;
  }
}

/**
 * A marker is searched for by a suffix that starts with a rarer byte (Buffer.indexOf runs
 * memchr on the first byte before falling back to Boyer-Moore-Horspool), then its prefix is
 * checked: `usage"` is two to three times faster to find in real logs than `"usage"`.
 */
interface MarkerSearch {
  needle: Buffer;
  prefix: Buffer;
}

const SEARCHES: MarkerSearch[] = PREFILTER_MARKERS.map((marker) => {
  const text = marker.toString('latin1');
  const cut = text === '"usage"' ? 1 : text === '"rate_limit"' ? 5 : text === 'isApiErrorMessage' ? 10 : 0;
  return { needle: Buffer.from(text.slice(cut), 'latin1'), prefix: Buffer.from(text.slice(0, cut), 'latin1') };
});

/** The next position of each marker in one buffer, searched lazily: each marker scans the buffer once. */
class MarkerIndex {
  private readonly next: number[] = SEARCHES.map(() => -2);

  constructor(private readonly view: Buffer) {}

  /** The first marker position in `[start, end)`, or -1. */
  first(start: number, end: number): number {
    let best = -1;
    for (let i = 0; i < SEARCHES.length; i++) {
      let at = this.next[i]!;
      if (at === -1) continue;
      if (at < start) {
        at = this.find(SEARCHES[i]!, start);
        this.next[i] = at;
        if (at === -1) continue;
      }
      if (at < end && (best === -1 || at < best)) best = at;
    }
    return best;
  }

  private find({ needle, prefix }: MarkerSearch, from: number): number {
    for (let at = this.view.indexOf(needle, from + prefix.length); at !== -1; at = this.view.indexOf(needle, at + 1)) {
      if (hasAt(this.view, prefix, at - prefix.length)) return at - prefix.length;
    }
    return -1;
  }
}

function hasAt(buf: Buffer, bytes: Buffer, at: number): boolean {
  for (let i = 0; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false;
  return true;
}

function seamOf(bytes: Buffer): Buffer {
  return Buffer.from(bytes.subarray(Math.max(0, bytes.length - SEAM)));
}

function withoutCR(buf: Buffer, start: number, end: number): number {
  return end > start && buf[end - 1] === CR ? end - 1 : end;
}

function mib(bytes: number): string {
  return bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MiB` : `${bytes} bytes`;
}
