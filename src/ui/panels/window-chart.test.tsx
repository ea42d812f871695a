import { describe, expect, it, vi } from 'vitest';

// Colour support forced before ink's chalk loads, so the tones can be read.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '3';
});

import { renderToString } from 'ink';
import { Lines } from '../kit/Lines.js';
import { windowChartLines } from './window-chart.js';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import type { ActiveBlock } from '../../usage/window-types.js';

const YELLOW = '\x1b[33m';

/** The fixture's window (12:00–17:00, now 14:30, limit $35) with $7 at 12:00 and $7 at 13:30. */
function chart(p: { width: number; rows: number; color?: boolean; block?: ActiveBlock | null; perMinute?: number[] }): string[] {
  const m = fixtureMetrics();
  const perMinute = p.perMinute ?? Array.from({ length: 151 }, (_, i) => (i === 0 || i === 90 ? 7 : 0));
  const block = p.block === undefined ? m.activeBlock : p.block;
  const lines = windowChartLines({ block, readout: { ...m.readouts.fiveHour, perMinute }, now: m.now, timeZone: 'UTC', width: p.width, rows: p.rows, color: p.color ?? false });
  if (lines.length === 0) return [];
  return renderToString(<Lines lines={lines} />, { columns: p.width }).split('\n').map((l) => l.trimEnd());
}

describe('window chart', () => {
  it('draws usage so far, added up, against the even pace to the limit at the reset', () => {
    // 20 plot columns of 15 minutes; 4 plot rows of $8.75 (32 eighths for $35). Columns 0–5 hold $7
    // (6.4 → 6 eighths), 6–10 $14 (12.8 → 13); 11–19 are after now. The pace rises $1.75 a column:
    // a fifth of a row, drawn in quarters (⣀ ⠤ ⠒ ⠉), hidden where a bar covers it.
    expect(chart({ width: 26, rows: 6 })).toEqual([
      `─ █ used ⠒ pace ${'─'.repeat(10)}`,
      '100 %┤              ⣀⣀⠤⠒⠉⠉',
      '     │         ⣀⣀⠤⠒⠉',
      '     │    ⣀⣀▅▅▅▅▅',
      '     │▆▆▆▆▆▆█████',
      '      now 14:30 ▲    17:00',
    ]);
  });

  it('names the pace and the reset when there is room, and grows with the rows it is given', () => {
    const lines = chart({ width: 59, rows: 12 });
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe(`─ Window use █ vs even pace ⠒ to the limit at 17:00 ${'─'.repeat(7)}`);
    // 53 columns: now (150 of 300 minutes) is column 26.
    expect(lines[11]).toBe(`      12:00${' '.repeat(21)}▲ now 14:30${' '.repeat(11)}17:00`);
  });

  it('marks the columns ahead of the even pace in the warning tone', () => {
    // Columns 0–2 ($7 above $1.75, $3.50, $5.25) and 6 ($14 above $12.25) are ahead of the pace.
    const bottom = chart({ width: 26, rows: 6, color: true })[4]!;
    expect(bottom).toContain(`${YELLOW}▆▆▆`);
    expect(bottom).toContain(`${YELLOW}█`);
    expect(bottom).not.toContain(`${YELLOW}▆▆▆▆`);
  });

  it('without a known limit draws the usage alone, labelled in its unit', () => {
    const block = { ...fixtureMetrics().activeBlock!, usage: { basis: 'cost' as const, used: 14, limit: null, fraction: null } };
    const lines = chart({ width: 26, rows: 6, block });
    expect(lines[0]).toBe(`─ █ used ${'─'.repeat(17)}`);
    // 19 columns of 15.8 minutes under a 6-column label; top $14: columns 0–4 ($7) fill half the 32 eighths, 5–9 all.
    expect(lines.slice(1, 5)).toEqual(['$14.00┤     █████', '      │     █████', '      │██████████', '      │██████████']);
  });

  it('takes a limit of 0 for none, and draws nothing from a usage that is not a number', () => {
    const block = { ...fixtureMetrics().activeBlock!, usage: { basis: 'cost' as const, used: 14, limit: 0, fraction: null } };
    expect(chart({ width: 26, rows: 6, block })[0]).toBe(`─ █ used ${'─'.repeat(17)}`);
    expect(chart({ width: 26, rows: 6, perMinute: [7, NaN] })).toEqual([]);
  });

  it('goes when there is no window, too few rows or too narrow a pane', () => {
    expect(chart({ width: 59, rows: 12, block: null })).toEqual([]);
    expect(chart({ width: 59, rows: 4 })).toEqual([]);
    expect(chart({ width: 15, rows: 12 })).toEqual([]);
  });
});
