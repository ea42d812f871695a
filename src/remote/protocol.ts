/**
 * The remote script's output: lines, each ended by `\n`.
 *
 *   CCTOP 1                          hello (protocol version); anything before it is ignored
 *   R <dir>                          a projects folder being followed
 *   E <code> <text>                  fatal: nopath, noaccess, noroot, tools or tmp; the script exits
 *   F <flag> <from> <id> <path>      the lines of bytes [from, to) of <path> that hold a
 *   <line>…                          prefilter marker, where to is the byte after the last
 *   . <to>                           newline. Flag `=`: from is the known offset; `!`: the
 *                                    file shrank, `~`: it was replaced (another inode or
 *                                    first line, or no newline before the known offset), and
 *                                    is read again from 0. <id>: `<inode>[:<first line hash>]`
 *   S                                the first full pass is done
 *   H <n>                            heartbeat (every few seconds)
 *
 * Every payload line holds a marker and the closing `. <to>` holds none, so the framing holds
 * for any bytes, and the sender needs no length up front (grep and awk print straight to ssh).
 * A path is the rest of its line (spaces allowed; no line break).
 */
import { PREFILTER_MARKERS } from '../logs/parse-line.js';
import { sanitize } from '../logs/sanitize.js';
import type { TailBatch } from '../logs/tail.js';
import { LineSplitter } from './line-splitter.js';

/** One unit of the remote script's output, checked. */
export type Frame =
  | { kind: 'hello' }
  | { kind: 'root'; dir: string }
  | { kind: 'error'; code: string; text: string }
  /**
   * `lines` without `\n` or a trailing `\r`; `bytes`: their size as sent; `id`: what the script
   * knows the file by (kept with the offset, handed back on the next connection).
   */
  | { kind: 'file'; file: string; reset: TailBatch['reset']; id: string; from: number; to: number; lines: Buffer[]; bytes: number }
  | { kind: 'synced' }
  | { kind: 'heartbeat' }
  /** A protocol violation: the stream cannot be trusted past it. */
  | { kind: 'bad'; reason: string };

type FileFrame = Extract<Frame, { kind: 'file' }>;

const CR = 0x0d;
const MAX_HEADER = 16 * 1024;
/** Bytes a login shell may print before the hello (a chatty .bashrc) before we give up. */
const MAX_PREAMBLE = 64 * 1024;
/** Far above any frame the script sends (4 MiB reads, longer only for a line longer than that). */
export const MAX_PAYLOAD = 256 * 2 ** 20;
const FILE_HEAD = /^F ([=!~]) (\d{1,16}) (\d{1,20}(?::\d{1,10})?) (.+)$/s;
/** A file's id as the script prints it: its inode, and the hash of its first line once known. */
export const FILE_ID = /^\d{1,20}(?::\d{1,10})?$/;
const RESETS = { '=': 'none', '!': 'truncated', '~': 'replaced' } as const;
const FILE_END = /^\. (\d{1,16})$/;

/** Turns the remote's byte stream into frames; after a `bad` frame it reads nothing more. */
export class FrameParser {
  private readonly lines = new LineSplitter();
  private body: FileFrame | null = null;
  private greeted = false;
  private preamble = 0;
  private broken = false;

  /** The frames completed by `chunk`. */
  push(chunk: Buffer): Frame[] {
    const out: Frame[] = [];
    this.lines.push(chunk, {
      limit: () => this.lineLimit(),
      line: (line) => this.line(line, out),
      tooLong: () => this.fail(out, this.tooLong()),
      stopped: () => this.broken,
    });
    return out;
  }

  private lineLimit(): number {
    if (!this.greeted) return MAX_PREAMBLE;
    return this.body ? MAX_PAYLOAD - this.body.bytes : MAX_HEADER;
  }

  private tooLong(): string {
    if (!this.greeted) return 'no cctop hello from the remote shell';
    return this.body ? `payload too large (${sanitize(this.body.file)})` : 'header line too long';
  }

  private line(line: Buffer, out: Frame[]): void {
    if (!this.body) return this.headerLine(line.toString('utf8'), out);
    if (!PREFILTER_MARKERS.some((m) => line.includes(m))) return this.endOfFile(line, out);
    this.body.bytes += line.length + 1;
    this.body.lines.push(line[line.length - 1] === CR ? line.subarray(0, -1) : line);
  }

  /** The line without a marker: it must be `. <to>`. */
  private endOfFile(line: Buffer, out: Frame[]): void {
    const body = this.body!;
    const m = line.length < 24 ? FILE_END.exec(line.toString('latin1')) : null;
    if (!m) return this.fail(out, `payload line without a marker (${sanitize(body.file)})`);
    body.to = Number(m[1]);
    const reason = checkRange(body);
    if (reason) return this.fail(out, `${reason} (${sanitize(body.file)})`);
    out.push(body);
    this.body = null;
  }

  private headerLine(line: string, out: Frame[]): void {
    if (!this.greeted) return this.preambleLine(line, out);
    const [tag, rest = ''] = splitFirst(line);
    if (tag === 'F') return this.fileHeader(line, out);
    if (tag === 'H') return void out.push({ kind: 'heartbeat' });
    if (tag === 'S' && rest === '') return void out.push({ kind: 'synced' });
    if (tag === 'R' && rest !== '') return void out.push({ kind: 'root', dir: rest });
    if (tag === 'E') {
      const [code, text = ''] = splitFirst(rest);
      return void out.push({ kind: 'error', code: sanitize(code), text: sanitize(text) });
    }
    this.fail(out, `unknown frame ${JSON.stringify(sanitize(line.slice(0, 40)))}`);
  }

  private preambleLine(line: string, out: Frame[]): void {
    this.preamble += line.length + 1;
    if (line === 'CCTOP 1') {
      this.greeted = true;
      out.push({ kind: 'hello' });
    } else if (line.startsWith('CCTOP ')) {
      this.fail(out, `unsupported protocol ${JSON.stringify(sanitize(line.slice(0, 40)))}`);
    } else if (this.preamble > MAX_PREAMBLE) {
      this.fail(out, 'no cctop hello from the remote shell');
    }
  }

  private fileHeader(line: string, out: Frame[]): void {
    const m = FILE_HEAD.exec(line);
    if (!m) return this.fail(out, 'malformed F header');
    const reset = RESETS[m[1] as keyof typeof RESETS];
    const frame: FileFrame = { kind: 'file', file: m[4]!, reset, id: m[3]!, from: Number(m[2]), to: 0, lines: [], bytes: 0 };
    const reason = checkHeader(frame);
    if (reason) return this.fail(out, `${reason} (${sanitize(frame.file)})`);
    this.body = frame;
  }

  private fail(out: Frame[], reason: string): void {
    this.broken = true;
    out.push({ kind: 'bad', reason });
  }
}

function checkHeader(f: FileFrame): string | null {
  if (!Number.isSafeInteger(f.from)) return 'offset out of range';
  if (f.reset !== 'none' && f.from !== 0) return 'reset frame not at offset 0';
  if (!f.file.startsWith('/')) return 'path not absolute';
  return null;
}

function checkRange(f: FileFrame): string | null {
  if (!Number.isSafeInteger(f.to)) return 'offset out of range';
  if (f.from > f.to) return 'frame ends before it starts';
  if (f.bytes > f.to - f.from) return 'payload longer than its byte range';
  return null;
}

function splitFirst(text: string): [string, string?] {
  const space = text.indexOf(' ');
  return space === -1 ? [text] : [text.slice(0, space), text.slice(space + 1)];
}
