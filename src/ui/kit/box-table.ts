import { row, span, type Line } from './Lines.js';
import type { Tone } from './theme.js';
import { fit } from './width.js';

/** A column of a boxed table: its width in display columns and its alignment. */
interface BoxColumn {
  /** Heading, aligned as the cells. */
  title: string;
  /** Cell width in display columns (padding excluded). */
  width: number;
  /** Numbers right, text left. */
  align: 'left' | 'right';
}

/** Rows a boxed table of `n` data rows takes: top, heading, a separator per row, bottom. */
export function boxedTableHeight(n: number): number {
  return 3 + 2 * n;
}

/** Columns a boxed table takes: each cell padded by one each side, plus the borders. */
export function boxedTableWidth(widths: number[]): number {
  return widths.reduce((n, w) => n + w + 2, 0) + widths.length + 1;
}

function edge(columns: BoxColumn[], [left, mid, right]: string, color: boolean): Line {
  return row(span(`${left}${columns.map((c) => '─'.repeat(c.width + 2)).join(mid)}${right}`, 'dim', color));
}

function cells(columns: BoxColumn[], values: string[], tone: Tone, color: boolean): Line {
  const parts = columns.flatMap((c, i) => [span('│', 'dim', color), span(` ${fit(values[i] ?? '', c.width, c.align)} `, tone, color)]);
  return row(...parts, span('│', 'dim', color));
}

/**
 * A table in box-drawing borders (the look of @alcalzone/ink-table), every cell padded to its
 * width in display columns so wide names keep the borders aligned.
 */
export function boxedTableLines(columns: BoxColumn[], rows: string[][], tones: (Tone | undefined)[], color: boolean): Line[] {
  return [
    edge(columns, '┌┬┐', color),
    cells(columns, columns.map((c) => c.title), 'title', color),
    ...rows.flatMap((r, i) => [edge(columns, '├┼┤', color), cells(columns, r, tones[i] ?? 'plain', color)]),
    edge(columns, '└┴┘', color),
  ];
}
