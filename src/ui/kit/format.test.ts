import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatClock,
  formatCount,
  formatDateString,
  formatDay,
  formatDuration,
  formatMonth,
  formatMultiple,
  formatPercent,
  formatWhen,
  groupDigits,
  modelName,
  formatTokens,
  formatTrend,
  formatUSD,
  progressBar,
  shortModel,
  sparkline,
} from './format.js';

describe('formatTokens', () => {
  it('shortens to k, M, B with one decimal', () => {
    expect(formatTokens(950)).toBe('950');
    expect(formatTokens(12_345)).toBe('12.3k');
    expect(formatTokens(123_456)).toBe('123k');
    expect(formatTokens(1_234_567)).toBe('1.2M');
    expect(formatTokens(999_999)).toBe('1.0M');
    expect(formatTokens(2_500_000_000)).toBe('2.5B');
  });
  it('counts drop a trailing .0', () => {
    expect(formatCount(3000)).toBe('3k');
    expect(formatCount(1200)).toBe('1.2k');
  });
});

describe('formatUSD', () => {
  it('uses cents, thousands separators and precision for tiny amounts', () => {
    expect(formatUSD(14.374)).toBe('$14.37');
    expect(formatUSD(1234.4)).toBe('$1,234');
    expect(formatUSD(0.42)).toBe('$0.42');
    expect(formatUSD(0.0031)).toBe('<$0.01');
    expect(formatUSD(0.0054)).toBe('$0.01');
    expect(formatUSD(0.0049)).toBe('<$0.01');
    expect(formatUSD(0)).toBe('$0.00');
  });
});

describe('groupDigits', () => {
  it('groups thousands as en-US does', () => {
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(1000)).toBe('1,000');
    expect(groupDigits(-1_234_567)).toBe('-1,234,567');
    expect(groupDigits(123_456_789_012)).toBe('123,456,789,012');
    expect(groupDigits(1e21)).toBe('1,000,000,000,000,000,000,000');
  });
  it('writes every integer as toLocaleString("en-US") does (but -0 as 0)', () => {
    expect(groupDigits(-0)).toBe('0');
    const rounded = fc.double({ min: -1e22, max: 1e22, noNaN: true }).map((n) => Math.round(n) || 0);
    const integers = fc.oneof(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.maxSafeInteger().map((n) => n - 2 ** 52), rounded);
    fc.assert(fc.property(integers, (n) => groupDigits(n) === n.toLocaleString('en-US')), { numRuns: 5000 });
  });
});

describe('durations, ages, percent, trend', () => {
  it('formats durations', () => {
    expect(formatDuration((2 * 60 + 13) * 60_000)).toBe('2h 13m');
    expect(formatDuration(45 * 60_000)).toBe('45m');
    expect(formatDuration(30_000)).toBe('30s');
    expect(formatAge(12_000)).toBe('12s ago');
  });
  it('formats percent with a space', () => {
    expect(formatPercent(0.48)).toBe('48 %');
  });
  it('formats the trend', () => {
    expect(formatTrend(1.35)).toBe('▲ +35%');
    expect(formatTrend(0.8)).toBe('▼ −20%');
    expect(formatTrend(null)).toBe('—');
    expect(formatTrend(1)).toBe('—');
  });
});

describe('progressBar', () => {
  it('fills by fraction', () => {
    expect(progressBar(0.5, 10)).toEqual({ text: '█████░░░░░', over: false });
  });
  it('clamps and flags over 100 %', () => {
    expect(progressBar(1.4, 4)).toEqual({ text: '████', over: true });
    expect(progressBar(-1, 4).text).toBe('░░░░');
  });
});

describe('sparkline', () => {
  it('scales to the max, blank for 0', () => {
    expect(sparkline([0, 1, 4, 8])).toBe(' ▁▄█');
  });
  it('keeps the last N cells when narrow', () => {
    expect(sparkline([8, 0, 8], 2)).toBe(' █');
  });
});

describe('clock and models', () => {
  it('formats clock times in the zone', () => {
    const t = Date.parse('2026-11-25T14:30:05Z');
    expect(formatClock(t, 'UTC', true)).toBe('14:30:05');
    expect(formatClock(t, 'Europe/Berlin')).toBe('15:30');
  });
  it('uses the built-in Intl, midnight as 00', () => {
    expect(formatClock(Date.parse('2026-11-25T00:05:00Z'), 'UTC')).toBe('00:05');
    expect(formatClock(Date.parse('2026-11-25T23:59:59Z'), 'Asia/Kathmandu', true)).toBe('05:44:59');
    expect(formatDay(Date.parse('2026-11-09T23:30:00Z'), 'UTC')).toBe('Nov 9');
    expect(formatDay(Date.parse('2026-11-09T23:30:00Z'), 'Europe/Berlin')).toBe('Nov 10');
    expect(formatDateString('2026-01-05')).toBe('Jan 5');
    expect(formatMonth('2026-11')).toBe('Nov 2026');
  });
  it('says a time today, a day before', () => {
    const now = Date.parse('2026-11-25T14:30:00Z');
    expect(formatWhen(Date.parse('2026-11-25T00:10:00Z'), now, 'UTC')).toBe('00:10');
    expect(formatWhen(Date.parse('2026-11-24T23:50:00Z'), now, 'UTC')).toBe('Nov 24');
    expect(formatWhen(Date.parse('2026-11-24T23:50:00Z'), now, 'Europe/Berlin')).toBe('00:50');
  });
  it('shortens model ids', () => {
    expect(shortModel('claude-opus-4-6')).toBe('opus-4-6');
    expect(shortModel('claude-sonnet-4-5-20250929')).toBe('sonnet-4-5');
  });
  it('names models as people do', () => {
    expect(modelName('claude-opus-4-6')).toBe('Opus 4.6');
    expect(modelName('claude-sonnet-4-5-20250929')).toBe('Sonnet 4.5');
    expect(modelName('claude-opus-4-20250514')).toBe('Opus 4');
    expect(modelName('claude-3-5-haiku-20241022')).toBe('Haiku 3.5');
    expect(modelName('claude-future-9')).toBe('future-9');
  });
});

describe('formatMultiple', () => {
  it('says "<0.1×" rather than "0.0×"', () => {
    expect(formatMultiple(12.304)).toBe('12.3×');
    expect(formatMultiple(0.8)).toBe('0.8×');
    expect(formatMultiple(0.04)).toBe('<0.1×');
    expect(formatMultiple(0.05)).toBe('0.1×');
    expect(formatMultiple(0)).toBe('0.0×');
    expect(formatMultiple(123.4)).toBe('123×');
  });
});
