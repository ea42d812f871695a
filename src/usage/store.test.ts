import { MINUTE } from './time.js';
import { describe, expect, it } from 'vitest';
import { projectFolderOf, UsageStore } from './store.js';
import { tokensTotal } from '../../test/support/test-events.js';
import type { PricedDelta } from './types.js';

const T = Date.UTC(2026, 10, 24, 12, 0, 0);

function delta(d: Partial<PricedDelta>): PricedDelta {
  return {
    timestamp: T, sessionId: 's1', cwd: '/a/b', model: 'claude-sonnet-4-5', tokens: tokensTotal({ input: 10 }),
    costUSD: 1, priced: true, fast: false, file: '/home/me/.claude/projects/-a-b/s1.jsonl', machine: 'local', ...d,
  };
}

describe('UsageStore', () => {
  it('buckets by UTC minute with the exact first and last times', () => {
    const store = new UsageStore();
    store.add(delta({ timestamp: T + 45_000 }));
    store.add(delta({ timestamp: T + 5_000 }));
    store.add(delta({ timestamp: T + MINUTE }));
    const [a, b] = store.sortedMinutes();
    expect(a).toMatchObject({ start: T, first: T + 5_000, last: T + 45_000, costUSD: 2 });
    expect(a!.tokens.total).toBe(20);
    expect(b).toMatchObject({ start: T + MINUTE, first: T + MINUTE, last: T + MINUTE });
    expect(store.lastEventAt).toBe(T + MINUTE);
  });

  it('splits each bucket and session by model', () => {
    const store = new UsageStore();
    store.add(delta({ model: 'm1', costUSD: 1 }));
    store.add(delta({ model: 'm2', costUSD: 2 }));
    store.add(delta({ model: 'm1', costUSD: 3 }));
    const bucket = store.minutes.get(T)!;
    expect(bucket.models.get('m1')).toMatchObject({ costUSD: 4, tokens: { total: 20 } });
    expect(bucket.models.get('m2')).toMatchObject({ costUSD: 2, tokens: { total: 10 } });
    expect(store.sessions.get('s1')!.models.size).toBe(2);
  });

  it('keeps per-session totals, first/last seen, the latest cwd and per-minute sums', () => {
    const store = new UsageStore();
    store.add(delta({ timestamp: T + 2 * MINUTE, cwd: '/late' }));
    store.add(delta({ timestamp: T, cwd: '/early' }));
    store.add(delta({ timestamp: T + 30_000, cwd: '' }));
    const s = store.sessions.get('s1')!;
    expect(s).toMatchObject({ firstSeen: T, lastSeen: T + 2 * MINUTE, cwd: '/late', costUSD: 3 });
    expect(s.tokens.total).toBe(30);
    expect(s.minutes.get(T)).toEqual({ tokens: 20, costUSD: 2 });
    expect(s.minutes.get(T + 2 * MINUTE)).toEqual({ tokens: 10, costUSD: 1 });
  });

  it('records unpriced models (not <synthetic>) with their tokens', () => {
    const store = new UsageStore();
    store.add(delta({ model: 'x', priced: false, costUSD: 0 }));
    store.add(delta({ model: 'x', priced: false, costUSD: 0 }));
    store.add(delta({ model: '<synthetic>', priced: false, costUSD: 0 }));
    expect([...store.unpriced]).toEqual([['x', 20]]);
  });

  it('keeps limit hits sorted and drops exact duplicates', () => {
    const store = new UsageStore();
    const hit = { timestamp: T, kind: 'five_hour' as const, resetsAt: null, text: 'limit', sessionId: 's', file: 'f' };
    store.addLimitHit({ ...hit, timestamp: T + 10 });
    store.addLimitHit(hit);
    store.addLimitHit({ ...hit, file: 'other file' });
    expect(store.limitHits.map((h) => h.timestamp)).toEqual([T, T + 10]);
  });

  it('re-sorts minutes when a minute is added', () => {
    const store = new UsageStore();
    store.add(delta({ timestamp: T + MINUTE }));
    expect(store.sortedMinutes().map((m) => m.start)).toEqual([T + MINUTE]);
    store.add(delta({ timestamp: T }));
    expect(store.sortedMinutes().map((m) => m.start)).toEqual([T, T + MINUTE]);
  });
});

describe('minutesBetween', () => {
  it('slices the sorted minutes whose start is within [from, to], ends included', async () => {
    const { minutesBetween } = await import('./store.js');
    const at = (start: number) => ({ start }) as unknown as import('./store.js').MinuteBucket;
    const sorted = [0, 60_000, 120_000, 180_000, 240_000].map(at);
    expect(minutesBetween(sorted, 60_000, 180_000).map((m) => m.start)).toEqual([60_000, 120_000, 180_000]);
    expect(minutesBetween(sorted, 60_001, 179_999).map((m) => m.start)).toEqual([120_000]);
    expect(minutesBetween(sorted, 300_000, 400_000)).toEqual([]);
    expect(minutesBetween(sorted, -5, 0).map((m) => m.start)).toEqual([0]);
  });
});

describe('projectFolderOf', () => {
  it('names the folder under projects/ a log lives in, for sessions and their subagents, sanitised', () => {
    expect(projectFolderOf('/home/me/.claude/projects/-home-me-app/s1.jsonl')).toBe('-home-me-app');
    expect(projectFolderOf('/home/me/.claude/projects/-home-me-app/s1/subagents/agent-a.jsonl')).toBe('-home-me-app');
    expect(projectFolderOf('/data/projects/-x\x1b]0;t\x07/s.jsonl')).toBe('-x\\x1b]0;t\\x07');
    expect(projectFolderOf('/tmp/s.jsonl')).toBeNull();
  });
});
