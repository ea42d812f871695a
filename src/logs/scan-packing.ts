import type { UsageEvent } from './events.js';
import type { TailBatch, TailState } from './tail.js';

/**
 * Usage events as columns, for posting between threads: structured-cloning 100,000 small
 * objects costs more than parsing them did, while two typed arrays transfer for free and a
 * session's strings are sent once per batch.
 */
export interface PackedEvents {
  count: number;
  numbers: Float64Array;
  /** Per event: key, sessionId, cwd, model, inferenceGeo as indexes into `strings` (-1 = null). */
  refs: Int32Array;
  strings: string[];
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
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (s: string | null): number => {
    if (s === null) return -1;
    let i = index.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  events.forEach((e, i) => {
    const t = e.tokens;
    numbers.set([
      e.timestamp, t.input, t.output, t.cacheCreation, t.cacheCreation5m, t.cacheCreation1h, t.cacheRead,
      t.webSearchRequests, e.costUSD ?? NaN, (e.isSidechain ? 1 : 0) | (e.speed === 'fast' ? 2 : 0),
    ], i * NUMBERS);
    refs.set([ref(e.key), ref(e.sessionId), ref(e.cwd), ref(e.model), ref(e.inferenceGeo)], i * REFS);
  });
  return { count: events.length, numbers, refs, strings };
}

/**
 * Visits the packed events through one reused object (nothing is allocated per event): the
 * visitor must copy what it keeps. Folding a large history this way keeps the main thread's
 * young generation, and so its RSS, small.
 */
export function forEachPacked(packed: PackedEvents, file: string, visit: (event: UsageEvent) => void): void {
  const { numbers: n, refs: r, strings } = packed;
  const str = (i: number): string | null => (i === -1 ? null : strings[i]!);
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

export function packBatch(batch: TailBatch): PackedBatch {
  return { ...batch, events: packEvents(batch.events) };
}

/** The batch without its events (`forEachPacked` visits them). */
export function batchHeader(packed: PackedBatch): TailBatch {
  return { ...packed, events: [] };
}
