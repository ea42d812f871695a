import { describe, expect, it } from 'vitest';
import { horizontalBar, labelRow, lineGlyph, plotRows, rowOf, withAxis, type ChartColumn } from './chart.js';

const text = (rows: { text: string }[][]) => rows.map((runs) => runs.map((r) => r.text).join(''));

describe('plotRows', () => {
  // Top 8 in 2 rows: 16 eighths; the line in quarters of a row.
  const columns: ChartColumn[] = [
    { bar: 8, line: 4, tone: 'warn' }, // full; its line (row 1, bottom quarter) hidden by the bar
    { bar: 3, line: null, tone: 'accent' }, // 6 eighths
    { bar: null, line: 6, tone: 'accent' }, // line at 1.5 rows: row 1, third quarter
    { bar: 0.01, line: null, tone: 'accent' }, // above 0: at least one eighth
    { bar: 2, line: 7, tone: 'accent' }, // 4 eighths; line at 1.75 rows: row 1, top quarter
  ];

  it('draws bars in eighths of a row and the line where the bar leaves the cell empty', () => {
    expect(text(plotRows(columns, 2, 8, 'dim'))).toEqual(['█ ⠒ ⠉', '█▆ ▁▄']);
  });

  it('keeps each cell’s tone, equal neighbours merged', () => {
    expect(plotRows(columns, 2, 8, 'dim')[1]).toEqual([
      { text: '█', tone: 'warn' },
      { text: '▆', tone: 'accent' },
      { text: ' ', tone: 'plain' },
      { text: '▁▄', tone: 'accent' },
    ]);
  });

  it('clamps to the top, and draws nothing for 0, a negative or a non-number', () => {
    expect(text(plotRows([{ bar: 20, line: null, tone: 'plain' }, { bar: 0, line: null, tone: 'plain' }, { bar: -1, line: null, tone: 'plain' }, { bar: NaN, line: null, tone: 'plain' }], 1, 8, 'dim'))).toEqual(['█   ']);
  });
});

describe('axis', () => {
  it('finds the row of a value, top row 0', () => {
    expect([rowOf(8, 8, 4), rowOf(2, 8, 4), rowOf(1.9, 8, 4), rowOf(0, 8, 4)]).toEqual([0, 2, 3, 3]);
  });

  it('puts the labels before their rows, right-aligned', () => {
    expect(text(withAxis([[{ text: 'ab', tone: 'plain' }], [{ text: 'cd', tone: 'plain' }]], ['$12', null], 4))).toEqual([' $12┤ab', '    │cd']);
  });

  it('places labels in turn, a space apart, moved left to fit, else left out', () => {
    const labels = [{ at: 5, text: 'now' }, { at: 0, text: '12:00' }, { at: 20, text: '17:00' }];
    // '12:00' would touch 'now' (columns 0–4 and 5–7): left out. '17:00' moves left to end at the width.
    expect(labelRow(labels, 20)).toBe('     now       17:00');
    expect(labelRow([{ at: 0, text: 'too wide' }], 5)).toBe('     ');
  });

  it('names the line’s glyph by the quarter of the row it runs in', () => {
    expect([lineGlyph(0.1, 4, 1), lineGlyph(1.1, 4, 1), lineGlyph(2.1, 4, 1), lineGlyph(3.9, 4, 1), lineGlyph(4, 4, 1)]).toEqual(['⣀', '⠤', '⠒', '⠉', '⠉']);
  });
});

describe('horizontalBar', () => {
  it('fills cells in eighths, at least one for a value above 0, none for 0, clamped to the width', () => {
    // 16.8 ÷ 142.8 × 80 eighths = 9.4 → a cell and an eighth.
    expect(horizontalBar(16.8, 142.8, 10)).toBe('█▏');
    expect(horizontalBar(142.8, 142.8, 10)).toBe('██████████');
    expect(horizontalBar(0.001, 100, 10)).toBe('▏');
    expect(horizontalBar(0, 100, 10)).toBe('');
    expect(horizontalBar(200, 100, 4)).toBe('████');
  });
});
