import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarize } from './blocks.js';
import { Calendar } from './calendar.js';
import { derivedOf } from './derived.js';
import { encodeIngest, moveIngest, restoreIngest } from './ingest-image.js';
import { IMAGE_VERSION, sealImage } from './image-codec.js';
import { UsageIngest, type CostMode } from './ingest.js';
import { MINUTE } from './time.js';
import { TOKEN_FIELDS, type LimitHit } from '../logs/events.js';
import type { CountedResponse } from './dedupe.js';
import type { MinuteBucket } from './types.js';
import { OPUS, pricing, SONNET, usageEvent, type EventOverrides } from '../../test/support/test-events.js';

const T = Date.UTC(2026, 10, 24, 12, 0, 0);
/** The zone the images derive their days in (an hour off UTC: days do not split where UTC's do). */
const CAL = Calendar.for('Europe/Berlin');
const HOUR = 60 * MINUTE;

/** One step fed to an ingest. */
type Step =
  | { kind: 'event'; event: EventOverrides }
  | { kind: 'limit'; hit: LimitHit }
  | { kind: 'fromStore'; time: number };

// Keys that recur (copies of one response), one kept whole by the key table (not Latin-1), and none (counted as it comes).
const KEYS = ['msg_01A:req_01A', 'msg_01B:req_01B', 'msg_01C:req_01C', 'msg_01D:req_01D', 'msg_€:req_1', null];
// Times in 31 six-minute steps (and any second) on each of four days: minutes recur (markFromStore
// finds them), and as sessions keep per-minute detail for 2 days and drop older minutes hourly,
// the newest response's moves often land near that edge.
const time = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 59_999 }))
  .map(([day, step, ms]) => T + day * 24 * HOUR + step * 6 * MINUTE + ms);

const tokens = fc.record({
  // 5e9 does not fit 32 bits: the ledger keeps such a response's counts in its `wide` map.
  input: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 250_000 }), weight: 9 }, { arbitrary: fc.constant(5_000_000_000), weight: 1 }),
  output: fc.integer({ min: 0, max: 5_000 }),
  cacheCreation: fc.integer({ min: 0, max: 30_000 }),
  cacheRead: fc.integer({ min: 0, max: 100_000 }),
  webSearchRequests: fc.integer({ min: 0, max: 2 }),
});

const event: fc.Arbitrary<Step> = fc.record({
  key: fc.constantFrom(...KEYS),
  timestamp: time,
  sessionId: fc.constantFrom('s1', 's2', 's3'),
  cwd: fc.constantFrom('/a', '/b', ''),
  model: fc.constantFrom(SONNET, OPUS, 'claude-unknown-9', '<synthetic>'),
  speed: fc.constantFrom('standard' as const, 'fast' as const),
  inferenceGeo: fc.constantFrom(null, 'us'),
  costUSD: fc.constantFrom(null, 0.25),
  file: fc.constantFrom('/home/me/.claude/projects/-a/s1.jsonl', '/tmp/loose.jsonl'),
  machine: fc.constantFrom(undefined, 'devbox', 'laptop'),
  tokens,
}).map((e) => ({ kind: 'event' as const, event: e }));

const limitHit: fc.Arbitrary<Step> = fc.record({
  timestamp: time,
  kind: fc.constantFrom('five_hour' as const, 'weekly' as const, 'unknown' as const),
  resetsAt: fc.option(time, { nil: null }),
  text: fc.constantFrom('limit reached', 'weekly limit reached'),
  sessionId: fc.constantFrom('s1', 's2'),
  file: fc.constant('/home/me/.claude/projects/-a/s1.jsonl'),
}).map((hit) => ({ kind: 'limit' as const, hit }));

const fromStore: fc.Arbitrary<Step> = time.map((t) => ({ kind: 'fromStore' as const, time: t }));

const step = fc.oneof({ arbitrary: event, weight: 8 }, { arbitrary: limitHit, weight: 1 }, { arbitrary: fromStore, weight: 1 });

const settings = fc.record({ costMode: fc.constantFrom<CostMode>('calculate', 'auto', 'display'), priceMultiplier: fc.constantFrom(1, 0.5) });

function feed(ingest: UsageIngest, steps: readonly Step[]): void {
  for (const s of steps) {
    if (s.kind === 'event') ingest.addEvent(usageEvent(s.event));
    else if (s.kind === 'limit') ingest.addLimitHit(s.hit);
    else ingest.store.markFromStore(s.time);
  }
}

function plainMinute(m: MinuteBucket) {
  return {
    start: m.start, first: m.first, last: m.last, tokens: m.tokens, costUSD: m.costUSD, fastCostUSD: m.fastCostUSD,
    fastTokens: m.fastTokens, models: [...m.models], fromStore: m.fromStore, remote: m.remote && [...m.remote],
  };
}

/** Everything a reader of the ingest can see, with every Map as its entries in order. */
function observe(ingest: UsageIngest) {
  const { store } = ingest;
  return {
    sorted: store.sortedMinutes().map(plainMinute),
    rows: [...store.minutes].map(([start, m]) => [start, plainMinute(m)]),
    sessions: [...store.sessions].map(([id, s]) => [id, { ...s, models: [...s.models], minutes: [...s.minutes] }]),
    unpriced: [...store.unpriced],
    limitHits: store.limitHits,
    lastEventAt: store.lastEventAt,
    version: store.version,
    responses: ingest.ledger.size,
    derived: observeDerived(ingest),
  };
}

/** The blocks (with their minutes' starts) and days the metrics derive, in CAL's zone. */
function observeDerived(ingest: UsageIngest) {
  const { blocks, days } = derivedOf(ingest.store, CAL);
  return { blocks: blocks.map((b) => ({ ...summarize(b), minutes: b.minutes.map((m) => m.start) })), days };
}

/** What the ledger answers to one more copy of every key: a copy that grows each count, and one that grows none. */
function probeLedger(ingest: UsageIngest) {
  return KEYS.filter((key) => key !== null).flatMap((key) => [
    ingest.ledger.record(usageEvent({ key, sessionId: 'probe', tokens: { input: 1, output: 6_000_000_000 } })),
    ingest.ledger.record(usageEvent({ key, sessionId: 'probe', tokens: { input: 0, output: 0 } })),
  ]);
}

function restored(bytes: Uint8Array, costMode: CostMode = 'calculate'): UsageIngest {
  const ingest = new UsageIngest(pricing({ costMode }));
  expect(restoreIngest(ingest, bytes)).toBe(true);
  return ingest;
}

describe('ingest image: a round trip equals continuing', () => {
  it('ingest A takes all the steps; B takes the first k and is imaged; C restores it and takes the rest: A and C agree', () => {
    const run = fc.record({ steps: fc.array(step, { maxLength: 80, size: 'max' }), cut: fc.nat(), settings });
    fc.assert(fc.property(run, ({ steps, cut, settings: s }) => {
      const k = cut % (steps.length + 1);
      const a = new UsageIngest(pricing(s));
      feed(a, steps);
      const b = new UsageIngest(pricing(s));
      feed(b, steps.slice(0, k));
      const c = new UsageIngest(pricing(s));
      expect(restoreIngest(c, encodeIngest(b, CAL))).toBe(true);
      feed(c, steps.slice(k));
      expect(observe(c)).toEqual(observe(a));
      // Further copies of every response, after the views were read.
      const further: Step[] = KEYS.map((key, i) => ({ kind: 'event', event: { key, timestamp: T + i * MINUTE, tokens: { input: 9, output: 7_000 } } }));
      feed(a, further);
      feed(c, further);
      expect(observe(c)).toEqual(observe(a));
      expect(probeLedger(c)).toEqual(probeLedger(a));
    }), { seed: 21, numRuns: 200 });
  });

  it('an image of an image is the same bytes', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 80, size: 'max' }), (steps) => {
      const a = new UsageIngest(pricing());
      feed(a, steps);
      const bytes = encodeIngest(a, CAL);
      expect(encodeIngest(restored(bytes), CAL)).toEqual(bytes);
    }), { seed: 22, numRuns: 50 });
  });
});

describe('ingest image: an exact example', () => {
  // Sonnet 4.5: $3 in, $15 out per M; Opus 4.5: $5 in, $25 out per M.
  const steps: Step[] = [
    { kind: 'event', event: { key: 'msg_1:req_1', timestamp: T + 5_000, tokens: { input: 1_000, output: 1 } } },
    { kind: 'event', event: { key: 'msg_1:req_1', timestamp: T + 6_000, tokens: { input: 1_000, output: 420 } } },
    { kind: 'event', event: { key: 'msg_2:req_2', timestamp: T + 90_000, model: OPUS, machine: 'devbox', tokens: { input: 100, output: 10 } } },
  ];

  it('two responses (one with a copy) read back with their minutes, session and ledger', () => {
    const original = new UsageIngest(pricing());
    feed(original, steps);
    const bytes = encodeIngest(original, CAL);
    expect(new Uint32Array(bytes.buffer, bytes.byteOffset, 1)[0]).toBe(IMAGE_VERSION);
    const ingest = restored(bytes);
    expect(ingest.ledger.size).toBe(2);
    // Three events, each one change.
    expect(ingest.store.version).toBe(3);
    expect(ingest.store.lastEventAt).toBe(T + 90_000);
    const [first, second] = ingest.store.sortedMinutes().map(plainMinute);
    // Minute T: (1000×3 + 1×15) / 1e6 = 0.003015, then the copy's growth 419 × 15 / 1e6 = 0.006285: 0.0093.
    expect(first).toMatchObject({ start: T, first: T + 5_000, last: T + 5_000, tokens: { input: 1_000, output: 420, total: 1_420 } });
    expect(first!.costUSD).toBeCloseTo(0.0093, 12);
    // Minute T+1: (100×5 + 10×25) / 1e6 = 0.00075, all of it from the devbox.
    expect(second).toMatchObject({ start: T + MINUTE, first: T + 90_000, tokens: { input: 100, output: 10, total: 110 } });
    expect(second!.costUSD).toBeCloseTo(0.00075, 12);
    expect(second!.remote).toEqual([['devbox', second!.costUSD]]);
    expect(second!.models.map(([model]) => model)).toEqual([OPUS]);
    const session = ingest.store.sessions.get('session-a')!;
    expect(session).toMatchObject({ firstSeen: T + 5_000, lastSeen: T + 90_000, tokens: { total: 1_530 }, machine: 'local', projectDir: 'p' });
    expect([...session.minutes.keys()]).toEqual([T, T + MINUTE]);
    expect(session.costUSD).toBe(original.store.sessions.get('session-a')!.costUSD);
  });

  it('a further copy adds only its growth, and a copy that grows nothing adds nothing', () => {
    const ingest = restored(encodeIngest(ingestOfSteps(steps), CAL));
    ingest.addEvent(usageEvent({ key: 'msg_1:req_1', tokens: { input: 1_000, output: 420 } }));
    expect(ingest.store.version).toBe(3);
    ingest.addEvent(usageEvent({ key: 'msg_1:req_1', tokens: { input: 1_000, output: 500 } }));
    // 80 more output tokens × $15/M = 0.0012.
    const minute = ingest.store.minutes.get(T)!;
    expect(minute.tokens.output).toBe(500);
    expect(minute.costUSD).toBeCloseTo(0.0105, 12);
    expect(ingest.ledger.size).toBe(2);
  });

  it('the sessions drop their old minutes on the hour they would have without the image', () => {
    const DAY = 24 * HOUR;
    // The second response moves the detail's start to T and drops what is older (nothing): next drop when it passes T + 1 h.
    const ingest = restored(encodeIngest(ingestOfSteps([
      { kind: 'event', event: { key: 'a', timestamp: T + 10 * MINUTE } },
      { kind: 'event', event: { key: 'b', timestamp: T + 2 * DAY } },
    ]), CAL));
    // The start moves to T + 30 min: not an hour yet, so the minute at T + 10 min stays.
    ingest.addEvent(usageEvent({ key: 'c', timestamp: T + 2 * DAY + 30 * MINUTE }));
    expect([...ingest.store.sessions.get('session-a')!.minutes.keys()]).toEqual([T + 10 * MINUTE, T + 2 * DAY, T + 2 * DAY + 30 * MINUTE]);
    // At T + 1 h 1 min it drops.
    ingest.addEvent(usageEvent({ key: 'd', timestamp: T + 2 * DAY + 61 * MINUTE }));
    expect([...ingest.store.sessions.get('session-a')!.minutes.keys()]).toEqual([T + 2 * DAY, T + 2 * DAY + 30 * MINUTE, T + 2 * DAY + 61 * MINUTE]);
  });

  it('restores from bytes at any offset of a larger buffer, in a Buffer too (a BLOB read back may be unaligned)', () => {
    const bytes = encodeIngest(ingestOfSteps(steps), CAL);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const expected = observe(restored(bytes));
    expect(observe(restored(shifted.subarray(3)))).toEqual(expected);
    expect(observe(restored(Buffer.from(shifted.buffer, 3, bytes.length)))).toEqual(expected);
  });

  it('restores in place: the ingest, its ledger, store, minutes and sessions stay the objects they were', () => {
    const ingest = new UsageIngest(pricing());
    const { ledger, store } = ingest;
    const { minutes, sessions } = store;
    expect(restoreIngest(ingest, encodeIngest(ingestOfSteps(steps), CAL))).toBe(true);
    expect(ingest.ledger).toBe(ledger);
    expect(ingest.store).toBe(store);
    expect(store.minutes).toBe(minutes);
    expect(store.sessions).toBe(sessions);
    expect([minutes.size, sessions.size, minutes.get(T + MINUTE)?.tokens.total]).toEqual([2, 1, 110]);
  });
});

describe('ingest image: the blocks and days it keeps', () => {
  const run = fc.record({ steps: fc.array(step, { maxLength: 80, size: 'max' }), cut: fc.nat() });

  it('a store that drew a frame while empty, then moved into, derives what one fed the steps derives', () => {
    fc.assert(fc.property(run, ({ steps, cut }) => {
      const k = cut % (steps.length + 1);
      const whole = ingestOfSteps(steps);
      const ahead = new UsageIngest(pricing());
      expect(restoreIngest(ahead, encodeIngest(ingestOfSteps(steps.slice(0, k)), CAL))).toBe(true);
      feed(ahead, steps.slice(k));
      const shown = new UsageIngest(pricing());
      observeDerived(shown);
      expect(moveIngest(ahead, shown)).toBe(true);
      // As --json writes them: the keys in the same order too.
      expect(JSON.stringify(observeDerived(shown))).toBe(JSON.stringify(observeDerived(whole)));
    }), { seed: 24, numRuns: 200 });
  });

  it('in another zone, derives its days afresh', () => {
    // 08:00 and 15:00 UTC: one day in Berlin, two in Tokyo (17:00, then 00:00 the next day).
    const steps: Step[] = [-4, 3].map((h) => ({ kind: 'event', event: { key: null, timestamp: T + h * HOUR, tokens: { input: 10, output: 1 } } }));
    const days = (calendar: Calendar) => derivedOf(restored(encodeIngest(ingestOfSteps(steps), CAL)).store, calendar).days.map((d) => [d.date, d.tokens.total]);
    expect(days(Calendar.for('Asia/Tokyo'))).toEqual([['2026-11-24', 11], ['2026-11-25', 11]]);
    expect(days(CAL)).toEqual([['2026-11-24', 22]]);
  });
});

function ingestOfSteps(steps: readonly Step[]): UsageIngest {
  const ingest = new UsageIngest(pricing());
  feed(ingest, steps);
  return ingest;
}

/** A small image of every part: copies, a wide count, a key kept whole, remotes, fast mode, an unpriced model, a limit hit, a minute from the store. */
function smallImage(): Uint8Array {
  const ingest = ingestOfSteps([
    { kind: 'event', event: { key: 'msg_1:req_1', timestamp: T, tokens: { input: 5_000_000_000, output: 1 } } },
    { kind: 'event', event: { key: 'msg_1:req_1', timestamp: T, tokens: { input: 5_000_000_000, output: 30 } } },
    { kind: 'event', event: { key: 'msg_€:req_1', timestamp: T + 2 * MINUTE, machine: 'devbox', speed: 'fast' } },
    { kind: 'event', event: { key: 'msg_3:req_3', timestamp: T + MINUTE, model: 'claude-unknown-9', sessionId: 's2' } },
    { kind: 'event', event: { key: null, timestamp: T - MINUTE, file: '/home/me/.claude/projects/-a/s1.jsonl' } },
    { kind: 'limit', hit: { timestamp: T, kind: 'five_hour', resetsAt: T + 5 * HOUR, text: 'limit reached', sessionId: 's2', file: 'f' } },
    { kind: 'fromStore', time: T + MINUTE },
  ]);
  return encodeIngest(ingest, CAL);
}

/** Reads every view and adds events: none of it may throw on a restored image. */
function exercise(ingest: UsageIngest): void {
  observe(ingest);
  for (const key of KEYS) ingest.addEvent(usageEvent({ key, timestamp: T + 3 * MINUTE, tokens: { input: 7, output: 9_999 } }));
  ingest.store.markFromStore(T);
  observe(ingest);
}

describe('ingest image: damage', () => {
  it('every truncation is refused, and the ingest stays empty and usable', () => {
    const bytes = smallImage();
    for (let length = 0; length < bytes.length; length++) {
      const ingest = new UsageIngest(pricing());
      expect(restoreIngest(ingest, bytes.subarray(0, length))).toBe(false);
      expect([ingest.ledger.size, ingest.store.version]).toEqual([0, 0]);
    }
    const ingest = new UsageIngest(pricing());
    restoreIngest(ingest, bytes.subarray(0, bytes.length - 4));
    ingest.addEvent(usageEvent({ key: 'k' }));
    expect([ingest.ledger.size, ingest.store.sortedMinutes().length]).toEqual([1, 1]);
  });

  it('a flip of any bits of any one byte is refused (the checksum sees it)', () => {
    const bytes = smallImage();
    for (let at = 0; at < bytes.length; at++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const damaged = bytes.slice();
        damaged[at]! ^= mask;
        expect(restoreIngest(new UsageIngest(pricing()), damaged)).toBe(false);
      }
    }
  });

  it('forged damage (flips with a checksum that matches) never throws, then or later: refused, or read as values', () => {
    const bytes = smallImage();
    const flips = fc.array(fc.record({ at: fc.nat({ max: bytes.length - 1 }), mask: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 4 });
    let refused = 0;
    fc.assert(fc.property(flips, (list) => {
      const damaged = bytes.slice();
      for (const { at, mask } of list) damaged[at]! ^= mask;
      sealImage(damaged);
      const ingest = new UsageIngest(pricing());
      if (restoreIngest(ingest, damaged)) exercise(ingest);
      else refused++;
    }), { seed: 23, numRuns: 2_000 });
    // Most flips hit structure (lengths, counts, refs, JSON) and are refused; some hit a value and restore.
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(2_000);
  });

  it('another format version is refused', () => {
    const bytes = smallImage();
    new Uint32Array(bytes.buffer, bytes.byteOffset, 1)[0] = IMAGE_VERSION + 1;
    sealImage(bytes);
    expect(restoreIngest(new UsageIngest(pricing()), bytes)).toBe(false);
  });

  it('an ingest that already holds something is refused and left as it was', () => {
    const ingest = ingestOfSteps([{ kind: 'event', event: { key: 'k' } }]);
    const before = observe(ingest);
    expect(restoreIngest(ingest, smallImage())).toBe(false);
    expect(observe(ingest)).toEqual(before);
  });

  it('empty bytes, and bytes that are no image, are refused', () => {
    expect(restoreIngest(new UsageIngest(pricing()), new Uint8Array(0))).toBe(false);
    expect(restoreIngest(new UsageIngest(pricing()), new TextEncoder().encode('not an image at all!'))).toBe(false);
  });
});

/** A history store as the ledger sees it: by key, the first copy's metadata with each token count the largest seen. */
class StoredResponses {
  readonly rows = new Map<string, CountedResponse>();

  feed(ingest: UsageIngest, steps: readonly Step[]): void {
    for (const s of steps) {
      feed(ingest, [s]);
      if (s.kind !== 'event') continue;
      const e = usageEvent(s.event);
      if (e.key === null) continue;
      const row = this.rows.get(e.key);
      const { timestamp, sessionId, cwd, model, speed, inferenceGeo, tokens } = e;
      if (!row) this.rows.set(e.key, { timestamp, sessionId, cwd, model, speed, inferenceGeo, tokens: { ...tokens } });
      else for (const field of TOKEN_FIELDS) row.tokens[field] = Math.max(row.tokens[field], tokens[field]);
    }
  }

  copy(): StoredResponses {
    const copy = new StoredResponses();
    for (const [key, row] of this.rows) copy.rows.set(key, { ...row, tokens: { ...row.tokens } });
    return copy;
  }

  lookUpIn(ingest: UsageIngest): void {
    ingest.ledger.findStored = (key) => {
      const row = this.rows.get(key);
      return row ? { ...row, tokens: { ...row.tokens } } : null;
    };
  }
}

/** `observe` but for how many responses the ledger holds. */
function counted(ingest: UsageIngest) {
  const { responses: _, ...rest } = observe(ingest);
  return rest;
}

describe('a ledger that lets go of older responses (issue 21)', () => {
  it('counts what a ledger holding every response counts, a copy of one it let go of looked up in the store, through an image too', () => {
    const run = fc.record({ steps: fc.array(step, { maxLength: 80, size: 'max' }), cut: fc.nat(), before: time, settings });
    fc.assert(fc.property(run, ({ steps, cut, before, settings: s }) => {
      const k = cut % (steps.length + 1);
      const all = new UsageIngest(pricing(s));
      feed(all, steps);
      const store = new StoredResponses();
      const forgetting = new UsageIngest(pricing(s));
      store.lookUpIn(forgetting);
      store.feed(forgetting, steps.slice(0, k));
      forgetting.ledger.forgetBefore(before);
      const image = encodeIngest(forgetting, CAL);
      const storeAtImage = store.copy();
      store.feed(forgetting, steps.slice(k));
      expect(counted(forgetting)).toEqual(counted(all));
      const imaged = new UsageIngest(pricing(s));
      storeAtImage.lookUpIn(imaged);
      expect(restoreIngest(imaged, image)).toBe(true);
      storeAtImage.feed(imaged, steps.slice(k));
      expect(counted(imaged)).toEqual(counted(all));
      expect(probeLedger(imaged)).toEqual(probeLedger(all));
    }), { seed: 21, numRuns: 300 });
  });

  it('holds only the responses timed from then on, and refuses to let go without a store to look them up in', () => {
    const ingest = new UsageIngest(pricing());
    for (let i = 0; i < 3000; i++) ingest.addEvent(usageEvent({ key: `msg_${i}:req_${i}`, timestamp: T + i * MINUTE, tokens: { output: 1 } }));
    expect(() => ingest.ledger.forgetBefore(T + 1000 * MINUTE)).toThrow(/findStored/);
    ingest.ledger.findStored = () => null;
    ingest.ledger.forgetBefore(T + 1000 * MINUTE);
    expect([ingest.ledger.size, ingest.ledger.forgottenBefore]).toEqual([2000, T + 1000 * MINUTE]);
    // Held: a copy of the newest counts nothing; let go of, with nothing stored: it counts again.
    expect(ingest.ledger.record(usageEvent({ key: 'msg_2999:req_2999', timestamp: T + 2999 * MINUTE, tokens: { output: 1 } }))).toBeNull();
    expect(ingest.ledger.record(usageEvent({ key: 'msg_5:req_5', timestamp: T + 5 * MINUTE, tokens: { output: 1 } }))?.previous).toBeNull();
  });

  it('an image of a ledger that let go of responses restores only where they can be looked up', () => {
    const ingest = new UsageIngest(pricing());
    ingest.ledger.findStored = () => null;
    ingest.addEvent(usageEvent({ key: 'k', timestamp: T, tokens: { output: 1 } }));
    ingest.ledger.forgetBefore(T + MINUTE);
    const bytes = encodeIngest(ingest, CAL);
    expect(restoreIngest(new UsageIngest(pricing()), bytes)).toBe(false);
    const withStore = new UsageIngest(pricing());
    withStore.ledger.findStored = () => null;
    expect(restoreIngest(withStore, bytes)).toBe(true);
    expect(withStore.ledger.forgottenBefore).toBe(T + MINUTE);
  });
});
