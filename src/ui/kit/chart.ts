import { row, span, type Line } from './Lines.js';
import type { Tone } from './theme.js';
import { displayWidth, fit } from './width.js';

/** Text charts: bars of ▁▂▃▄▅▆▇█ in eighths of a row, a level line in braille in quarters of a row. */

/** Text in one tone; a chart row is a list of them. */
export interface Run {
  text: string;
  tone: Tone;
}

/** One column of a chart. */
export interface ChartColumn {
  /** Height of its bar (0 to the chart's top), null for none. */
  bar: number | null;
  /** Height of the level line over it, null for none. */
  line: number | null;
  /** Tone of the bar. */
  tone: Tone;
}

/** Fewest rows a chart is drawn in: a title, three plot rows, an axis of labels. */
export const CHART_MIN_ROWS = 5;

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
/** The line's glyph by its quarter of a row, bottom to top: two braille dots side by side. */
const LINE = ['⣀', '⠤', '⠒', '⠉'] as const;

function fraction(value: number, top: number): number {
  return top > 0 && Number.isFinite(value) ? Math.min(1, Math.max(0, value / top)) : 0;
}

/** Eighths of a row the bar fills; a bar above 0 shows at least one. */
function barEighths(bar: number | null, top: number, height: number): number {
  if (bar === null || !(bar > 0)) return 0;
  return Math.max(1, Math.round(fraction(bar, top) * height * 8));
}

/** The row (0 = bottom) and the quarter of it where the line runs. */
function linePlace(line: number, top: number, height: number): { row: number; quarter: number } {
  const y = fraction(line, top) * height;
  const row = Math.min(height - 1, Math.floor(y));
  return { row, quarter: Math.min(3, Math.floor((y - row) * 4)) };
}

/** The glyph of a level line at `value` (the same in every column of a flat line). */
export function lineGlyph(value: number, top: number, height: number): string {
  return LINE[linePlace(value, top, height).quarter]!;
}

/** Runs of equal tone merged. */
function merge(cells: Run[]): Run[] {
  const runs: Run[] = [];
  for (const cell of cells) {
    const last = runs[runs.length - 1];
    if (last && last.tone === cell.tone) last.text += cell.text;
    else runs.push({ ...cell });
  }
  return runs;
}

/**
 * The plot, top row first, one character a column: each bar scaled to `top` in eighths of a row,
 * and the line drawn in the cells its bar leaves empty (a bar at or above the line hides it).
 */
export function plotRows(columns: ChartColumn[], height: number, top: number, lineTone: Tone): Run[][] {
  const shapes = columns.map((c) => ({ eighths: barEighths(c.bar, top, height), line: c.line === null ? null : linePlace(c.line, top, height), tone: c.tone }));
  const rows: Run[][] = [];
  for (let r = height - 1; r >= 0; r--) {
    rows.push(merge(shapes.map((s): Run => {
      const fill = Math.min(8, Math.max(0, s.eighths - r * 8));
      if (fill > 0) return { text: BLOCKS[fill - 1]!, tone: s.tone };
      if (s.line !== null && s.line.row === r) return { text: LINE[s.line.quarter]!, tone: lineTone };
      return { text: ' ', tone: 'plain' };
    })));
  }
  return rows;
}

/** The plot row (0 = top) in which a value lands. */
export function rowOf(value: number, top: number, height: number): number {
  return height - 1 - Math.min(height - 1, Math.floor(fraction(value, top) * height));
}

/** Each plot row after its axis label ("100 % ┤", "      │"), labels right-aligned to `labelWidth`. */
export function withAxis(rows: Run[][], labels: (string | null)[], labelWidth: number): Run[][] {
  return rows.map((runs, i) => {
    const label = labels[i] ?? null;
    return [{ text: `${fit(label ?? '', labelWidth, 'right')}${label === null ? '│' : '┤'}`, tone: 'dim' }, ...runs];
  });
}

/** A label under the plot: `text` from column `at` (moved left to fit the width). */
export interface AxisLabel {
  at: number;
  text: string;
}

/** One row of labels `width` wide: each placed in turn where it overlaps none placed before (a space apart), else left out. */
export function labelRow(labels: AxisLabel[], width: number): string {
  const cells: string[] = Array.from({ length: Math.max(0, width) }, () => ' ');
  const taken: [number, number][] = [];
  for (const { at, text } of labels) {
    const w = displayWidth(text);
    if (w > width) continue;
    const from = Math.max(0, Math.min(at, width - w));
    if (taken.some(([a, b]) => from <= b + 1 && from + w >= a)) continue;
    taken.push([from, from + w - 1]);
    cells[from] = text;
    for (let i = from + 1; i < from + w; i++) cells[i] = '';
  }
  return cells.join('');
}

const EIGHTHS = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'] as const;

/** A bar from the left, `width` cells for `top`, in eighths of a cell (a value above 0 shows at least one); blank for 0. */
export function horizontalBar(value: number, top: number, width: number): string {
  if (!(value > 0) || width <= 0) return '';
  const eighths = Math.max(1, Math.round(fraction(value, top) * width * 8));
  const partial = eighths % 8;
  return '█'.repeat(Math.floor(eighths / 8)) + (partial > 0 ? EIGHTHS[partial - 1]! : '');
}

/** A chart row as one terminal row. */
export function runsRow(runs: Run[], color: boolean): Line {
  return row(...runs.map((r) => span(r.text, r.tone, color)));
}
