import { floorMinute, MINUTE } from './time.js';
import type { BurnRate } from './metrics-types.js';
import type { LimitBasis } from './window-types.js';
import { type MinuteBucket } from './store.js';
import { minuteUsage } from './minute-sums.js';

/** Anything with per-minute totals keyed by minute start. */
export interface MinuteSeries {
  get(minuteStart: number): { tokens: number; costUSD: number } | undefined;
}

/**
 * Tokens and cost in the `minutes` whole minutes ending with the current one (now's minute
 * included), `offset` windows back; the current window also takes the minutes up to `until`
 * (usage slightly ahead of the clock counts as now).
 */
export function sumTrailing(series: MinuteSeries, now: number, minutes: number, offset = 0, until = now): { tokens: number; costUSD: number } {
  const current = floorMinute(now) - offset * MINUTE;
  const ahead = offset === 0 ? Math.max(0, (floorMinute(until) - floorMinute(now)) / MINUTE) : 0;
  let tokens = 0;
  let costUSD = 0;
  for (let i = -ahead; i < minutes; i++) {
    const m = series.get(current - i * MINUTE);
    if (m) {
      tokens += m.tokens;
      costUSD += m.costUSD;
    }
  }
  return { tokens, costUSD };
}

/** Tokens per minute for each of the last `count` minutes, oldest first; minutes up to `until` count in the last. */
export function perMinute(series: MinuteSeries, now: number, count: number, until = now): number[] {
  const current = floorMinute(now);
  const values: number[] = [];
  for (let i = count - 1; i >= 0; i--) values.push(series.get(current - i * MINUTE)?.tokens ?? 0);
  for (let m = current + MINUTE; m <= until; m += MINUTE) values[count - 1]! += series.get(m)?.tokens ?? 0;
  return values;
}

/** Burn rate over the trailing window and the window before it, plus the last hour's sparkline. */
export function burnRate(series: MinuteSeries, now: number, windowMinutes: number, until = now): BurnRate {
  const recent = sumTrailing(series, now, windowMinutes, 0, until);
  const previous = sumTrailing(series, now, windowMinutes, windowMinutes);
  const tokensPerMinute = recent.tokens / windowMinutes;
  const previousTokensPerMinute = previous.tokens / windowMinutes;
  return {
    windowMinutes,
    tokensPerMinute,
    costPerHour: (recent.costUSD / windowMinutes) * 60,
    previousTokensPerMinute,
    previousCostPerHour: (previous.costUSD / windowMinutes) * 60,
    trendRatio: previousTokensPerMinute > 0 ? tokensPerMinute / previousTokensPerMinute : null,
    sparkline: perMinute(series, now, 60, until),
  };
}

/** The store's minute buckets seen as a series of total tokens and cost (no copy). */
export function totalsSeries(buckets: ReadonlyMap<number, { tokens: { total: number }; costUSD: number }>): MinuteSeries {
  return {
    get(start) {
      const b = buckets.get(start);
      return b && { tokens: b.tokens.total, costUSD: b.costUSD };
    },
  };
}

/** Usage in a limit basis per ms over the trailing window (now's minute included). */
export function trailingUsagePerMs(buckets: ReadonlyMap<number, MinuteBucket>, now: number, windowMinutes: number, basis: LimitBasis, until = now): number {
  const current = floorMinute(now);
  const ahead = Math.max(0, (floorMinute(until) - current) / MINUTE);
  let used = 0;
  for (let i = -ahead; i < windowMinutes; i++) {
    const m = buckets.get(current - i * MINUTE);
    if (m) used += minuteUsage(basis, m);
  }
  return used / (windowMinutes * MINUTE);
}
