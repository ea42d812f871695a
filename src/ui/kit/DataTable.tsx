import type { PropsWithChildren, ReactElement } from 'react';
import { Text } from 'ink';
import { Table } from '@alcalzone/ink-table';
import { toneProps } from './theme.js';

export interface DataTableProps {
  /** Column titles, in order; also the keys of each row. */
  columns: string[];
  /** Columns aligned right (numbers). */
  rightAligned: string[];
  /** One record per row, keyed by column title. */
  rows: Record<string, string>[];
  /** Colour on or off. */
  color: boolean;
}

/** Rows a boxed table of `n` data rows takes: top, heading, a separator per row, bottom. */
export function dataTableHeight(n: number): number {
  return 3 + 2 * n;
}

/** Columns a boxed table takes: each cell padded by one each side, plus the borders. */
export function dataTableWidth(widths: number[]): number {
  return widths.reduce((n, w) => n + w + 2, 0) + widths.length + 1;
}

/** A boxed @alcalzone/ink-table table, with no styling at all when colour is off. */
export function DataTable({ columns, rightAligned, rows, color }: DataTableProps): ReactElement {
  const header = ({ children }: PropsWithChildren) => <Text {...toneProps('title', color)}>{children}</Text>;
  const skeleton = ({ children }: PropsWithChildren) => <Text {...toneProps('dim', color)}>{children}</Text>;
  const cell = ({ children }: PropsWithChildren) => <Text>{children}</Text>;
  const spec = columns.map((key) => ({ key, align: rightAligned.includes(key) ? ('right' as const) : ('left' as const) }));
  return <Table data={rows} columns={spec} header={header} skeleton={skeleton} cell={cell} />;
}
