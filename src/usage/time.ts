/**
 * Units of time and the clock rule every panel shares. Times are epoch milliseconds.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

/** Usage dated up to this far past the real clock (a devbox whose clock runs fast) counts as now. */
export const FUTURE_TOLERANCE_MS = 10 * MINUTE;

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
