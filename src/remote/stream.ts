import { FEED_HELLO, FeedParser, type FeedFrame } from './ndjson.js';
import { FrameParser, type Frame } from './protocol.js';

/** Which program answers on the remote: `cctop feed` (mode 1) or the sh script (mode 2). */
export type RemoteMode = 'cctop' | 'script';

/** A frame of either mode. */
export type AnyFrame = Frame | FeedFrame;

const NEWLINE = 0x0a;
/** Bytes a login shell may print before the hello (as protocol.ts allows). */
const MAX_PREAMBLE = 64 * 1024;

/**
 * One connection's output: holds what comes before the first hello, then hands everything
 * (the preamble too, which both parsers skip) to the parser of the mode that said hello.
 * Past `MAX_PREAMBLE` bytes without a hello (an `--ssh-command` wrapper that prints instead of
 * running ssh), or after any frame of its parser's that is `bad`, the stream is dropped: it
 * holds nothing more and reads nothing more.
 */
export class RemoteStream {
  private parser: { push(chunk: Buffer): AnyFrame[] } | null = null;
  private held: Buffer = Buffer.alloc(0);
  private mode_: RemoteMode | null = null;
  private dropped_ = false;

  /** Whether the stream was dropped: nothing it receives is read any more. */
  get dropped(): boolean {
    return this.dropped_;
  }

  /** The mode, once its hello has arrived. */
  get mode(): RemoteMode | null {
    return this.mode_;
  }

  /** The frames completed by `chunk`. */
  push(chunk: Buffer): AnyFrame[] {
    if (this.dropped_) return [];
    const frames = this.parser ? this.parser.push(chunk) : this.preamble(chunk);
    if (frames.some((frame) => frame.kind === 'bad')) this.drop();
    return frames;
  }

  /** Holds `chunk` until a hello arrives, then hands all held to that mode's parser. */
  private preamble(chunk: Buffer): AnyFrame[] {
    const from = Math.max(0, this.held.length - 1);
    this.held = Buffer.concat([this.held, chunk]);
    const mode = helloIn(this.held, from);
    if (mode === null) {
      return this.held.length > MAX_PREAMBLE ? [{ kind: 'bad', reason: 'no cctop hello from the remote shell' }] : [];
    }
    this.mode_ = mode;
    this.parser = mode === 'cctop' ? new FeedParser() : new FrameParser();
    const held = this.held;
    this.held = Buffer.alloc(0);
    return this.parser.push(held);
  }

  private drop(): void {
    this.dropped_ = true;
    this.parser = null;
    this.held = Buffer.alloc(0);
  }
}

/** The mode of the first hello among the complete lines of `bytes` (scanning from `from`), or null. */
function helloIn(bytes: Buffer, from: number): RemoteMode | null {
  let start = bytes.lastIndexOf(NEWLINE, from) + 1;
  for (let nl = bytes.indexOf(NEWLINE, start); nl !== -1; nl = bytes.indexOf(NEWLINE, start)) {
    const line = bytes.toString('latin1', start, bytes[nl - 1] === 0x0d && nl > start ? nl - 1 : nl);
    if (line.startsWith('CCTOP ')) return 'script';
    if (line.startsWith('{"cctop":')) return 'cctop';
    start = nl + 1;
  }
  return null;
}
