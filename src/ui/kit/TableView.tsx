import type { ReactElement } from 'react';
import { Box } from 'ink';
import { DataTable, dataTableHeight, dataTableWidth } from './DataTable.js';
import { Lines, row, span, titleRow, type Line } from './Lines.js';
import { naturalWidths, plainTable, type PlainColumn } from './plain-table.js';
import type { Tone } from './theme.js';

/** A view column: a plain column whose width is measured, one of them may flex. */
export type ViewColumn = Omit<PlainColumn, 'width'> & { flex?: boolean };

export interface TableViewProps {
  /** Title of the view. */
  title: string;
  /** Columns; widths come from the content. */
  columns: ViewColumn[];
  /** Cells, one array per row, in column order. */
  rows: string[][];
  /** Tone of each row in plain rows (spikes). */
  rowTones?: (Tone | undefined)[];
  /** Width in columns. */
  width: number;
  /** Rows available, title included. */
  height: number;
  /** Colour on or off. */
  color: boolean;
}

/** Use the boxed table when it fits whole in width and height; plain rows otherwise. */
export function fitsBoxed(p: TableViewProps): boolean {
  const widths = naturalWidths(p.columns.map((c) => c.title), p.rows);
  return dataTableWidth(widths) <= p.width && 1 + dataTableHeight(p.rows.length) <= p.height;
}

/** Plain rows cut to the height, with a "… N more" row when cut. */
export function plainTableLines(p: TableViewProps): Line[] {
  const widths = naturalWidths(p.columns.map((c) => c.title), p.rows);
  const columns: PlainColumn[] = p.columns.map((c, i) => (c.flex ? c : { ...c, width: widths[i] }));
  const table = plainTable(columns, p.rows, p.width);
  const room = Math.max(0, p.height - 2);
  const cut = table.rows.length > room;
  const shown = table.rows.slice(0, cut ? Math.max(0, room - 1) : room);
  return [
    titleRow(p.title, p.width, p.color),
    row(span(table.header, 'dim', p.color)),
    ...shown.map((text, i) => row(span(text, p.rowTones?.[i] ?? 'plain', p.color))),
    ...(cut ? [row(span(`… ${table.rows.length - shown.length} more`, 'dim', p.color))] : []),
  ];
}

/** A titled table: boxed when it fits, plain rows cut to the height otherwise. */
export function TableView(p: TableViewProps): ReactElement {
  if (!fitsBoxed(p)) return <Lines lines={plainTableLines(p)} maxLines={p.height} />;
  const titles = p.columns.map((c) => c.title);
  const records = p.rows.map((r) => Object.fromEntries(titles.map((t, i) => [t, r[i] ?? ''])));
  const right = p.columns.filter((c) => c.align === 'right').map((c) => c.title);
  return (
    <Box flexDirection="column">
      <Lines lines={[titleRow(p.title, p.width, p.color)]} />
      <DataTable columns={titles} rightAligned={right} rows={records} color={p.color} />
    </Box>
  );
}
