import type { ReactElement } from 'react';
import type { SessionSummary } from '../../usage/session-types.js';
import { formatClock, formatDay, formatTokens, formatUSD, shortModel } from '../kit/format.js';
import { sessionProject, shortId } from '../panels/sessions-panel.js';
import { TableView, type ViewColumn } from '../kit/TableView.js';

export type SessionSort = 'cost' | 'rate';

interface SessionsViewProps {
  /** All sessions of the period. */
  sessions: SessionSummary[];
  /** Sort by total cost or by current $/h. */
  sort: SessionSort;
  /** IANA zone of the start times. */
  timeZone: string;
  /** Width in columns. */
  width: number;
  /** Rows available. */
  height: number;
  /** Colour on or off. */
  color: boolean;
}

const COLUMNS: ViewColumn[] = [
  { title: 'project', flex: true, priority: 10 },
  { title: 'session', priority: 7 },
  { title: 'started', priority: 4.5 },
  { title: 'model', priority: 3 },
  { title: 'tokens', align: 'right', priority: 5 },
  { title: 'cost', align: 'right', priority: 9 },
  { title: 'window', align: 'right', priority: 4 },
  { title: '$/h', align: 'right', priority: 8 },
  { title: 'state', priority: 6 },
];

/** Sessions by cost or by $/h, highest first. */
function sortSessions(sessions: SessionSummary[], sort: SessionSort): SessionSummary[] {
  const key = (s: SessionSummary) => (sort === 'cost' ? s.costUSD : s.costPerHour);
  return [...sessions].sort((a, b) => key(b) - key(a));
}

function state(s: SessionSummary): string {
  if (s.spiking) return 'SPIKE';
  return s.active ? 'active' : '';
}

/** "Nov 25 12:05", "Dec  2 05:00" (aligned): when the session's first response was logged. */
function formatStarted(ms: number, timeZone: string): string {
  return `${formatDay(ms, timeZone).replace(/ (\d)$/, '  $1')} ${formatClock(ms, timeZone)}`;
}

function cells(s: SessionSummary, timeZone: string): string[] {
  return [sessionProject(s), shortId(s.sessionId), formatStarted(s.firstSeen, timeZone), shortModel(s.model), formatTokens(s.tokens.total), formatUSD(s.costUSD), formatUSD(s.windowCostUSD), formatUSD(s.costPerHour), state(s)];
}

/** All sessions with their id and start, sorted as chosen (s toggles); the rows scroll. */
export function SessionsView({ sessions, sort, timeZone, width, height, color }: SessionsViewProps): ReactElement {
  const sorted = sortSessions(sessions, sort);
  return (
    <TableView
      title={`Sessions (${sessions.length}) · sorted by ${sort === 'cost' ? 'cost' : '$/h'} · s to change`}
      columns={COLUMNS}
      rows={sorted.map((s) => cells(s, timeZone))}
      rowTones={sorted.map((s) => (s.spiking ? 'danger' : undefined))}
      width={width}
      height={height}
      color={color}
    />
  );
}
