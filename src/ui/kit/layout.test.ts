import { describe, expect, it } from 'vitest';
import { fitPanels, layoutFor, type PanelSpec } from './layout.js';

describe('layoutFor', () => {
  it('picks the mode by width', () => {
    expect(layoutFor(120, 40).mode).toBe('double');
    expect(layoutFor(100, 40).mode).toBe('double');
    expect(layoutFor(99, 40).mode).toBe('single');
    expect(layoutFor(60, 40).mode).toBe('single');
    expect(layoutFor(59, 40).mode).toBe('compact');
    expect(layoutFor(40, 15).mode).toBe('compact');
  });
  it('is too small below 40×15', () => {
    expect(layoutFor(39, 40).mode).toBe('too-small');
    expect(layoutFor(80, 14).mode).toBe('too-small');
  });
  it('splits two columns with a gap', () => {
    expect(layoutFor(120, 40)).toMatchObject({ leftWidth: 59, rightWidth: 59 });
    expect(layoutFor(101, 40)).toMatchObject({ leftWidth: 49, rightWidth: 50 });
    expect(layoutFor(80, 40)).toMatchObject({ leftWidth: 80, rightWidth: 0 });
  });
});

const spec = (id: string, lines: number, priority: number, slot: PanelSpec['slot'] = 'full', minLines = lines): PanelSpec => ({
  id,
  lines,
  minLines,
  priority,
  slot,
});
const chart = (id: string, priority: number, slot: PanelSpec['slot'] = 'full'): PanelSpec => ({ ...spec(id, 5, priority, slot, 3), grow: true });

describe('fitPanels', () => {
  it('keeps everything when it fits', () => {
    expect(fitPanels([spec('a', 3, 1), spec('b', 2, 2)], 'single', 5)).toEqual({ a: 3, b: 2 });
  });
  it('shrinks then drops the lowest priority first', () => {
    const specs = [spec('top', 4, 10), spec('table', 6, 5, 'full', 3), spec('extra', 3, 1)];
    expect(fitPanels(specs, 'single', 11)).toEqual({ top: 4, table: 6, extra: 0 });
    expect(fitPanels(specs, 'single', 8)).toEqual({ top: 4, table: 4, extra: 0 });
    expect(fitPanels(specs, 'single', 6)).toEqual({ top: 4, table: 0, extra: 0 });
  });
  it('in two columns only drops what makes the stack shorter', () => {
    const specs = [spec('l1', 6, 9, 'left'), spec('r1', 3, 1, 'right'), spec('r2', 2, 2, 'right'), spec('l2', 2, 3, 'left')];
    // Left is 8 tall, right 5: dropping r1 would not help, l2 must go.
    expect(fitPanels(specs, 'double', 6)).toEqual({ l1: 6, r1: 3, r2: 2, l2: 0 });
  });
  it('lets the charts take the rows left empty, shared evenly in one column (the higher priority takes the odd row)', () => {
    const specs = [spec('top', 4, 10), chart('low', 1), chart('high', 2)];
    // 20 rows: 4 + 5 + 5 leave 6, three each; 21 leave 7.
    expect(fitPanels(specs, 'single', 20)).toEqual({ top: 4, low: 8, high: 8 });
    expect(fitPanels(specs, 'single', 21)).toEqual({ top: 4, low: 8, high: 9 });
  });
  it('drops a chart first when rows are short, and the one kept takes what is left', () => {
    const specs = [spec('top', 4, 10), chart('low', 1), chart('high', 2)];
    // 10 rows: 'low' cut to 3 still leaves 12, so it goes; 'high' takes the 6 rows left.
    expect(fitPanels(specs, 'single', 10)).toEqual({ top: 4, low: 0, high: 6 });
    expect(fitPanels(specs, 'single', 7)).toEqual({ top: 4, low: 0, high: 3 });
    expect(fitPanels(specs, 'single', 6)).toEqual({ top: 4, low: 0, high: 0 });
  });
  it('in two columns each chart fills its own column down to the stack’s foot', () => {
    const specs = [spec('head', 2, 10), spec('window', 6, 9, 'left'), chart('left', 1, 'left'), spec('month', 9, 8, 'right'), chart('right', 2, 'right')];
    // Columns of 11 and 14 under a 2-row head: at 20 rows the left chart gets 5 + 7, the right 5 + 4.
    expect(fitPanels(specs, 'double', 20)).toEqual({ head: 2, window: 6, left: 12, month: 9, right: 9 });
    // A full-width chart takes the rows under the taller column: 30 − 2 − 9.
    const wide = [spec('head', 2, 10), spec('window', 6, 9, 'left'), spec('month', 9, 8, 'right'), chart('wide', 3)];
    expect(fitPanels(wide, 'double', 30)).toEqual({ head: 2, window: 6, month: 9, wide: 19 });
  });
});
