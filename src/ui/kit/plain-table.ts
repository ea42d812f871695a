import { displayWidth, fit } from './width.js';

/** A column of a plain (borderless) table. */
export interface PlainColumn {
  title: string;
  /** Fixed width; omitted for the one flexible column that takes the rest. */
  width?: number;
  align?: 'left' | 'right';
  /** Higher is kept longer when the table is too wide. */
  priority: number;
}

/** Narrowest the flexible column gets before other columns are dropped. */
const FLEX_MIN = 8;

/** Indices of the columns that fit in `width` (one space between columns). */
function fittingColumns(columns: PlainColumn[], width: number): number[] {
  let kept = columns.map((_, i) => i);
  const need = () => kept.reduce((n, i) => n + (columns[i]?.width ?? FLEX_MIN), 0) + kept.length - 1;
  while (kept.length > 1 && need() > width) {
    const lowest = kept.reduce((a, b) => ((columns[b]?.priority ?? 0) < (columns[a]?.priority ?? 0) ? b : a));
    kept = kept.filter((i) => i !== lowest);
  }
  return kept;
}

/** Header and rows as aligned strings no wider than `width`. */
export function plainTable(columns: PlainColumn[], rows: string[][], width: number): { header: string; rows: string[] } {
  const kept = fittingColumns(columns, width);
  const fixed = kept.reduce((n, i) => n + (columns[i]?.width ?? 0), 0) + kept.length - 1;
  const widthOf = (c: PlainColumn) => c.width ?? Math.max(FLEX_MIN, width - fixed);
  const line = (cells: string[]) =>
    kept
      .map((i) => {
        const c = columns[i]!;
        return fit(cells[i] ?? '', widthOf(c), c.align ?? 'left');
      })
      .join(' ')
      .trimEnd();
  return { header: line(columns.map((c) => c.title)), rows: rows.map(line) };
}

/** Natural width of a table: each column as wide as its widest cell. */
export function naturalWidths(titles: string[], rows: string[][]): number[] {
  return titles.map((t, i) => Math.max(displayWidth(t), ...rows.map((r) => displayWidth(r[i] ?? ''))));
}
