import { describe, expect, it } from 'vitest';
import { renderToString } from 'ink';
import { Lines } from '../kit/Lines.js';
import { barLayout, datesEnding, daysChartLines } from './days-chart.js';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import type { DaySummary } from '../../usage/calendar-types.js';

const NOW = Date.parse('2026-11-25T14:30:00Z');

function day(date: string, costUSD: number, spike = false): DaySummary {
  return { ...fixtureMetrics().days[0]!, date, costUSD, spike };
}

/** Nov 12 $1.50, Nov 20 $6, Nov 24 $12 (a spike), Nov 25 $3; a $90 fee in a 30-day month: $3 a day. */
const DAYS = [day('2026-11-20', 6), day('2026-11-12', 1.5), day('2026-11-24', 12, true), day('2026-11-25', 3)];

function chart(width: number, rows: number, feeUSD = 90, days = DAYS): string[] {
  const lines = daysChartLines({ days, feeUSD, daysInMonth: 30, now: NOW, timeZone: 'UTC', width, rows, color: false });
  if (lines.length === 0) return [];
  return renderToString(<Lines lines={lines} />, { columns: width }).split('\n').map((l) => l.trimEnd());
}

describe('days chart', () => {
  it('draws the last days as bars, a blank column apart, with the fee per day as a line and the spikes named', () => {
    // 34 columns: a 6-column label and the axis leave 27, so 14 days (Nov 12–25), day i at column 2i.
    // Top $12 in 4 rows (32 eighths): $1.50 → 4 eighths, $3 → 8, $6 → 16, $12 → 32. The $3 line sits
    // at the foot of row 1 (⣀), hidden by the bars that reach above it (Nov 20, Nov 24).
    expect(chart(34, 6)).toEqual([
      `─ Cost per day · ⚠ spike ${'─'.repeat(9)}`,
      `$12.00┤${' '.repeat(24)}█`,
      `      │${' '.repeat(24)}█`,
      ` $3.00┤${'⣀'.repeat(16)}█${'⣀'.repeat(7)}█⣀⣀`,
      `      │▄${' '.repeat(15)}█${' '.repeat(7)}█ █`,
      // The spike's name takes the place of the last day's date.
      `       Nov 12${' '.repeat(14)}⚠Nov 24`,
    ]);
  });

  it('says what the line is, in the glyph it is drawn with, and that there are spikes when there is room', () => {
    // 6 plot rows: the $3 line at 1.5 rows, in the third quarter of row 1.
    expect(chart(59, 8)[0]).toBe(`─ Cost per day · ⠒ fee per day $3.00 · ⚠ spike ${'─'.repeat(12)}`);
  });

  it('draws no line for a plan without a fee', () => {
    const lines = chart(34, 6, 0);
    expect(lines[0]).toBe(`─ Cost per day · ⚠ spike ${'─'.repeat(9)}`);
    expect(lines.join('\n')).not.toMatch(/[⣀⠤⠒⠉]/);
  });

  it('goes when there is nothing to draw, too few rows or too narrow a pane', () => {
    expect(chart(34, 6, 0, [])).toEqual([]);
    expect(chart(34, 4)).toEqual([]);
    expect(chart(13, 6)).toEqual([]);
  });
});

describe('days chart layout', () => {
  it('fits 14 to 30 days a blank column apart, wider bars when there is room, else bars side by side', () => {
    expect(barLayout(27)).toEqual({ days: 14, bar: 1, gap: 1 });
    expect(barLayout(51)).toEqual({ days: 26, bar: 1, gap: 1 });
    expect(barLayout(90)).toEqual({ days: 30, bar: 2, gap: 1 });
    expect(barLayout(20)).toEqual({ days: 20, bar: 1, gap: 0 });
  });

  it('counts dates back across a month’s end', () => {
    expect(datesEnding('2026-03-02', 3)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
  });
});
