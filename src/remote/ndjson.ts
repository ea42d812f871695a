/**
 * Mode 1: what `cctop feed` writes on stdout, one JSON value per line (NDJSON).
 *
 *   {"cctop":1}                      hello (protocol version); anything before it is ignored
 *   {"e": <UsageEvent>}              a usage record, parsed and sanitized on the remote
 *   {"h": <LimitHit>}                a limit hit
 *   {"l": {"lines": <n>, "bad": {<path>: {"n": <n>, "samples": [<text>…]}}}}
 *                                    the lines read, and the bad ones per file ("bad" only
 *                                    when there are), so the receiver's diagnostics show them
 *   {"c": {<path>: <pos> | null}}    ends a batch: the positions its reads reached (null: the
 *                                    file is gone); the records before it count only
 *                                    once it arrives, so a resumed feed sends nothing twice
 *   {"s": true}                      the first full pass is done
 *   {"hb": <n>}                      heartbeat (every 5 s)
 *   {"err": {"code": <c>, "text": <t>}}  fatal, as the script's `E` frame; the feed exits
 *
 * Positions and the cursor they make up are described in feed-cursor.ts.
 */
import type { LimitHit, UsageEvent } from '../logs/events.js';
import { sanitize } from '../logs/sanitize.js';
import { checkEvent, checkHit, checkLineCounts, checkPositions, isObject, type BadLines } from './feed-check.js';
import { LineSplitter } from './line-splitter.js';

/** The first line `cctop feed` prints. */
export const FEED_HELLO = '{"cctop":1}';

/** One batch of records, with the positions that cover them. */
export interface BatchFrame {
  kind: 'batch';
  events: UsageEvent[];
  hits: LimitHit[];
  /** Lines the feed read for this batch, and the bad ones per remote file. */
  lines: number;
  bad: Map<string, BadLines>;
  positions: Map<string, string | null>;
}

/** A unit of the feed's output, checked (the kinds it shares with the script's frames read the same). */
export type FeedFrame =
  | { kind: 'hello' }
  | { kind: 'synced' }
  | { kind: 'heartbeat' }
  | { kind: 'error'; code: string; text: string }
  | BatchFrame
  | { kind: 'bad'; reason: string };

/** Far above any line the feed writes (a batch ends after 500 files, an event is ~1 KB). */
export const MAX_LINE = 8 * 2 ** 20;
const MAX_PREAMBLE = 64 * 1024;
/** Records (and files with bad lines) without a closing position: the feed closes a batch every 2,000. */
const MAX_PENDING = 100_000;
/** Bad-line samples kept per file and batch (as a local file's). */
const MAX_SAMPLES = 5;

/** Turns the feed's byte stream into frames; after a `bad` frame it reads nothing more. */
export class FeedParser {
  private readonly splitter = new LineSplitter();
  private greeted = false;
  private preamble = 0;
  private broken = false;
  private events: UsageEvent[] = [];
  private hits: LimitHit[] = [];
  private lines = 0;
  private bad = new Map<string, BadLines>();

  /** The frames completed by `chunk`. */
  push(chunk: Buffer): FeedFrame[] {
    const out: FeedFrame[] = [];
    this.splitter.push(chunk, {
      limit: () => (this.greeted ? MAX_LINE : MAX_PREAMBLE),
      line: (line) => this.line(textOf(line), out),
      tooLong: () => this.fail(out, this.greeted ? 'line too long' : 'no cctop hello from the remote'),
      stopped: () => this.broken,
    });
    return out;
  }

  private line(line: string, out: FeedFrame[]): void {
    if (!this.greeted) return this.preambleLine(line, out);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return this.fail(out, `not JSON: ${JSON.stringify(sanitize(line.slice(0, 40)))}`);
    }
    const keys = isObject(value) ? Object.keys(value) : [];
    if (keys.length !== 1) return this.fail(out, `not a feed record: ${JSON.stringify(sanitize(line.slice(0, 40)))}`);
    this.record(keys[0]!, (value as Record<string, unknown>)[keys[0]!], out);
  }

  private record(tag: string, v: unknown, out: FeedFrame[]): void {
    if (tag === 'e' || tag === 'h') return this.take(tag, v, out);
    if (tag === 'c') return this.closeBatch(v, out);
    if (tag === 'l') return this.countLines(v, out);
    if (tag === 's' && v === true) return void out.push({ kind: 'synced' });
    if (tag === 'hb' && typeof v === 'number') return void out.push({ kind: 'heartbeat' });
    if (tag === 'err' && isObject(v) && typeof v.code === 'string' && typeof v.text === 'string') {
      return void out.push({ kind: 'error', code: sanitize(v.code), text: sanitize(v.text) });
    }
    this.fail(out, `unknown record ${JSON.stringify(sanitize(tag.slice(0, 20)))}`);
  }

  private take(tag: 'e' | 'h', v: unknown, out: FeedFrame[]): void {
    if (this.pending() >= MAX_PENDING) return this.fail(out, 'batch without an end');
    const checked = tag === 'e' ? checkEvent(v) : checkHit(v);
    if (!checked.ok) return this.fail(out, checked.reason);
    if (tag === 'e') this.events.push(checked.value as UsageEvent);
    else this.hits.push(checked.value as LimitHit);
  }

  private closeBatch(v: unknown, out: FeedFrame[]): void {
    const checked = checkPositions(v);
    if (!checked.ok) return this.fail(out, checked.reason);
    out.push({ kind: 'batch', events: this.events, hits: this.hits, lines: this.lines, bad: this.bad, positions: checked.value });
    this.events = [];
    this.hits = [];
    this.lines = 0;
    this.bad = new Map();
  }

  private countLines(v: unknown, out: FeedFrame[]): void {
    const checked = checkLineCounts(v);
    if (!checked.ok) return this.fail(out, checked.reason);
    if (this.pending() + checked.value.bad.size >= MAX_PENDING) return this.fail(out, 'batch without an end');
    this.lines += checked.value.lines;
    for (const [path, { count, samples }] of checked.value.bad) {
      const known = this.bad.get(path) ?? { count: 0, samples: [] };
      this.bad.set(path, { count: known.count + count, samples: [...known.samples, ...samples].slice(0, MAX_SAMPLES) });
    }
  }

  private pending(): number {
    return this.events.length + this.hits.length + this.bad.size;
  }

  private preambleLine(line: string, out: FeedFrame[]): void {
    this.preamble += line.length + 1;
    if (line === FEED_HELLO) {
      this.greeted = true;
      out.push({ kind: 'hello' });
    } else if (line.startsWith('{"cctop":')) {
      this.fail(out, `unsupported protocol ${JSON.stringify(sanitize(line.slice(0, 40)))}`);
    } else if (this.preamble > MAX_PREAMBLE) {
      this.fail(out, 'no cctop hello from the remote');
    }
  }

  private fail(out: FeedFrame[], reason: string): void {
    this.broken = true;
    out.push({ kind: 'bad', reason });
  }
}

/** A line as text, without a trailing `\r`. */
function textOf(line: Buffer): string {
  const text = line.toString('utf8');
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
