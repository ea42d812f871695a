import { describe, expect, it } from 'vitest';
import { Calendar } from './calendar.js';
import { buildDays } from './days.js';
import { monthSummary, recentDailyAverage } from './month.js';
import { minuteBucket } from '../../test/support/test-events.js';

const iso = (s: string) => Date.parse(s);
const UTC = new Calendar('UTC');

// History: $50 on Oct 31 (last month), then $30, $40, $60, $10, $20 in November.
const minutes = [
  minuteBucket(iso('2026-10-31T23:00:00Z'), 500, 50),
  minuteBucket(iso('2026-11-05T10:00:00Z'), 300, 30),
  minuteBucket(iso('2026-11-14T12:00:00Z'), 400, 40),
  minuteBucket(iso('2026-11-15T09:00:00Z'), 600, 60),
  minuteBucket(iso('2026-11-18T08:00:00Z'), 100, 10),
  minuteBucket(iso('2026-11-20T11:00:00Z'), 200, 20),
];
const NOW = iso('2026-11-20T12:00:00Z');
const HISTORY = iso('2026-10-01T00:00:00Z');

function summary(feeUSD: number, calendar = UTC, now = NOW, list = minutes, historyStart = HISTORY) {
  return monthSummary({ now, calendar, minutes: list, days: buildDays(list, calendar), feeUSD, historyStart });
}

describe('monthSummary', () => {
  it('month-to-date, projection, value multiplier and break-even (fee $100)', () => {
    const m = summary(100);
    expect(m.month).toBe('2026-11');
    // MTD = 30 + 40 + 60 + 10 + 20 = 160 (Oct 31 excluded)
    expect(m.costUSD).toBe(160);
    expect(m.tokens.total).toBe(1_600);
    // Trailing 7 days from Nov 13 12:00: 40 + 60 + 10 + 20 = 130 → 130 / 7 per day
    expect(m.dailyAverageUSD).toBeCloseTo(130 / 7, 12);
    // Days left: Dec 1 00:00 − Nov 20 12:00 = 10.5 → 160 + 130/7 × 10.5 = 160 + 195 = 355
    expect(m.projectedCostUSD).toBeCloseTo(355, 9);
    expect(m.daysElapsed).toBe(20);
    expect(m.daysInMonth).toBe(30);
    expect(m.valueMultiplier).toBeCloseTo(1.6, 12);
    expect(m.projectedValueMultiplier).toBeCloseTo(3.55, 9);
    // Cumulative 30, 70, 130 ≥ 100 at the Nov 15 09:00 usage.
    expect(m.breakEvenAt).toBe(iso('2026-11-15T09:00:00Z'));
    expect(m.daysToBreakEven).toBe(0);
    expect(m.heaviestDay).toEqual({ date: '2026-11-15', costUSD: 60, feeMultiple: 0.6 });
    expect(m.topDays).toEqual([
      { date: '2026-11-15', costUSD: 60 }, { date: '2026-11-14', costUSD: 40 }, { date: '2026-11-05', costUSD: 30 },
    ]);
  });

  it('not broken even yet (fee $200): days to break-even at the daily average', () => {
    const m = summary(200);
    expect(m.breakEvenAt).toBeNull();
    // (200 − 160) ÷ (130 / 7) = 280 / 130
    expect(m.daysToBreakEven).toBeCloseTo(280 / 130, 12);
    expect(m.valueMultiplier).toBeCloseTo(0.8, 12);
    expect(m.heaviestDay?.feeMultiple).toBeCloseTo(0.3, 12);
  });

  it('no fee (api): no multipliers or break-even', () => {
    const m = summary(0);
    expect(m).toMatchObject({ valueMultiplier: null, projectedValueMultiplier: null, breakEvenAt: null, daysToBreakEven: null });
    expect(m.heaviestDay?.feeMultiple).toBeNull();
  });

  it('empty month: zero cost, no heaviest day, no break-even date', () => {
    const m = summary(100, UTC, NOW, []);
    expect(m).toMatchObject({ costUSD: 0, projectedCostUSD: 0, heaviestDay: null, topDays: [], breakEvenAt: null, daysToBreakEven: null });
  });

  it('month-to-date in the zone: Tokyo is already in December', () => {
    const list = [
      minuteBucket(iso('2026-11-30T14:00:00Z'), 1, 7), // Nov 30 23:00 JST
      minuteBucket(iso('2026-11-30T16:00:00Z'), 1, 5), // Dec 1 01:00 JST
    ];
    const now = iso('2026-11-30T20:00:00Z');
    const tokyo = summary(100, new Calendar('Asia/Tokyo'), now, list);
    expect(tokyo).toMatchObject({ month: '2026-12', costUSD: 5, daysElapsed: 1, daysInMonth: 31 });
    const utc = summary(100, UTC, now, list);
    expect(utc).toMatchObject({ month: '2026-11', costUSD: 12, daysElapsed: 30, daysInMonth: 30 });
  });

  it('DST months in New York: day of month and month length are calendar days', () => {
    const ny = new Calendar('America/New_York');
    // Nov 30 23:30 EST: 30 days + 1 h after Nov 1 00:00 EDT — still day 30 (was 31 before the fix).
    expect(summary(100, ny, iso('2026-11-30T23:30:00-05:00'), []).daysElapsed).toBe(30);
    expect(summary(100, ny, iso('2026-11-02T23:30:00-05:00'), []).daysElapsed).toBe(2);
    // Mar 9 00:30 EDT: 8 days − 1 h after Mar 1 00:00 EST — day 9.
    const march = summary(100, ny, iso('2026-03-09T00:30:00-04:00'), [], iso('2026-02-01T00:00:00Z'));
    expect(march).toMatchObject({ daysElapsed: 9, daysInMonth: 31 });
  });
});

describe('recentDailyAverage', () => {
  it('averages over the part of the last 7 days the history covers', () => {
    // History from Nov 18 00:00: span 2.5 days, cost 10 + 20 = 30 → 12 per day.
    expect(recentDailyAverage(minutes, NOW, iso('2026-11-18T00:00:00Z'))).toBeCloseTo(12, 12);
  });

  it('spans at least one day', () => {
    // History from Nov 20 06:00: 0.25 days → 1 day; cost 20.
    expect(recentDailyAverage(minutes, NOW, iso('2026-11-20T06:00:00Z'))).toBe(20);
  });
});
