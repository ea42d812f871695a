import type { Alert, AlertCandidate, AlertKind, UsageMetrics } from './metrics-types.js';
import { DAY, WEEK } from './time.js';

/** How long an alert stays on the banner. */
export const ALERT_VISIBLE_MS = 30_000;

/** How long a fired alert is remembered (across restarts too): longer than any window it belongs to. */
export const ALERT_MEMORY_MS = WEEK + DAY;

export type { AlertCandidate };

/** The metrics an alert is decided from (everything but the alerts themselves). */
export type AlertInput = Omit<UsageMetrics, 'alerts' | 'alertCandidates'>;

/** What the tracker remembers, as plain data (cctop's state keeps it between runs). */
export interface AlertMemory {
  /** Every alert fired within ALERT_MEMORY_MS, oldest first. */
  fired: Alert[];
  /** Ids that count as fired without having been shown (an 80 % passed over by a 95 %). */
  covered: string[];
  /** Per window alert kind, the end of the window it last fired in. */
  quietUntil: Record<string, number>;
}

/**
 * The alerts the metrics call for now: 80 % and 95 % of the window limit and a projected hit
 * before the reset (once per window), a spike (once per spike), 80 % and 95 % of a weekly limit
 * (once per week). Pure: which of them fire for the first time is the tracker's to say.
 */
export function alertCandidates(m: AlertInput): AlertCandidate[] {
  return [...windowCandidates(m), ...spikeCandidates(m), ...weeklyCandidates(m)];
}

function windowCandidates(m: AlertInput): AlertCandidate[] {
  const block = m.activeBlock;
  const window = m.readouts.fiveHour;
  if (!block) return [];
  const list: AlertCandidate[] = [];
  const level = levelOf(window.fraction);
  if (level !== null) {
    const id = (l: number) => `window${l}:${block.start}`;
    list.push({ id: id(level), kind: `window${level}`, until: block.end, ...(level === 95 ? { covers: id(80) } : {}) });
  }
  const reset = window.resetsAt ?? block.end;
  if (window.limitAt !== null && (window.limitReached || (window.limitAt > m.now && window.limitAt < reset))) {
    list.push({ id: `projectedHit:${block.start}`, kind: 'projectedHit', until: block.end });
  }
  return list;
}

function spikeCandidates(m: AlertInput): AlertCandidate[] {
  return m.spikes.map((spike) => ({
    id: `spike:${spike.sessionId}:${spike.since}`, kind: 'spike' as const, sessionId: spike.sessionId, tokensPerMinute: spike.tokensPerMinute,
  }));
}

function weeklyCandidates(m: AlertInput): AlertCandidate[] {
  const level = levelOf(m.readouts.sevenDay.fraction);
  if (level === null) return [];
  const id = (l: number) => `weekly${l}:${Math.floor(m.week.start / WEEK)}`;
  return [{ id: id(level), kind: `weekly${level}` as AlertKind, ...(level === 95 ? { covers: id(80) } : {}) }];
}

/** The highest alert level a fraction has crossed: crossing 80 % and 95 % at once fires 95 % only. */
function levelOf(fraction: number | null): 80 | 95 | null {
  if (fraction === null || fraction < 0.8) return null;
  return fraction >= 0.95 ? 95 : 80;
}

/**
 * Fires each alert once: the engine hands it the candidates at each tick and delivers what it
 * returns. Its memory is plain data, kept in cctop's state, so a restart fires nothing again.
 */
export class AlertTracker {
  private fired: Alert[];
  private readonly seen: Set<string>;
  private readonly quietUntil: Map<string, number>;

  constructor(memory: AlertMemory = { fired: [], covered: [], quietUntil: {} }) {
    this.fired = [...memory.fired];
    this.seen = new Set([...memory.fired.map((a) => a.id), ...memory.covered]);
    this.quietUntil = new Map(Object.entries(memory.quietUntil));
  }

  /** The candidates that fire now for the first time (and are remembered as fired). */
  apply(candidates: readonly AlertCandidate[], now: number): Alert[] {
    const fresh: Alert[] = [];
    for (const { until, covers, ...candidate } of candidates) {
      if (this.seen.has(candidate.id) || (this.quietUntil.get(candidate.kind) ?? -Infinity) > now) continue;
      const alert = { ...candidate, firedAt: now };
      this.seen.add(alert.id);
      if (covers !== undefined) this.seen.add(covers);
      if (until !== undefined) this.quietUntil.set(alert.kind, until);
      this.fired.push(alert);
      fresh.push(alert);
    }
    return fresh;
  }

  /** Alerts fired within the last 30 s, oldest first. */
  recent(now: number): Alert[] {
    return this.fired.filter((a) => now - a.firedAt >= 0 && now - a.firedAt < ALERT_VISIBLE_MS);
  }

  /** What to keep for the next run: what fired within ALERT_MEMORY_MS of `now`. */
  memory(now: number): AlertMemory {
    const fired = this.fired.filter((a) => now - a.firedAt < ALERT_MEMORY_MS);
    // Seen but never fired: the lower levels a higher one passed over.
    const everFired = new Set(this.fired.map((a) => a.id));
    const covered = [...this.seen].filter((id) => !everFired.has(id));
    const quietUntil = Object.fromEntries([...this.quietUntil].filter(([, until]) => until > now - ALERT_MEMORY_MS));
    return { fired, covered: covered.slice(-1000), quietUntil };
  }
}

/**
 * The alerts still worth showing: a projected hit whose limit is out of reach now (a slower
 * rate, a plan with a higher limit) is over, not a warning.
 */
export function standingAlerts(alerts: readonly Alert[], m: AlertInput): Alert[] {
  const window = m.readouts.fiveHour;
  return alerts.filter((a) => a.kind !== 'projectedHit' || window.limitAt !== null);
}
