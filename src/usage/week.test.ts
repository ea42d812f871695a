import { MINUTE, WEEK } from './time.js';
import { describe, expect, it } from 'vitest';
import type { LimitHitSummary } from './window-types.js';
import { HAIKU, minuteBucket, OPUS, SONNET } from '../../test/support/test-events.js';
import { MIN_WEEKS_FOR_P90, pastWeeks, weekSummary } from './week.js';

const NOW = Date.UTC(2026, 10, 24, 12, 0);
const DAY = 86_400_000;

const current = [
  minuteBucket(NOW - WEEK - MINUTE, 9_999, 99, OPUS), // 1 minute before the window: out
  minuteBucket(NOW - WEEK, 1_000, 10, OPUS), // exactly now − 7 d: in
  minuteBucket(NOW - 2 * DAY, 2_000, 4, SONNET),
  minuteBucket(NOW - DAY, 3_000, 1, HAIKU),
  minuteBucket(NOW, 500, 5, OPUS),
];
// Three complete past windows ending at now − 7 d, now − 14 d, now − 21 d: $20, $60, $40.
const past = [
  minuteBucket(NOW - WEEK - DAY, 0, 20),
  minuteBucket(NOW - 2 * WEEK - DAY, 0, 60),
  minuteBucket(NOW - 3 * WEEK - DAY, 0, 40),
];
const minutes = [...past, ...current].sort((a, b) => a.start - b.start);

function hit(usedAtHit: number, kind: LimitHitSummary['kind']): LimitHitSummary {
  return { at: 0, kind, resetsAt: null, usedAtHit, text: '' };
}

describe('weekSummary', () => {
  const input = { now: NOW, minutes: current, basis: 'cost' as const, setting: null, historyStart: NOW - 4 * WEEK, hits: [] };

  it('rolling 7 days: totals, Opus class and Sonnet class', () => {
    const week = weekSummary(input);
    expect(week.start).toBe(NOW - WEEK);
    expect(week.end).toBe(NOW);
    // 10 + 4 + 1 + 5 = 20; tokens 1000 + 2000 + 3000 + 500
    expect(week.all).toEqual({ tokens: { input: 6_500, output: 0, cacheCreation: 0, cacheRead: 0, total: 6_500 }, costUSD: 20 });
    expect(week.opus).toMatchObject({ costUSD: 15, tokens: { total: 1_500 } });
    expect(week.sonnet).toMatchObject({ costUSD: 4, tokens: { total: 2_000 } });
    expect(week.limit).toMatchObject({ value: null, source: 'none' });
    expect(week.usage).toEqual({ basis: 'cost', used: 20, limit: null, fraction: null });
  });

  it('auto: P90 of at least 3 complete past 7-day windows', () => {
    expect(MIN_WEEKS_FOR_P90).toBe(3);
    const week = weekSummary({ ...input, minutes, setting: 'auto', historyStart: NOW - 4 * WEEK });
    // Windows [now−14d, now−7d) $20 (+ the $99 at now − 7 d − 1 min), [now−21d, now−14d) $60, [now−28d, now−21d) $40
    // → 119, 60, 40; rank ceil(2.7) = 3 → 119.
    expect(week.limit).toEqual({ basis: 'cost', value: 119, source: 'p90', label: 'P90 of 3 weeks' });
    expect(week.usage.fraction).toBeCloseTo(20 / 119, 12);
  });

  it('auto with only 2 complete windows in the history: no limit', () => {
    const week = weekSummary({ ...input, minutes, setting: 'auto', historyStart: NOW - 4 * WEEK + 1 });
    expect(week.limit).toMatchObject({ value: null, source: 'none' });
  });

  it('weekly limit hits beat auto; 5-hour hits do not count; a number wins', () => {
    const hits = [hit(80, 'weekly'), hit(100, 'weekly'), hit(5, 'five_hour')];
    expect(weekSummary({ ...input, minutes, setting: 'auto', hits }).limit).toMatchObject({ value: 90, source: 'hits' });
    expect(weekSummary({ ...input, minutes, setting: 50, hits }).limit).toMatchObject({ value: 50, source: 'user' });
  });
});

describe('pastWeeks', () => {
  it('lists complete windows back to the history start, newest first', () => {
    expect(pastWeeks(minutes, NOW, NOW - 4 * WEEK, 'cost')).toEqual([119, 60, 40]);
    expect(pastWeeks(minutes, NOW, NOW - 2 * WEEK, 'cost')).toEqual([119]);
    expect(pastWeeks(minutes, NOW, NOW - 2 * WEEK + 1, 'cost')).toEqual([]);
  });
});
