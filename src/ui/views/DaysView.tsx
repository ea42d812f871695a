import type { ReactElement } from 'react';
import type { DaySummary } from '../../usage/calendar-types.js';
import { horizontalBar } from '../kit/chart.js';
import { formatTokens, formatUSD, shortModel } from '../kit/format.js';
import { TableView, type ViewColumn } from '../kit/TableView.js';

interface DaysViewProps {
  /** Days of the period, any order. */
  days: DaySummary[];
  /** Width in columns. */
  width: number;
  /** Rows available. */
  height: number;
  /** Colour on or off. */
  color: boolean;
}

const COLUMNS: ViewColumn[] = [
  { title: 'date', priority: 10 },
  { title: 'input', align: 'right', priority: 2 },
  { title: 'output', align: 'right', priority: 5 },
  { title: 'cache write', align: 'right', priority: 3 },
  { title: 'cache read', align: 'right', priority: 1 },
  { title: 'total', align: 'right', priority: 8 },
  { title: 'cost', align: 'right', priority: 9 },
  { title: 'vs heaviest', priority: 6 },
  { title: 'top model', priority: 4 },
];

/** Cells of the cost bar: more of the width where there is more of it. */
function barWidth(width: number): number {
  return Math.max(10, Math.min(40, width - 90));
}

/** Newest first. */
function daysNewestFirst(days: DaySummary[]): DaySummary[] {
  return [...days].sort((a, b) => b.date.localeCompare(a.date));
}

function cells(d: DaySummary, heaviest: number, bar: number): string[] {
  const t = d.tokens;
  return [
    `${d.date}${d.spike ? ' ⚠' : ''}${d.fromStore ? ' ◆' : ''}`,
    formatTokens(t.input),
    formatTokens(t.output),
    formatTokens(t.cacheCreation),
    formatTokens(t.cacheRead),
    formatTokens(t.total),
    formatUSD(d.costUSD),
    horizontalBar(d.costUSD, heaviest, bar),
    d.topModel ? shortModel(d.topModel) : '—',
  ];
}

/**
 * Per-day tokens by kind and cost with a bar scaled to the heaviest day, newest first; spike days
 * marked ⚠, days whose logs are gone (kept by the store) ◆.
 */
export function DaysView({ days, width, height, color }: DaysViewProps): ReactElement {
  const sorted = daysNewestFirst(days);
  const heaviest = Math.max(0, ...days.map((d) => d.costUSD));
  return (
    <TableView
      title={`Days (${days.length}) · ⚠ spike · ◆ logs gone, from the store`}
      columns={COLUMNS}
      rows={sorted.map((d) => cells(d, heaviest, barWidth(width)))}
      rowTones={sorted.map((d) => (d.spike ? 'warn' : undefined))}
      width={width}
      height={height}
      color={color}
    />
  );
}
