import { lineMayMatter } from './parse-line.js';

const NEWLINE = 0x0a;
const CR = 0x0d;
/** Enough bytes to hold any prefilter marker split across two reads. */
const TAIL_BYTES = 32;

export interface LineSink {
  /** A complete line: `buf[start, end)`, without `\n` or a trailing `\r`. */
  line(buf: Buffer, start: number, end: number): void;
  /** A line too long to keep; `badReason` is set when it held a prefilter marker (so it was lost data). */
  skipped(badReason: string | null): void;
}

export interface LineLimits {
  /** A line with no marker yet is dropped once it is this long. */
  skipWithoutMarker: number;
  /** Any line is dropped once it is this long. */
  dropAlways: number;
}

/**
 * No line with usage is anywhere near 16 MiB (a response's content is bounded by its output
 * tokens); a line that long is damage, and parsing it would cost ~3× its size in memory.
 */
export const DEFAULT_LIMITS: LineLimits = { skipWithoutMarker: 8 * 2 ** 20, dropAlways: 16 * 2 ** 20 };

/**
 * Splits a byte stream on `\n`, holding the unfinished last line as bytes (so a read that ends
 * inside a UTF-8 character is fine) until its newline arrives.
 */
export class LineSplitter {
  private pieces: Buffer[] = [];
  private pendingBytes = 0;
  private markerSeen = false;
  private skipping = false;
  private tail: Buffer = Buffer.alloc(0);

  constructor(private readonly limits: LineLimits = DEFAULT_LIMITS) {}

  /** Feeds one chunk. The chunk may be reused by the caller afterwards. */
  push(chunk: Buffer, sink: LineSink): void {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE, start); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      this.endLine(chunk, start, nl, sink);
      start = nl + 1;
    }
    if (start < chunk.length) this.hold(chunk.subarray(start));
  }

  /** Bytes of the unfinished line held in memory (0 while skipping a long line). */
  get heldBytes(): number {
    return this.skipping ? 0 : this.pendingBytes;
  }

  /** Drops the unfinished line (after truncation or replacement of the file). */
  reset(): void {
    this.pieces = [];
    this.pendingBytes = 0;
    this.markerSeen = false;
    this.skipping = false;
    this.tail = Buffer.alloc(0);
  }

  private endLine(chunk: Buffer, start: number, nl: number, sink: LineSink): void {
    if (this.skipping) {
      this.scanForMarker(chunk.subarray(start, nl));
      const reason = this.skippedReason();
      this.reset();
      sink.skipped(reason);
      return;
    }
    if (this.pendingBytes === 0) {
      sink.line(chunk, start, withoutCR(chunk, start, nl));
      return;
    }
    const line = Buffer.concat([...this.pieces, chunk.subarray(start, nl)]);
    this.reset();
    sink.line(line, 0, withoutCR(line, 0, line.length));
  }

  private hold(bytes: Buffer): void {
    this.scanForMarker(bytes);
    this.pendingBytes += bytes.length;
    if (!this.skipping) this.pieces.push(Buffer.from(bytes));
    if (this.skipping || !this.tooLong()) return;
    this.skipping = true;
    this.pieces = [];
  }

  private tooLong(): boolean {
    if (this.pendingBytes > this.limits.dropAlways) return true;
    return !this.markerSeen && this.pendingBytes > this.limits.skipWithoutMarker;
  }

  private skippedReason(): string | null {
    if (!this.markerSeen) return null;
    if (this.pendingBytes > this.limits.dropAlways) return `line over ${mib(this.limits.dropAlways)}`;
    return `marker after the first ${mib(this.limits.skipWithoutMarker)} of a long line; line dropped`;
  }

  private scanForMarker(bytes: Buffer): void {
    if (!this.markerSeen) {
      const seam = Buffer.concat([this.tail, bytes.subarray(0, TAIL_BYTES)]);
      this.markerSeen = lineMayMatter(seam, 0, seam.length) || lineMayMatter(bytes, 0, bytes.length);
    }
    const joined = bytes.length >= TAIL_BYTES ? bytes : Buffer.concat([this.tail, bytes]);
    this.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - TAIL_BYTES)));
  }
}

function withoutCR(buf: Buffer, start: number, end: number): number {
  return end > start && buf[end - 1] === CR ? end - 1 : end;
}

function mib(bytes: number): string {
  return bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MiB` : `${bytes} bytes`;
}
