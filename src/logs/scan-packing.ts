import type { UsageEvent } from './events.js';
import type { TailBatch, TailState } from './tail.js';

/**
 * Usage events as columns, for posting between threads: structured-cloning 100,000 small
 * objects costs more than parsing them did, while typed arrays transfer for free. The strings
 * travel as UTF-8 bytes too (a session's once per batch, each key once): batches waiting on
 * the main thread for their turn then hold no objects, which would survive its young
 * generation's collections and make V8 grow it (16 → 64 MB of RSS at 512 MiB with strings).
 */
export interface PackedEvents {
  count: number;
  numbers: Float64Array;
  /** Per event: key, sessionId, cwd, model, inferenceGeo as string numbers (-1 = null). */
  refs: Int32Array;
  /** String `i` is `text[ends[i - 1] ?? 0, ends[i])`, UTF-8. */
  text: Uint8Array;
  ends: Int32Array;
  /** Strings UTF-8 cannot carry as they are (a lone surrogate), as strings: string `-2 - k` is `odd[k]`. */
  odd: string[];
}

export interface PackedBatch extends Omit<TailBatch, 'events'> {
  events: PackedEvents;
}

/** What a scan worker returns for one file: its batch and where the next read should start. */
export interface ScannedFile {
  batch: PackedBatch;
  state: TailState | null;
}

const NUMBERS = 10;
const REFS = 5;

export function packEvents(events: readonly UsageEvent[]): PackedEvents {
  const numbers = new Float64Array(events.length * NUMBERS);
  const refs = new Int32Array(events.length * REFS);
  const strings = new StringPacker();
  events.forEach((e, i) => {
    const t = e.tokens;
    numbers.set([
      e.timestamp, t.input, t.output, t.cacheCreation, t.cacheCreation5m, t.cacheCreation1h, t.cacheRead,
      t.webSearchRequests, e.costUSD ?? NaN, (e.isSidechain ? 1 : 0) | (e.speed === 'fast' ? 2 : 0),
    ], i * NUMBERS);
    refs.set([strings.ref(e.key), strings.ref(e.sessionId), strings.ref(e.cwd), strings.ref(e.model), strings.ref(e.inferenceGeo)], i * REFS);
  });
  return { count: events.length, numbers, refs, ...strings.done() };
}

/** The buffers of a packed batch, to transfer rather than copy. */
export function transferablesOf(packed: PackedEvents): ArrayBuffer[] {
  return [packed.numbers.buffer, packed.refs.buffer, packed.text.buffer, packed.ends.buffer] as ArrayBuffer[];
}

/** Numbers each distinct string once, writing its UTF-8 bytes into one growing buffer. */
class StringPacker {
  private text = new Uint8Array(1024);
  private length = 0;
  private readonly ends: number[] = [];
  private readonly odd: string[] = [];
  private readonly index = new Map<string, number>();

  ref(s: string | null): number {
    if (s === null) return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = isWellFormed(s) ? this.add(s) : -2 - (this.odd.push(s) - 1);
      this.index.set(s, i);
    }
    return i;
  }

  done(): Pick<PackedEvents, 'text' | 'ends' | 'odd'> {
    return { text: this.text.slice(0, this.length), ends: Int32Array.from(this.ends), odd: this.odd };
  }

  private add(s: string): number {
    // A UTF-16 unit takes at most 3 bytes of UTF-8.
    if (this.length + s.length * 3 > this.text.length) {
      const grown = new Uint8Array(Math.max(this.text.length * 2, this.length + s.length * 3));
      grown.set(this.text.subarray(0, this.length));
      this.text = grown;
    }
    this.length += encoder.encodeInto(s, this.text.subarray(this.length)).written;
    return this.ends.push(this.length) - 1;
  }
}

const encoder = new TextEncoder();

/** No lone surrogate (ES2024's String.prototype.isWellFormed, in every Node cctop runs on). */
const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * Visits the packed events through one reused object (nothing is allocated per event): the
 * visitor must copy what it keeps. Folding a large history this way keeps the main thread's
 * young generation, and so its RSS, small.
 */
export function forEachPacked(packed: PackedEvents, file: string, visit: (event: UsageEvent) => void): void {
  const { numbers: n, refs: r } = packed;
  const str = stringsOf(packed);
  const tokens = { input: 0, output: 0, cacheCreation: 0, cacheCreation5m: 0, cacheCreation1h: 0, cacheRead: 0, webSearchRequests: 0 };
  const event: UsageEvent = {
    key: null, timestamp: 0, sessionId: '', cwd: '', model: '', isSidechain: false, tokens, speed: 'standard', inferenceGeo: null, costUSD: null, file,
  };
  for (let i = 0; i < packed.count; i++) {
    const a = i * NUMBERS;
    const b = i * REFS;
    const flags = n[a + 9]!;
    event.key = str(r[b]!);
    event.timestamp = n[a]!;
    event.sessionId = str(r[b + 1]!) ?? '';
    event.cwd = str(r[b + 2]!) ?? '';
    event.model = str(r[b + 3]!) ?? '';
    event.isSidechain = (flags & 1) !== 0;
    tokens.input = n[a + 1]!;
    tokens.output = n[a + 2]!;
    tokens.cacheCreation = n[a + 3]!;
    tokens.cacheCreation5m = n[a + 4]!;
    tokens.cacheCreation1h = n[a + 5]!;
    tokens.cacheRead = n[a + 6]!;
    tokens.webSearchRequests = n[a + 7]!;
    event.speed = (flags & 2) !== 0 ? 'fast' : 'standard';
    event.inferenceGeo = str(r[b + 4]!);
    event.costUSD = Number.isNaN(n[a + 8]!) ? null : n[a + 8]!;
    visit(event);
  }
}

/** The strings of a packed batch by number, each decoded once, when first asked for. */
function stringsOf({ text, ends, odd }: PackedEvents): (i: number) => string | null {
  const bytes = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const decoded: (string | undefined)[] = new Array(ends.length);
  return (i) => {
    if (i === -1) return null;
    if (i < -1) return odd[-2 - i]!;
    return (decoded[i] ??= bytes.toString('utf8', i === 0 ? 0 : ends[i - 1]!, ends[i]!));
  };
}

export function packBatch(batch: TailBatch): PackedBatch {
  return { ...batch, events: packEvents(batch.events) };
}

/** The batch without its events (`forEachPacked` visits them). */
export function batchHeader(packed: PackedBatch): TailBatch {
  return { ...packed, events: [] };
}

/**
 * A tailer state that came through structured cloning, rebuilt as literals: a cloned object is
 * built key by key (V8 may keep it as a dictionary), and the tailer keeps one per file for the
 * whole run (at 2 GiB, ~8,000 of them held ~14 MB more than their literal twins).
 */
export function ownState(state: TailState): TailState {
  const { cursor: c, seen } = state;
  const long = c.long && { start: c.long.start, markerAt: c.long.markerAt, seam: Buffer.from(c.long.seam) };
  return {
    ino: state.ino,
    birthtimeMs: state.birthtimeMs,
    cursor: { next: c.next, end: c.end, lineNo: c.lineNo, long },
    ...(seen && { seen: { mtimeMs: seen.mtimeMs, tailHash: seen.tailHash } }),
  };
}
