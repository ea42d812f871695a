import { describe, expect, it } from 'vitest';
import { Calendar } from './calendar.js';
import { buildDays } from './days.js';
import { minuteBucket, OPUS, SONNET } from '../../test/support/test-events.js';

const iso = (s: string) => Date.parse(s);

describe('buildDays', () => {
  it('groups minutes into days of the zone', () => {
    const minutes = [minuteBucket(iso('2026-11-24T10:00:00Z'), 10, 1), minuteBucket(iso('2026-11-24T23:30:00Z'), 20, 2)];
    expect(buildDays(minutes, new Calendar('UTC')).map((d) => [d.date, d.costUSD, d.tokens.total]))
      .toEqual([['2026-11-24', 3, 30]]);
    // Tokyo: 23:30Z is 08:30 on the 25th.
    expect(buildDays(minutes, new Calendar('Asia/Tokyo')).map((d) => [d.date, d.costUSD, d.tokens.total]))
      .toEqual([['2026-11-24', 1, 10], ['2026-11-25', 2, 20]]);
  });

  it('the 25-hour fall-back day in New York holds all its minutes', () => {
    const minutes = [
      minuteBucket(iso('2026-11-01T04:00:00Z'), 1, 1), // 00:00 EDT
      minuteBucket(iso('2026-11-02T04:59:00Z'), 2, 2), // 23:59 EST, 24 h 59 min later
      minuteBucket(iso('2026-11-02T05:00:00Z'), 4, 4), // 00:00 EST on the 2nd
    ];
    expect(buildDays(minutes, new Calendar('America/New_York')).map((d) => [d.date, d.costUSD]))
      .toEqual([['2026-11-01', 3], ['2026-11-02', 4]]);
  });

  it('splits each day by model, most costly first, and names the top model', () => {
    const minutes = [
      minuteBucket(iso('2026-11-24T10:00:00Z'), 10, 1, SONNET),
      minuteBucket(iso('2026-11-24T11:00:00Z'), 5, 4, OPUS),
      minuteBucket(iso('2026-11-24T12:00:00Z'), 10, 1, SONNET),
    ];
    const [day] = buildDays(minutes, new Calendar('UTC'));
    expect(day!.models.map((m) => [m.model, m.costUSD, m.tokens.total])).toEqual([[OPUS, 4, 5], [SONNET, 2, 20]]);
    expect(day!.topModel).toBe(OPUS);
  });

  it('a spike day costs over 2× the median day', () => {
    // costs 1, 2, 3, 6 → median (2 + 3) / 2 = 2.5; 6 > 5 is a spike, 3 is not.
    const minutes = [1, 2, 3, 6].map((cost, i) => minuteBucket(Date.UTC(2026, 10, 1 + i, 12), 1, cost));
    expect(buildDays(minutes, new Calendar('UTC')).map((d) => d.spike)).toEqual([false, false, false, true]);
  });

  it('exactly 2× the median is not a spike', () => {
    // costs 2, 2, 4 → median 2; 4 > 4 is false.
    const minutes = [2, 2, 4].map((cost, i) => minuteBucket(Date.UTC(2026, 10, 1 + i, 12), 1, cost));
    expect(buildDays(minutes, new Calendar('UTC')).map((d) => d.spike)).toEqual([false, false, false]);
  });

  it('no spikes when the median day cost is 0', () => {
    const minutes = [0, 0, 5].map((cost, i) => minuteBucket(Date.UTC(2026, 10, 1 + i, 12), 1, cost));
    expect(buildDays(minutes, new Calendar('UTC')).some((d) => d.spike)).toBe(false);
  });
});
