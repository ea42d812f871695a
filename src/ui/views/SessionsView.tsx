import type { ReactElement } from 'react';
import type { SessionSummary } from '../../usage/metrics-types.js';
import { formatTokens, formatUSD, shortModel } from '../kit/format.js';
import { TableView, type ViewColumn } from '../kit/TableView.js';

export type SessionSort = 'cost' | 'rate';

export interface SessionsViewProps {
  /** All sessions of the period. */
  sessions: SessionSummary[];
  /** Sort by total cost or by current $/h. */
  sort: SessionSort;
  /** Width in columns. */
  width: number;
  /** Rows available. */
  height: number;
  /** Colour on or off. */
  color: boolean;
}

const COLUMNS: ViewColumn[] = [
  { title: 'project', flex: true, priority: 10 },
  { title: 'model', priority: 3 },
  { title: 'tokens', align: 'right', priority: 5 },
  { title: 'cost', align: 'right', priority: 9 },
  { title: 'window', align: 'right', priority: 4 },
  { title: '$/h', align: 'right', priority: 8 },
  { title: 'state', priority: 6 },
];

/** Sessions by cost or by $/h, highest first. */
export function sortSessions(sessions: SessionSummary[], sort: SessionSort): SessionSummary[] {
  const key = (s: SessionSummary) => (sort === 'cost' ? s.costUSD : s.costPerHour);
  return [...sessions].sort((a, b) => key(b) - key(a));
}

function state(s: SessionSummary): string {
  if (s.spiking) return 'SPIKE';
  return s.active ? 'active' : '';
}

function cells(s: SessionSummary): string[] {
  return [s.project, shortModel(s.model), formatTokens(s.tokens.total), formatUSD(s.costUSD), formatUSD(s.windowCostUSD), formatUSD(s.costPerHour), state(s)];
}

/** All sessions, sorted as chosen (s toggles). */
export function SessionsView({ sessions, sort, width, height, color }: SessionsViewProps): ReactElement {
  const sorted = sortSessions(sessions, sort);
  return (
    <TableView
      title={`Sessions (${sessions.length}) · sorted by ${sort === 'cost' ? 'cost' : '$/h'} · s to change`}
      columns={COLUMNS}
      rows={sorted.map(cells)}
      rowTones={sorted.map((s) => (s.spiking ? 'danger' : undefined))}
      width={width}
      height={height}
      color={color}
    />
  );
}
