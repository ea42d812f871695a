/**
 * Mode 1: what `cctop feed` writes on stdout, one JSON value per line (NDJSON).
 *
 *   {"cctop":1}                      hello (protocol version); anything before it is ignored
 *   {"e": <UsageEvent>}              a usage record, parsed and sanitized on the remote
 *   {"h": <LimitHit>}                a limit hit
 *   {"c": {<path>: <pos> | null}}    ends a batch: the positions its reads reached (null: the
 *                                    file is gone); the events and hits before it count only
 *                                    once it arrives, so a resumed feed sends nothing twice
 *   {"s": true}                      the first full pass is done
 *   {"hb": <n>}                      heartbeat (every 5 s)
 *   {"err": {"code": <c>, "text": <t>}}  fatal, as the script's `E` frame; the feed exits
 *
 * Positions and the cursor they make up are described in feed-cursor.ts.
 */
import type { LimitHit, UsageEvent } from '../logs/events.js';
import { sanitize } from '../logs/sanitize.js';
import { checkEvent, checkHit, checkPositions, isObject } from './feed-check.js';

/** The first line `cctop feed` prints. */
export const FEED_HELLO = '{"cctop":1}';

/** One batch of records, with the positions that cover them. */
export interface BatchFrame {
  kind: 'batch';
  events: UsageEvent[];
  hits: LimitHit[];
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

const NEWLINE = 0x0a;
/** Far above any line the feed writes (a batch ends after 500 files, an event is ~1 KB). */
export const MAX_LINE = 8 * 2 ** 20;
const MAX_PREAMBLE = 64 * 1024;
/** Records without a closing position: the feed closes a batch every 2,000. */
const MAX_PENDING = 100_000;

/** Turns the feed's byte stream into frames; after a `bad` frame it reads nothing more. */
export class FeedParser {
  private parts: Buffer[] = [];
  private partLength = 0;
  private greeted = false;
  private preamble = 0;
  private broken = false;
  private events: UsageEvent[] = [];
  private hits: LimitHit[] = [];

  /** The frames completed by `chunk`. */
  push(chunk: Buffer): FeedFrame[] {
    const out: FeedFrame[] = [];
    let at = 0;
    while (at < chunk.length && !this.broken) {
      const nl = chunk.indexOf(NEWLINE, at);
      const end = nl === -1 ? chunk.length : nl;
      this.parts.push(chunk.subarray(at, end));
      this.partLength += end - at;
      at = nl === -1 ? chunk.length : nl + 1;
      if (this.partLength > (this.greeted ? MAX_LINE : MAX_PREAMBLE)) this.fail(out, this.greeted ? 'line too long' : 'no cctop hello from the remote');
      else if (nl !== -1) this.line(this.takeLine(), out);
    }
    return out;
  }

  private takeLine(): string {
    const line = Buffer.concat(this.parts, this.partLength).toString('utf8');
    this.parts = [];
    this.partLength = 0;
    return line.endsWith('\r') ? line.slice(0, -1) : line;
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
    if (tag === 's' && v === true) return void out.push({ kind: 'synced' });
    if (tag === 'hb' && typeof v === 'number') return void out.push({ kind: 'heartbeat' });
    if (tag === 'err' && isObject(v) && typeof v.code === 'string' && typeof v.text === 'string') {
      return void out.push({ kind: 'error', code: sanitize(v.code), text: sanitize(v.text) });
    }
    this.fail(out, `unknown record ${JSON.stringify(sanitize(tag.slice(0, 20)))}`);
  }

  private take(tag: 'e' | 'h', v: unknown, out: FeedFrame[]): void {
    if (this.events.length + this.hits.length >= MAX_PENDING) return this.fail(out, 'batch without an end');
    const checked = tag === 'e' ? checkEvent(v) : checkHit(v);
    if (!checked.ok) return this.fail(out, checked.reason);
    if (tag === 'e') this.events.push(checked.value as UsageEvent);
    else this.hits.push(checked.value as LimitHit);
  }

  private closeBatch(v: unknown, out: FeedFrame[]): void {
    const checked = checkPositions(v);
    if (!checked.ok) return this.fail(out, checked.reason);
    out.push({ kind: 'batch', events: this.events, hits: this.hits, positions: checked.value });
    this.events = [];
    this.hits = [];
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
