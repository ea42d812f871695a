import { describe, expect, it } from 'vitest';
import { UsageStore } from './store.js';
import { addInto, emptyTokens, tokensOf } from './tokens.js';
import { floorMinute, MINUTE } from './time.js';
import type { ModelTotals, PricedDelta, Tokens } from './types.js';
import { usageTokens } from '../../test/support/test-events.js';
import { randomFrom } from '../demo/lines.js';

interface Reference {
  start: number; first: number; last: number; tokens: Tokens; costUSD: number; fastCostUSD: number; fastTokens: number;
  models: Map<string, ModelTotals>; remote: Map<string, number>;
}

/** The minutes as the store kept them before its typed arrays: one object per minute, summed in arrival order. */
function reference(deltas: readonly PricedDelta[]): Reference[] {
  const minutes = new Map<number, Reference>();
  for (const d of deltas) {
    const start = floorMinute(d.timestamp);
    let m = minutes.get(start);
    if (!m) minutes.set(start, (m = { start, first: d.timestamp, last: d.timestamp, tokens: emptyTokens(), costUSD: 0, fastCostUSD: 0, fastTokens: 0, models: new Map(), remote: new Map() }));
    m.first = Math.min(m.first, d.timestamp);
    m.last = Math.max(m.last, d.timestamp);
    addInto(m.tokens, d.tokens);
    m.costUSD += d.costUSD;
    if (d.fast) {
      m.fastCostUSD += d.costUSD;
      m.fastTokens += d.tokens.total;
    }
    if (d.machine !== 'local') m.remote.set(d.machine, (m.remote.get(d.machine) ?? 0) + d.costUSD);
    let model = m.models.get(d.model);
    if (!model) m.models.set(d.model, (model = { tokens: emptyTokens(), costUSD: 0, priced: d.priced }));
    addInto(model.tokens, d.tokens);
    model.costUSD += d.costUSD;
  }
  return [...minutes.values()].sort((a, b) => a.start - b.start);
}

/** Responses in random order over 3 days (~3,000 minutes: several pages of rows), costs whose sums depend on their order. */
function randomDeltas(count: number): PricedDelta[] {
  const random = randomFrom(7);
  const t0 = Date.UTC(2026, 1, 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, () => {
    const big = random() < 0.01 ? 2 ** 40 : 0;
    const tokens = tokensOf(usageTokens({ input: Math.floor(random() * 5_000) + big, output: Math.floor(random() * 900), cacheRead: Math.floor(random() * 200_000) }));
    return {
      timestamp: t0 + Math.floor(random() * 3 * 24 * 60) * MINUTE + Math.floor(random() * MINUTE) + random(),
      sessionId: pick(['s1', 's2', 's3']), cwd: '/p', model: pick(['m1', 'm2', 'm3', '<synthetic>']), tokens,
      costUSD: random() * 0.37, priced: random() < 0.9, fast: random() < 0.1, file: '/x/projects/p/s.jsonl', machine: random() < 0.05 ? pick(['devbox', 'laptop']) : 'local',
    };
  });
}

describe('UsageStore minutes (typed arrays)', () => {
  it('hold exactly the floats and integers the per-minute objects held, in the same order', () => {
    const deltas = randomDeltas(12_000);
    const store = new UsageStore();
    for (const d of deltas) store.add(d);
    const want = reference(deltas);
    const got = store.sortedMinutes();
    expect(got.length).toBe(want.length);
    expect(want.length).toBeGreaterThan(2_048);
    got.forEach((m, i) => {
      const w = want[i]!;
      expect([m.start, m.first, m.last, m.costUSD, m.fastCostUSD, m.fastTokens]).toEqual([w.start, w.first, w.last, w.costUSD, w.fastCostUSD, w.fastTokens]);
      expect(m.tokens).toEqual(w.tokens);
      expect([...m.models]).toEqual([...w.models]);
      expect([...(m.remote ?? [])]).toEqual([...w.remote]);
    });
  });

  it('are live views: a minute read earlier shows what is added later', () => {
    const [a, b] = randomDeltas(2).map((d) => ({ ...d, timestamp: Date.UTC(2026, 1, 1, 10, 0, 5), machine: 'local' }));
    const store = new UsageStore();
    store.add(a!);
    const minute = store.minutes.get(Date.UTC(2026, 1, 1, 10))!;
    store.add(b!);
    expect(minute.costUSD).toBe(a!.costUSD + b!.costUSD);
    expect(minute.tokens.total).toBe(a!.tokens.total + b!.tokens.total);
    expect(store.sortedMinutes()).toEqual([minute]);
  });
});
