import { TOKEN_FIELDS, type UsageEvent, type UsageTokens } from '../logs/events.js';
import { ContextTable, type Place } from './contexts.js';
import type { ImageReader, ImageWriter } from './image-codec.js';
import { KeyTable } from './key-table.js';
import { PagedArray } from './paged.js';

/** What one API response has counted so far: its first copy's metadata and the largest usage seen. */
export interface CountedResponse {
  timestamp: number;
  sessionId: string;
  cwd: string;
  model: string;
  speed: UsageEvent['speed'];
  inferenceGeo: string | null;
  tokens: UsageTokens;
}

export interface LedgerUpdate {
  /** The response as counted now (largest value of each field over all copies). */
  current: CountedResponse;
  /** As counted before this copy; null when this is the first copy. */
  previous: CountedResponse | null;
}

const FIELDS = TOKEN_FIELDS.length;

const fitsUint32 = (v: number) => v >>> 0 === v;

/**
 * Counts each API response once across all files and roots, keyed on `message.id:requestId`.
 * Streaming writes one line per content block and `output_tokens` grows from a placeholder to
 * the final count, so each field keeps its largest value and only the growth is passed on.
 *
 * Memory bound: one fixed-size entry per response of the loaded history (older responses are
 * never ingested), ~110 bytes in typed arrays (the key's 64-bit hash and its 48-byte encoding,
 * its slot in the index, the time, 7 token counts, the numbers of its session and place) and no
 * objects on the heap: ~5.5 MB for the ~50,000 responses of a 1 GB, 90-day history. With a
 * history store (`findStored`), `forgetBefore` lets go of the responses timed before a time; a
 * copy of one of those is looked up in the store before it counts (issue 21).
 */
export class ResponseLedger {
  // Not readonly: `adopt` takes another ledger's parts.
  private keys = new KeyTable();
  private times = new PagedArray((n) => new Float64Array(n), 1);
  private counts = new PagedArray((n) => new Uint32Array(n), FIELDS);
  /** The context's session and place (contexts.ts). */
  private refs = new PagedArray((n) => new Int32Array(n), 2);
  private contexts = new ContextTable();
  /** Token counts of the (never seen) responses with a count beyond 32 bits. */
  private wide = new Map<number, UsageTokens>();
  /** Responses timed before this are no longer held (`forgetBefore`): their copies are looked up. */
  private forgotten = -Infinity;
  /** A stored response as counted, by key; null when the store has none (set with a history store). */
  findStored: ((key: string) => CountedResponse | null) | null = null;

  get size(): number {
    return this.keys.size;
  }

  /** Responses timed before this are not held; a stored response that old counts without an entry (`UsageIngest.addStored`). */
  get forgottenBefore(): number {
    return this.forgotten;
  }

  /**
   * Folds one copy in; null when it adds nothing over earlier copies. Once the ledger has let go
   * of responses, a key it does not hold is looked up in the store (a copy may carry another time
   * than the response's first): not for `stored`, a row of the store itself.
   */
  record(event: UsageEvent, stored = false): LedgerUpdate | null {
    if (event.key === null) return { current: this.countedOf(event), previous: null };
    const entry = this.keys.entryOf(event.key);
    if (this.keys.added) {
      const found = this.forgotten === -Infinity || stored ? null : this.findStored?.(event.key);
      // One timed after what was let go of would be held: stored since, it was not counted here.
      const first = found && found.timestamp < this.forgotten ? found : null;
      this.store(entry, first ?? event);
      if (!first) return { current: this.read(entry), previous: null };
    }
    const before = this.tokensAt(entry);
    if (!grows(before, event.tokens)) return null;
    const previous = this.read(entry, before);
    const now = largest(before, event.tokens);
    this.setTokens(entry, now);
    return { current: this.read(entry, now), previous };
  }

  /**
   * Lets go of the responses timed before `time` (a copy of one is then looked up in the store:
   * `findStored` must be set, and give the responses counted so far as they were counted). The
   * entries kept keep their order; the sessions and places stay as they are.
   */
  forgetBefore(time: number): void {
    if (time <= this.forgotten) return;
    if (!this.findStored) throw new Error('forgetBefore needs findStored: the responses let go of are looked up in the store');
    const keep = (entry: number) => this.times.get(entry) >= time;
    const kept = new ResponseLedger();
    kept.forgotten = time;
    kept.contexts = this.contexts;
    kept.keys = this.keys.retained(keep);
    let to = 0;
    for (let entry = 0; entry < this.keys.size; entry++) {
      if (!keep(entry)) continue;
      kept.times.ensure(to);
      kept.counts.ensure(to);
      kept.refs.ensure(to);
      kept.times.set(to, 0, this.times.get(entry));
      for (let field = 0; field < FIELDS; field++) kept.counts.set(to, field, this.counts.get(entry, field));
      kept.refs.set(to, 0, this.refs.get(entry, 0));
      kept.refs.set(to, 1, this.refs.get(entry, 1));
      const wide = this.wide.get(entry);
      if (wide) kept.wide.set(to, wide);
      to++;
    }
    this.adopt(kept);
  }

  private store(entry: number, event: CountedResponse): void {
    this.times.ensure(entry);
    this.counts.ensure(entry);
    this.refs.ensure(entry);
    this.times.set(entry, 0, event.timestamp);
    this.setTokens(entry, event.tokens);
    this.refs.set(entry, 0, this.contexts.sessionRef(event));
    this.refs.set(entry, 1, this.contexts.placeRef(event));
  }

  private setTokens(entry: number, t: UsageTokens): void {
    const narrow = (this.wide.size === 0 || !this.wide.has(entry)) && TOKEN_FIELDS.every((field) => fitsUint32(t[field]));
    if (!narrow) {
      this.wide.set(entry, { ...t });
      return;
    }
    const page = this.counts.pageOf(entry);
    const o = this.counts.offsetOf(entry);
    page[o] = t.input;
    page[o + 1] = t.output;
    page[o + 2] = t.cacheCreation;
    page[o + 3] = t.cacheCreation5m;
    page[o + 4] = t.cacheCreation1h;
    page[o + 5] = t.cacheRead;
    page[o + 6] = t.webSearchRequests;
  }

  private tokensAt(entry: number): UsageTokens {
    const wide = this.wide.size > 0 ? this.wide.get(entry) : undefined;
    if (wide) return { ...wide };
    const page = this.counts.pageOf(entry);
    const o = this.counts.offsetOf(entry);
    return {
      input: page[o]!, output: page[o + 1]!, cacheCreation: page[o + 2]!, cacheCreation5m: page[o + 3]!,
      cacheCreation1h: page[o + 4]!, cacheRead: page[o + 5]!, webSearchRequests: page[o + 6]!,
    };
  }

  private read(entry: number, tokens = this.tokensAt(entry)): CountedResponse {
    const sessionId = this.contexts.sessionId(this.refs.get(entry, 0));
    return counted(this.times.get(entry), sessionId, this.contexts.place(this.refs.get(entry, 1)), tokens);
  }

  /** A response that is not kept (no key), with its strings shared like the kept ones'. */
  private countedOf(event: UsageEvent): CountedResponse {
    const sessionId = this.contexts.sessionId(this.contexts.sessionRef(event));
    return counted(event.timestamp, sessionId, this.contexts.place(this.contexts.placeRef(event)), { ...event.tokens });
  }

  writeImage(out: ImageWriter): void {
    this.keys.writeImage(out);
    const size = this.keys.size;
    out.rows(this.times, size);
    out.rows(this.counts, size);
    out.rows(this.refs, size);
    this.contexts.writeImage(out);
    out.int(this.wide.size);
    for (const [entry, tokens] of this.wide) {
      out.int(entry);
      writeTokens(out, tokens);
    }
    out.float(this.forgotten);
  }

  /** Reads what `writeImage` wrote into this empty ledger; throws ImageError when the image is damaged. */
  readImage(from: ImageReader): void {
    this.keys.readImage(from);
    const size = this.keys.size;
    from.rows(this.times, size);
    from.rows(this.counts, size);
    from.rows(this.refs, size);
    this.contexts.readImage(from);
    this.checkRefs(from);
    const wide = from.int(0, size);
    for (let i = 0; i < wide; i++) {
      const entry = from.int(0, size - 1);
      from.check(!this.wide.has(entry), 'wide counts held twice');
      this.wide.set(entry, readTokens(from));
    }
    this.forgotten = from.float();
    from.check(this.forgotten === -Infinity || Number.isSafeInteger(this.forgotten), 'the time forgotten before');
  }

  /** Checks that every response names a session and a place the context table holds. */
  private checkRefs(from: ImageReader): void {
    const sessions = this.contexts.sessionCount;
    const places = this.contexts.placeCount;
    for (let entry = 0; entry < this.keys.size; entry++) {
      const refs = this.refs.pageOf(entry);
      const o = this.refs.offsetOf(entry);
      const session = refs[o]!;
      const place = refs[o + 1]!;
      from.check(session >= 0 && session < sessions && place >= 0 && place < places, 'a response\'s context');
    }
  }

  /** Takes the whole state of `other` (read from an image, or what `forgetBefore` kept) as its own, but not its `findStored`. */
  adopt(other: ResponseLedger): void {
    this.forgotten = other.forgotten;
    this.keys = other.keys;
    this.times = other.times;
    this.counts = other.counts;
    this.refs = other.refs;
    this.contexts = other.contexts;
    this.wide = other.wide;
  }
}

/** A response as one copy of it says: its own time, context and counts. */
export function asCounted(copy: Pick<UsageEvent, 'timestamp' | 'sessionId' | 'tokens'> & Place): CountedResponse {
  return counted(copy.timestamp, copy.sessionId, copy, copy.tokens);
}

function counted(timestamp: number, sessionId: string, place: Place, tokens: UsageTokens): CountedResponse {
  return { timestamp, sessionId, cwd: place.cwd, model: place.model, speed: place.speed, inferenceGeo: place.inferenceGeo, tokens };
}

function writeTokens(out: ImageWriter, t: UsageTokens): void {
  for (const count of [t.input, t.output, t.cacheCreation, t.cacheCreation5m, t.cacheCreation1h, t.cacheRead, t.webSearchRequests]) out.float(count);
}

function readTokens(from: ImageReader): UsageTokens {
  return {
    input: from.float(), output: from.float(), cacheCreation: from.float(), cacheCreation5m: from.float(),
    cacheCreation1h: from.float(), cacheRead: from.float(), webSearchRequests: from.float(),
  };
}

/** Whether a copy has more of some token kind than counted so far. */
function grows(counted: UsageTokens, copy: UsageTokens): boolean {
  return copy.input > counted.input || copy.output > counted.output || copy.cacheCreation > counted.cacheCreation
    || copy.cacheCreation5m > counted.cacheCreation5m || copy.cacheCreation1h > counted.cacheCreation1h
    || copy.cacheRead > counted.cacheRead || copy.webSearchRequests > counted.webSearchRequests;
}

/** Each kind's largest count. */
function largest(a: UsageTokens, b: UsageTokens): UsageTokens {
  return {
    input: Math.max(a.input, b.input), output: Math.max(a.output, b.output), cacheCreation: Math.max(a.cacheCreation, b.cacheCreation),
    cacheCreation5m: Math.max(a.cacheCreation5m, b.cacheCreation5m), cacheCreation1h: Math.max(a.cacheCreation1h, b.cacheCreation1h),
    cacheRead: Math.max(a.cacheRead, b.cacheRead), webSearchRequests: Math.max(a.webSearchRequests, b.webSearchRequests),
  };
}
