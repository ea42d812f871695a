/**
 * Units of time and the clock rule every panel shares. Times are epoch milliseconds.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

/** Usage dated up to this far past the real clock (a devbox whose clock runs fast) counts as now. */
export const FUTURE_TOLERANCE_MS = 10 * MINUTE;

/** A live clock (the machine's) or a fixed one (`--now`: a reproducible report). */
export type ClockKind = 'live' | 'fixed';

/** How far past `now` usage counts: the tolerance on a live clock, nothing after a report's fixed one. */
export function toleranceOf(clock: ClockKind): number {
  return clock === 'live' ? FUTURE_TOLERANCE_MS : 0;
}

/**
 * Usage dated more than this past this machine's own clock cannot be real, whatever clock a
 * report runs on: a bad line, never counted and never stored (issue 20).
 */
export const IMPOSSIBLE_AHEAD_MS = DAY;

/** Where an event's time falls (see classifyTime). */
export type EventTime = 'counts' | 'beforeHistory' | 'afterReport' | 'future' | 'impossible';

export interface TimeRule {
  historyStart: number;
  /** The clock the figures are for (the report's when fixed). */
  now: number;
  clock: ClockKind;
  /** This machine's own clock, now. */
  wallNow: number;
}

/**
 * The one rule for an event's time: impossible (a day or more ahead of this machine's clock),
 * after a fixed report clock (not counted, not a fault), in the future on a live clock (a bad
 * line, past the tolerance), before the history start (kept in the store, not counted), or counted.
 */
export function classifyTime(time: number, rule: TimeRule): EventTime {
  if (time > rule.wallNow + IMPOSSIBLE_AHEAD_MS) return 'impossible';
  if (time > horizonOf(rule.now, toleranceOf(rule.clock))) return rule.clock === 'fixed' ? 'afterReport' : 'future';
  return time < rule.historyStart ? 'beforeHistory' : 'counts';
}

/**
 * The latest instant whose usage counts at `now`. Usage between `now` and the horizon counts
 * as happening now, in every panel: the window, the burn rate, the 7-day line and session
 * activity. Later usage is not counted at all.
 */
export function horizonOf(now: number, toleranceMs: number): number {
  return now + toleranceMs;
}

/** Start of the minute `time` falls in. */
export function floorMinute(time: number): number {
  return Math.floor(time / MINUTE) * MINUTE;
}

/** Index of the first item whose `start` is at or after `time`, in a list sorted by `start`. */
export function firstAtOrAfter(sorted: readonly { start: number }[], time: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.start < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
