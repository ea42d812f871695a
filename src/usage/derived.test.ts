import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokensTotal } from '../../test/support/test-events.js';
import { buildBlocks, summarize, type Block } from './blocks.js';
import { Calendar } from './calendar.js';
import { buildDays } from './days.js';
import { derivedOf } from './derived.js';
import { UsageStore } from './store.js';
import { HOUR, MINUTE } from './time.js';
import type { DaySummary } from './calendar-types.js';
import type { PricedDelta } from './types.js';

// Two days either side of Berlin's and Los Angeles' autumn clock change (2026-10-25, 2026-11-01).
const START = Date.UTC(2026, 9, 23, 0, 0, 0);
const SPAN_MINUTES = 12 * 24 * 60;
const ZONES = ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kathmandu'];

function delta(timestamp: number, costUSD: number, model: string): PricedDelta {
  return {
    timestamp, sessionId: 's1', cwd: '/a', model, tokens: tokensTotal({ input: 7, output: 3 }),
    costUSD, priced: true, fast: false, file: '/logs/s1.jsonl', machine: 'local',
  };
}

/** What the derivations hold, comparable: blocks with their minutes' starts, and days. */
function shape(d: { blocks: Block[]; days: DaySummary[] }) {
  return { blocks: d.blocks.map((b) => ({ ...summarize(b), minutes: b.minutes.map((m) => m.start) })), days: d.days };
}

function fromScratch(store: UsageStore, calendar: Calendar) {
  const minutes = store.sortedMinutes();
  return shape({ blocks: buildBlocks(minutes), days: buildDays(minutes, calendar) });
}

const time = fc.tuple(fc.integer({ min: 0, max: SPAN_MINUTES }), fc.integer({ min: 0, max: MINUTE - 1 }))
  .map(([minute, ms]) => START + minute * MINUTE + ms);
const step = fc.oneof(
  { arbitrary: fc.record({ add: time, cost: fc.integer({ min: 1, max: 400 }).map((c) => c / 7), model: fc.constantFrom('m1', 'm2') }), weight: 8 },
  { arbitrary: fc.record({ mark: time }), weight: 1 },
  { arbitrary: fc.constant({ derive: true }), weight: 2 },
);

describe('derivedOf', () => {
  it('derives again from the earliest change exactly what a derivation from scratch gives', () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), fc.array(step, { maxLength: 120 }), (zone, steps) => {
      const store = new UsageStore();
      const calendar = Calendar.for(zone);
      for (const s of steps) {
        if ('add' in s) store.add(delta(s.add, s.cost, s.model));
        else if ('mark' in s) store.markFromStore(s.mark);
        else expect(shape(derivedOf(store, calendar))).toEqual(fromScratch(store, calendar));
      }
      expect(shape(derivedOf(store, calendar))).toEqual(fromScratch(store, calendar));
    }), { numRuns: 400 });
  });

  it('keeps the blocks and days before an append as they were (not derived again)', () => {
    const store = new UsageStore();
    const calendar = Calendar.for('Europe/Berlin');
    for (let h = 0; h < 72; h += 3) store.add(delta(START + h * HOUR, 1, 'm1'));
    const before = derivedOf(store, calendar);
    store.add(delta(START + 80 * HOUR, 50, 'm2'));
    const after = derivedOf(store, calendar);
    expect(after.blocks.length).toBe(before.blocks.length + 1);
    after.blocks.slice(0, -1).forEach((b, i) => expect(b).toBe(before.blocks[i]));
    // The new day is a spike (50 against a median of 8): every earlier day object stays.
    expect(after.days.map((d) => [d.date, d.costUSD, d.spike])).toEqual([
      ['2026-10-23', 8, false], ['2026-10-24', 8, false], ['2026-10-25', 8, false], ['2026-10-26', 50, true],
    ]);
    after.days.slice(0, -1).forEach((d, i) => expect(d).toBe(before.days[i]));
  });

  it('derives from scratch in another zone, and again after a minute marked as known from the store', () => {
    const store = new UsageStore();
    for (let h = 0; h < 30; h += 2) store.add(delta(START + h * HOUR, 1, 'm1'));
    const utc = derivedOf(store, Calendar.for('UTC'));
    expect(derivedOf(store, Calendar.for('Asia/Kathmandu')).days.map((d) => d.date)).toEqual(['2026-10-23', '2026-10-24']);
    store.markFromStore(START + 4 * HOUR);
    const marked = derivedOf(store, Calendar.for('UTC'));
    expect(marked.days.map((d) => d.fromStore)).toEqual([true, false]);
    expect(utc.days.map((d) => d.fromStore)).toEqual([false, false]);
  });
});
