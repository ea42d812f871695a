import type { Alert, UsageMetrics } from '../../usage/metrics-types.js';
import { formatClock, formatPercent, groupDigits } from './format.js';

/**
 * An alert in words, from the live figures (not frozen at firing time): the banner, the
 * snapshot and the alert log all say the same.
 */
export function alertText(alert: Alert, m: Omit<UsageMetrics, 'alerts' | 'alertCandidates'>): string {
  const clock = (t: number) => formatClock(t, m.timeZone);
  const window = m.readouts.fiveHour;
  switch (alert.kind) {
    case 'window80':
    case 'window95': {
      const used = window.fraction === null ? alert.kind.slice(6) + ' %' : formatPercent(window.fraction);
      const reset = window.resetsAt === null ? '' : ` · resets ${clock(window.resetsAt)}`;
      return `${used} of the 5-hour window used${reset}`;
    }
    case 'projectedHit':
      if (window.limitReached && window.limitAt !== null) {
        return `5-hour limit reached at ${clock(window.limitAt)}${window.resetsAt === null ? '' : ` · resets ${clock(window.resetsAt)}`}`;
      }
      if (window.limitAt === null) return 'The window limit is no longer in reach at this rate';
      // The time first: a narrow banner wraps, and the time is what it is there to tell.
      return `Limit hit at ${clock(window.limitAt)} at this rate${window.resetsAt === null ? '' : `, before the ${clock(window.resetsAt)} reset`}`;
    case 'spike': {
      const session = m.sessions.find((s) => s.sessionId === alert.sessionId);
      const spike = m.spikes.find((s) => s.sessionId === alert.sessionId);
      // The spike's own rate while it lasts, then the rate it fired at (a session's trailing rate falls to 0).
      const rate = spike?.tokensPerMinute ?? alert.tokensPerMinute;
      const project = spike?.project ?? session?.project ?? alert.sessionId ?? '';
      return rate === undefined ? `Spike: ${project}` : `Spike: ${project} burning ${groupDigits(Math.round(rate))} tokens/min`;
    }
    case 'weekly80':
    case 'weekly95': {
      const fraction = m.readouts.sevenDay.fraction;
      return `${fraction === null ? alert.kind.slice(6) + ' %' : formatPercent(fraction)} of the weekly limit used`;
    }
  }
}

/** Severity for the banner: 95 % and a projected hit outrank 80 % and spikes. */
function alertRank(alert: Alert): number {
  return alert.kind === 'window95' || alert.kind === 'weekly95' || alert.kind === 'projectedHit' ? 2 : 1;
}

/** The alert the banner shows: the most severe of the recent ones, the newest among equals. */
export function shownAlert(alerts: readonly Alert[]): Alert | null {
  let best: Alert | null = null;
  for (const a of alerts) {
    if (best === null || alertRank(a) > alertRank(best) || (alertRank(a) === alertRank(best) && a.firedAt >= best.firedAt)) best = a;
  }
  return best;
}
