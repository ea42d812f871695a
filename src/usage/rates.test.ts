import { MINUTE } from './time.js';
import { describe, expect, it } from 'vitest';
import { burnRate, perMinute, sumTrailing, totalsSeries } from './rates.js';
import { minuteBucket } from '../../test/support/test-events.js';

const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 10, 24, hh, mm, ss);

const buckets = new Map([
  [at(12, 1), 9_999, 9],   // after now: never counted
  [at(12, 0), 1_000, 0.1], // current minute
  [at(11, 51), 2_000, 0.2], // 9 minutes before: last of the trailing 10
  [at(11, 50), 500, 0],    // first minute of the previous 10
  [at(11, 41), 700, 0],    // last minute of the previous 10
  [at(11, 40), 300, 0],    // in neither window
].map(([t, tokens, cost]) => [t!, minuteBucket(t!, tokens!, cost)]));
const series = totalsSeries(buckets);
const NOW = at(12, 0, 30);

describe('burnRate', () => {
  it('tokens/min and USD/h over the current minute and the 9 before it; the 10 before for the trend', () => {
    const rate = burnRate(series, NOW, 10);
    // recent: 1000 + 2000 = 3000 tokens / 10 = 300 per min; $0.30 / 10 min × 60 = $1.80/h
    expect(rate.tokensPerMinute).toBe(300);
    expect(rate.costPerHour).toBeCloseTo(1.8, 12);
    // previous: 500 + 700 = 1200 / 10 = 120 per min; trend 300 / 120 = 2.5
    expect(rate.previousTokensPerMinute).toBe(120);
    expect(rate.previousCostPerHour).toBe(0);
    expect(rate.trendRatio).toBeCloseTo(2.5, 12);
    expect(rate.windowMinutes).toBe(10);
  });

  it('sparkline: 60 per-minute values, oldest first, ending with the current minute', () => {
    const { sparkline } = burnRate(series, NOW, 10);
    expect(sparkline).toHaveLength(60);
    expect(sparkline[59]).toBe(1_000); // 12:00
    expect(sparkline[50]).toBe(2_000); // 11:51
    expect(sparkline[49]).toBe(500); // 11:50
    expect(sparkline[40]).toBe(700); // 11:41 (19 minutes before)
    expect(sparkline[39]).toBe(300); // 11:40
    expect(sparkline.reduce((a, b) => a + b, 0)).toBe(4_500);
  });

  it('trend is null when the previous window had nothing', () => {
    // 11:40 has 300; the minute before it nothing.
    expect(burnRate(series, at(11, 40), 1)).toMatchObject({ tokensPerMinute: 300, trendRatio: null });
  });

  it('nothing in the window: zero rates', () => {
    const rate = burnRate(series, at(18, 0), 10);
    expect(rate).toMatchObject({ tokensPerMinute: 0, costPerHour: 0, trendRatio: null });
    expect(rate.sparkline.every((v) => v === 0)).toBe(true);
  });
});

describe('sumTrailing / perMinute', () => {
  it('sums whole minutes ending with now’s minute, shifted by an offset', () => {
    expect(sumTrailing(series, NOW, 1).tokens).toBe(1_000);
    expect(sumTrailing(series, NOW, 10, 10).tokens).toBe(1_200);
    expect(sumTrailing(series, NOW + MINUTE, 1).tokens).toBe(9_999);
  });

  it('perMinute lists oldest first', () => {
    expect(perMinute(series, at(12, 1), 3)).toEqual([0, 1_000, 9_999]);
  });
});
