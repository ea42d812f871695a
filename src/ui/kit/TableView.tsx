import type { ReactElement } from 'react';
import { Lines, row, span, titleRow, type Line } from './Lines.js';
import { naturalWidths, plainTable, type PlainColumn } from './plain-table.js';
import { viewport } from './scroll.js';
import { withMarks } from './ScrollLines.js';
import type { Tone } from './theme.js';
import { useScroll } from './useScroll.js';

/** A view column: a plain column whose width is measured, one of them may flex. */
export type ViewColumn = Omit<PlainColumn, 'width'> & { flex?: boolean };

interface TableViewProps {
  /** Title of the view. */
  title: string;
  /** Columns; widths come from the content. */
  columns: ViewColumn[];
  /** Cells, one array per row, in column order. */
  rows: string[][];
  /** Tone of each row (spikes). */
  rowTones?: (Tone | undefined)[];
  /** Width in columns. */
  width: number;
  /** Rows available, title included. */
  height: number;
  /** Colour on or off. */
  color: boolean;
  /** Rows between the title and the column header (notes on the whole table). */
  notes?: Line[];
}

/** Rows of a plain table's body: the height less the title, the notes and the column header. */
function plainRoom(height: number, notes = 0): number {
  return Math.max(0, height - 2 - notes);
}

/** Plain rows from `offset`, cut to the height, with "… N more" rows where cut. */
function plainTableLines(p: TableViewProps, offset = 0, widths = naturalWidths(p.columns.map((c) => c.title), p.rows)): Line[] {
  const columns: PlainColumn[] = p.columns.map((c, i) => (c.flex ? c : { ...c, width: widths[i] }));
  const notes = p.notes ?? [];
  const v = viewport(p.rows.length, offset, plainRoom(p.height, notes.length));
  // Only the rows shown are laid out; the widths come from all of them, so scrolling never shifts a column.
  const table = plainTable(columns, p.rows.slice(v.start, v.end), p.width);
  const shown = table.rows.map((text, i) => row(span(text, p.rowTones?.[v.start + i] ?? 'plain', p.color)));
  return [titleRow(p.title, p.width, p.color), ...notes, row(span(table.header, 'dim', p.color)), ...withMarks(shown, v, p.color)];
}

/** A titled table of plain rows (a dim column header, no borders) that scroll with ↑/↓ j/k PgUp/PgDn Home/End. */
export function TableView(p: TableViewProps): ReactElement {
  const offset = useScroll(p.rows.length, plainRoom(p.height, p.notes?.length ?? 0));
  return <Lines lines={plainTableLines(p, offset)} maxLines={p.height} />;
}
