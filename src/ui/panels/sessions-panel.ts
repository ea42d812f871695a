import type { SessionSummary } from '../../usage/session-types.js';
import { formatTokens, formatUSD, formatWhen, shortModel } from '../kit/format.js';
import { row, span, titleRow, type Line } from '../kit/Lines.js';
import { plainTable, type PlainColumn } from '../kit/plain-table.js';

interface SessionsInput {
  /** All sessions of the period; only the active ones are shown. */
  sessions: SessionSummary[];
  /** The current time (epoch ms): a start today shows its time, an earlier one its day. */
  now: number;
  /** IANA zone of the start times. */
  timeZone: string;
  /** Width in columns. */
  width: number;
  /** Colour on or off. */
  color: boolean;
  /** Rows available; the sessions that do not fit make one "… N more" row. All rows when omitted. */
  maxLines?: number;
}

/** Marks a spiking session (two columns wide). */
export const SPIKE_MARK = '⚡';

/** Wider than this the project column would push the figures out of sight. */
const MAX_WIDTH = 76;

/** Characters of a session id shown: enough to tell sessions apart and to find `<id>…jsonl`. */
const SHORT_ID = 8;

const COLUMNS: PlainColumn[] = [
  { title: '', width: 2, priority: 9 },
  { title: 'project', priority: 10 },
  { title: 'session', width: SHORT_ID, priority: 4 },
  { title: 'start', width: 6, priority: 2 },
  { title: 'model', width: 10, priority: 3 },
  { title: 'tok', width: 6, align: 'right', priority: 5 },
  { title: 'cost', width: 7, align: 'right', priority: 8 },
  { title: '$/h', width: 7, align: 'right', priority: 7 },
];

/** A session and the machine it ran on. */
type SessionWithFolder = Pick<SessionSummary, 'project'> & { machine?: string };

/** The project as usage names it (usage/project-name.ts), a remote machine's prefixed with it ("devbox:src/app"). */
export function sessionProject(s: SessionWithFolder): string {
  return s.machine && s.machine !== 'local' ? `${s.machine}:${s.project}` : s.project;
}

/** The first characters of a session id. */
export function shortId(sessionId: string): string {
  return sessionId.slice(0, SHORT_ID);
}

/** Active sessions, spiking first, then by $/h. */
export function activeSessions(sessions: SessionSummary[]): SessionSummary[] {
  return sessions
    .filter((s) => s.active)
    .sort((a, b) => Number(b.spiking) - Number(a.spiking) || b.costPerHour - a.costPerHour);
}

function cells(s: SessionSummary, now: number, timeZone: string): string[] {
  return [
    s.spiking ? SPIKE_MARK : '',
    sessionProject(s),
    shortId(s.sessionId),
    formatWhen(s.firstSeen, now, timeZone),
    shortModel(s.model),
    formatTokens(s.windowTokens),
    formatUSD(s.windowCostUSD),
    formatUSD(s.costPerHour),
  ];
}

/** Sessions as aligned plain-text rows (header first) in the given order. */
export function sessionTable(sessions: SessionSummary[], width: number, now: number, timeZone: string): { header: string; rows: string[] } {
  return plainTable(COLUMNS, sessions.map((s) => cells(s, now, timeZone)), Math.min(width, MAX_WIDTH));
}

/** Title, column header, one row per active session; "… N more" when they do not all fit. */
export function sessionsLines({ sessions, now, timeZone, width, color, maxLines }: SessionsInput): Line[] {
  const active = activeSessions(sessions);
  const title = titleRow(`Active sessions (${active.length})`, width, color);
  if (active.length === 0) return [title, row(span('no active sessions', 'dim', color))];
  // Too short for the table: one row still says the sessions are there.
  if (maxLines !== undefined && maxLines < 3) return [row(span(`… ${active.length} active session${active.length === 1 ? '' : 's'} · 3 lists all`, 'dim', color))];
  // In three rows the column header would leave none for a session: the first session goes in its place.
  const header = maxLines === undefined || maxLines > 3 || active.length === 1;
  const room = maxLines === undefined ? active.length : Math.max(0, maxLines - (header ? 2 : 1));
  const shown = active.length > room ? active.slice(0, Math.max(0, room - 1)) : active;
  const table = sessionTable(shown, width, now, timeZone);
  const more = active.length - shown.length;
  return [
    title,
    ...(header ? [row(span(table.header, 'dim', color))] : []),
    ...table.rows.map((text, i) => row(shown[i]?.spiking ? span(text, 'danger', color) : text)),
    ...(more > 0 ? [row(span(`… ${more} more · 3 lists all`, 'dim', color))] : []),
  ];
}
