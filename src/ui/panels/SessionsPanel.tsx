import type { ReactElement } from 'react';
import type { SessionSummary } from '../../usage/metrics-types.js';
import { formatTokens, formatUSD, shortModel } from '../kit/format.js';
import { Lines, row, span, titleRow, type Line } from '../kit/Lines.js';
import { plainTable, type PlainColumn } from '../kit/plain-table.js';

export interface SessionsPanelProps {
  /** All sessions of the period; only the active ones are shown. */
  sessions: SessionSummary[];
  /** Width in columns. */
  width: number;
  /** Colour on or off. */
  color: boolean;
}

export const SPIKE_MARK = '⚡';

/** Wider than this the project column would push the figures out of sight. */
const MAX_WIDTH = 76;

const COLUMNS: PlainColumn[] = [
  { title: '', width: 2, priority: 9 },
  { title: 'project', priority: 10 },
  { title: 'model', width: 10, priority: 3 },
  { title: 'tok', width: 6, align: 'right', priority: 5 },
  { title: 'cost', width: 7, align: 'right', priority: 8 },
  { title: '$/h', width: 7, align: 'right', priority: 7 },
];

/** Active sessions, spiking first, then by $/h. */
export function activeSessions(sessions: SessionSummary[]): SessionSummary[] {
  return sessions
    .filter((s) => s.active)
    .sort((a, b) => Number(b.spiking) - Number(a.spiking) || b.costPerHour - a.costPerHour);
}

function cells(s: SessionSummary): string[] {
  return [
    s.spiking ? SPIKE_MARK : '',
    s.project,
    shortModel(s.model),
    formatTokens(s.windowTokens),
    formatUSD(s.windowCostUSD),
    formatUSD(s.costPerHour),
  ];
}

/** Active sessions as aligned plain-text rows (header first), spiking first. */
export function activeSessionTable(sessions: SessionSummary[], width: number): { header: string; rows: string[] } {
  return plainTable(COLUMNS, activeSessions(sessions).map(cells), Math.min(width, MAX_WIDTH));
}

/** Title, column header, one row per active session. */
export function sessionsLines({ sessions, width, color }: SessionsPanelProps): Line[] {
  const active = activeSessions(sessions);
  const title = titleRow(`Active sessions (${active.length})`, width, color);
  if (active.length === 0) return [title, row(span('no active sessions', 'dim', color))];
  const table = activeSessionTable(sessions, width);
  return [
    title,
    row(span(table.header, 'dim', color)),
    ...table.rows.map((text, i) => row(active[i]?.spiking ? span(text, 'danger', color) : text)),
  ];
}

/** Active sessions with their window tokens, cost and $/h; spiking ones marked and first. */
export function SessionsPanel(props: SessionsPanelProps): ReactElement {
  return <Lines lines={sessionsLines(props)} />;
}
