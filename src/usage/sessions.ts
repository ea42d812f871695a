import type { SessionSummary } from './session-types.js';
import { sumTrailing, type MinuteSeries } from './rates.js';
import type { SessionTotals } from './store.js';
import { projectName } from './project-name.js';

/** Sessions with activity this recent are "active". */
export const ACTIVE_MS = 30 * 60_000;

export interface SessionInput {
  now: number;
  /** Usage up to here counts as now (see usage/time.ts). */
  until: number;
  burnWindowMinutes: number;
  /** Start of the active 5-hour block, null when none. */
  windowStart: number | null;
  /** Sessions spiking now. */
  spiking: ReadonlySet<string>;
}

export function sessionSummary(s: SessionTotals, { now, until, burnWindowMinutes, windowStart, spiking }: SessionInput): SessionSummary {
  const recent = sumTrailing(s.minutes as MinuteSeries, now, burnWindowMinutes, 0, until);
  const window = windowStart === null || s.lastSeen < windowStart ? { tokens: 0, costUSD: 0 } : sumSince(s, windowStart, until);
  return {
    sessionId: s.sessionId,
    project: projectName(s.cwd, s.projectDir),
    cwd: s.cwd,
    projectDir: s.projectDir,
    machine: s.machine,
    model: mainModel(s),
    firstSeen: s.firstSeen,
    lastSeen: s.lastSeen,
    tokens: s.tokens,
    costUSD: s.costUSD,
    windowTokens: window.tokens,
    windowCostUSD: window.costUSD,
    tokensPerMinute: recent.tokens / burnWindowMinutes,
    costPerHour: (recent.costUSD / burnWindowMinutes) * 60,
    active: now - s.lastSeen <= ACTIVE_MS,
    spiking: spiking.has(s.sessionId),
  };
}

/** Spiking first, then by most recent activity. */
export function orderSessions(list: SessionSummary[]): SessionSummary[] {
  // Ties by id: the order the sessions were met in differs between a cold read and a warm start.
  return list.sort((a, b) => Number(b.spiking) - Number(a.spiking) || b.lastSeen - a.lastSeen || byId(a.sessionId, b.sessionId));
}

/** The heaviest spike first (the header names it), ties by session id. */
export function orderSpikes<T extends { sessionId: string; tokensPerMinute: number }>(list: T[]): T[] {
  return list.sort((a, b) => b.tokensPerMinute - a.tokensPerMinute || byId(a.sessionId, b.sessionId));
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mainModel(s: SessionTotals): string {
  let best = '';
  let bestTokens = -1;
  for (const [model, t] of s.models) {
    if (t.tokens.total > bestTokens) {
      best = model;
      bestTokens = t.tokens.total;
    }
  }
  return best;
}

function sumSince(s: SessionTotals, from: number, to: number): { tokens: number; costUSD: number } {
  let tokens = 0;
  let costUSD = 0;
  for (const [start, m] of s.minutes) {
    if (start >= from && start <= to) {
      tokens += m.tokens;
      costUSD += m.costUSD;
    }
  }
  return { tokens, costUSD };
}
