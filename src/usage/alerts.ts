import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { Alert, Metrics } from './metrics-types.js';

/** How long an alert stays on the banner. */
export const ALERT_VISIBLE_MS = 30_000;

/**
 * Fires each alert once: 80 % and 95 % of the window limit and a projected hit before the
 * reset (once per window), a new spike (once per spike), 80 % and 95 % of a weekly limit
 * (once per week). State is the set of fired ids; everything else comes from the metrics.
 */
export class AlertTracker {
  private readonly fired = new Map<string, Alert>();
  /**
   * Per window alert kind, the end of the window it last fired in: the window's start can move
   * (an official reading defines it, then goes stale), and the alert must not fire again.
   */
  private readonly quietUntil = new Map<string, number>();

  /** Checks the metrics and returns the alerts that fire now for the first time. */
  update(m: Metrics): Alert[] {
    const fresh: Alert[] = [];
    for (const { until, ...candidate } of candidates(m)) {
      if (this.fired.has(candidate.id) || (this.quietUntil.get(candidate.kind) ?? -Infinity) > m.now) continue;
      const alert = { ...candidate, firedAt: m.now };
      this.fired.set(alert.id, alert);
      if (until !== undefined) this.quietUntil.set(alert.kind, until);
      fresh.push(alert);
    }
    return fresh;
  }

  /** Alerts fired within the last 30 s, newest last. */
  recent(now: number): Alert[] {
    return [...this.fired.values()].filter((a) => now - a.firedAt >= 0 && now - a.firedAt < ALERT_VISIBLE_MS);
  }
}

/** An alert before it fires; `until` is the end of the window a window alert belongs to. */
type Candidate = Omit<Alert, 'firedAt'> & { until?: number };

function candidates(m: Metrics): Candidate[] {
  const list: Candidate[] = [];
  const clock = (t: number) => format(new TZDate(t, m.timeZone), 'HH:mm');
  const block = m.activeBlock;
  if (block) {
    const fraction = m.official.fiveHour && !m.official.fiveHour.stale
      ? m.official.fiveHour.usedPercent / 100
      : block.usage.fraction;
    for (const level of [80, 95] as const) {
      if (fraction !== null && fraction >= level / 100) {
        list.push({ id: `window${level}:${block.start}`, kind: `window${level}`, until: block.end, message: `${level} % of the 5-hour window used · resets ${clock(block.end)}` });
      }
    }
    if (block.limitReachedAt !== null && block.limitReachedAt > m.now && block.limitReachedAt < block.end) {
      list.push({
        id: `projectedHit:${block.start}`, kind: 'projectedHit', until: block.end,
        message: `At this rate the window limit is hit at ${clock(block.limitReachedAt)}, before the ${clock(block.end)} reset`,
      });
    }
  }
  for (const spike of m.spikes) {
    list.push({
      id: `spike:${spike.sessionId}:${spike.since}`, kind: 'spike',
      message: `Spike: ${spike.project} burning ${Math.round(spike.tokensPerMinute).toLocaleString('en-US')} tokens/min`,
    });
  }
  const weekly = m.week.usage.fraction;
  for (const level of [80, 95] as const) {
    if (weekly !== null && weekly >= level / 100) {
      const week = Math.floor(m.week.start / (7 * 86_400_000));
      list.push({ id: `weekly${level}:${week}`, kind: `weekly${level}`, message: `${level} % of the weekly limit used` });
    }
  }
  return list;
}
