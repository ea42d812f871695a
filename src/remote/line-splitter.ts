/**
 * The line splitting both remote parsers share (the script's frames, protocol.ts, and `cctop
 * feed`'s NDJSON, ndjson.ts): a byte stream cut anywhere into lines without their `\n`.
 * src/logs reads files with positional reads, which a pipe cannot do, hence one of its own.
 */

const NEWLINE = 0x0a;

/** Where a LineSplitter hands what it finds. */
export interface LineSink {
  /** The longest line (without its `\n`) taken at this point of the stream. */
  limit(): number;
  /** A complete line, copied (no chunk stays alive through it). */
  line(line: Buffer): void;
  /** The line so far has passed `limit()`: the stream cannot be trusted past it. */
  tooLong(): void;
  /** Whether to read no further (after a protocol violation). */
  stopped(): boolean;
}

/** Splits a byte stream into lines, holding a partial line until its newline arrives. */
export class LineSplitter {
  private parts: Buffer[] = [];
  private length = 0;

  /** Feeds one chunk: each line it completes goes to `sink`, until the sink stops. */
  push(chunk: Buffer, sink: LineSink): void {
    let at = 0;
    while (at < chunk.length && !sink.stopped()) {
      const nl = chunk.indexOf(NEWLINE, at);
      const end = nl === -1 ? chunk.length : nl;
      this.parts.push(chunk.subarray(at, end));
      this.length += end - at;
      at = nl === -1 ? chunk.length : nl + 1;
      if (this.length > sink.limit()) sink.tooLong();
      else if (nl !== -1) sink.line(this.take());
    }
  }

  private take(): Buffer {
    const line = Buffer.concat(this.parts, this.length);
    this.parts = [];
    this.length = 0;
    return line;
  }
}
