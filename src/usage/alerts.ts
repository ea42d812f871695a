import type { Alert, AlertKind, Metrics } from './metrics-types.js';
import { WEEK } from './time.js';

/** How long an alert stays on the banner. */
export const ALERT_VISIBLE_MS = 30_000;

/** An alert before it fires; `until` is the end of the window a window alert belongs to. */
type Candidate = Omit<Alert, 'firedAt'> & { until?: number };

/** The metrics an alert is decided from (everything but the alerts themselves). */
export type AlertInput = Omit<Metrics, 'alerts'>;

/**
 * Fires each alert once: 80 % and 95 % of the window limit and a projected hit before the
 * reset (once per window), a new spike (once per spike), 80 % and 95 % of a weekly limit
 * (once per week). State is the set of fired ids; everything else comes from the metrics.
 * Alerts carry no text: each output words them from the live figures.
 */
export class AlertTracker {
  private readonly fired = new Map<string, Alert>();
  /**
   * Per window alert kind, the end of the window it last fired in: the window's start can move
   * (an official reading defines it, then goes stale), and the alert must not fire again.
   */
  private readonly quietUntil = new Map<string, number>();
  private unclaimed: Alert[] = [];

  /** Checks the metrics and returns the alerts that fire now for the first time. */
  update(m: AlertInput): Alert[] {
    const fresh: Alert[] = [];
    for (const { until, ...candidate } of candidates(m)) {
      if (this.fired.has(candidate.id) || (this.quietUntil.get(candidate.kind) ?? -Infinity) > m.now) continue;
      const alert = { ...candidate, firedAt: m.now };
      this.fired.set(alert.id, alert);
      if (until !== undefined) this.quietUntil.set(alert.kind, until);
      fresh.push(alert);
    }
    this.unclaimed.push(...fresh);
    return fresh;
  }

  /** The alerts fired since the last call (for the bell and the alert log). */
  takeFired(): Alert[] {
    const fired = this.unclaimed;
    this.unclaimed = [];
    return fired;
  }

  /** Alerts fired within the last 30 s, newest last. */
  recent(now: number): Alert[] {
    return [...this.fired.values()].filter((a) => now - a.firedAt >= 0 && now - a.firedAt < ALERT_VISIBLE_MS);
  }
}

function candidates(m: AlertInput): Candidate[] {
  const list: Candidate[] = [];
  const block = m.activeBlock;
  const window = m.readouts.fiveHour;
  if (block) {
    for (const level of [80, 95] as const) {
      if (window.fraction !== null && window.fraction >= level / 100) {
        list.push({ id: `window${level}:${block.start}`, kind: `window${level}`, until: block.end });
      }
    }
    const reset = window.resetsAt ?? block.end;
    if (window.limitAt !== null && (window.limitReached || (window.limitAt > m.now && window.limitAt < reset))) {
      list.push({ id: `projectedHit:${block.start}`, kind: 'projectedHit', until: block.end });
    }
  }
  for (const spike of m.spikes) {
    list.push({ id: `spike:${spike.sessionId}:${spike.since}`, kind: 'spike', sessionId: spike.sessionId });
  }
  const weekly = m.readouts.sevenDay.fraction;
  for (const level of [80, 95] as const) {
    if (weekly !== null && weekly >= level / 100) {
      list.push({ id: `weekly${level}:${Math.floor(m.week.start / WEEK)}`, kind: `weekly${level}` as AlertKind });
    }
  }
  return list;
}
