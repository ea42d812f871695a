import { MINUTE } from './time.js';
import { readingInForce } from './reading-rule.js';
import { isStale } from './official.js';
import { isPeak, type PeakHours } from './peak-hours.js';
import { planWindows } from './plans.js';
import type { PlanName } from './metrics-types.js';
import type { CostPerPercent } from './window-history-types.js';
import type { WindowReading } from './window-records.js';
import type { OfficialWindowNow } from './window-types.js';


export type { OfficialWindowNow } from './window-types.js';

/** The latest reading of each key whose window has not reset, by Claude Code's key. */
export function officialWindowsNow(readings: readonly WindowReading[], now: number, lastEventAt: number | null): Record<string, OfficialWindowNow> {
  const latest = new Map<string, WindowReading>();
  for (const r of readings) {
    const seen = latest.get(r.key);
    if (r.at <= now && (!seen || r.at >= seen.at)) latest.set(r.key, r);
  }
  const out: Record<string, OfficialWindowNow> = {};
  for (const [key, r] of [...latest].sort(([a], [b]) => keyOrder(a) - keyOrder(b) || a.localeCompare(b))) {
    if (!readingInForce(r, now)) continue;
    const ageMs = now - r.at;
    out[key] = { usedPercent: r.usedPercent, resetsAt: r.resetsAt, recordedAt: r.at, ageMs, stale: isStale(r.at, now, lastEventAt) };
  }
  return out;
}

function keyOrder(key: string): number {
  return key === 'five_hour' ? 0 : key === 'seven_day' ? 1 : 2;
}

/**
 * The windows this account has: the plan's, unless the latest reading in force says which — one
 * without `five_hour` means no 5-hour limit (Claude Code sends a window only when the server
 * reported it; Max and Ultra accounts lose the 5-hour limit once verified, account by account).
 */
export function accountWindows(plan: PlanName, readings: readonly WindowReading[], now: number): string[] {
  let latestAt = -Infinity;
  for (const r of readings) if (r.at <= now && r.resetsAt > now) latestAt = Math.max(latestAt, r.at);
  if (latestAt === -Infinity) return [...planWindows(plan)];
  const keys = new Set(readings.filter((r) => r.at === latestAt).map((r) => r.key));
  return [...keys].sort((a, b) => keyOrder(a) - keyOrder(b) || a.localeCompare(b));
}

/** What a percent costs at `at`: the peak or off-peak median when measured, else the current figure. */
function costPerPercentAt(at: number, cpp: CostPerPercent, peak: PeakHours): number | null {
  const byHour = isPeak(at, peak) ? cpp.peak : cpp.offPeak;
  return byHour ?? cpp.current;
}

/** Peak hours change on the hour (zones are offset by whole quarter hours): the projection steps to each quarter hour. */
const STEP_MS = 15 * MINUTE;

/**
 * When the official percentage reaches 100 %: from `percent` at `now`, at the local burn (USD
 * per ms) converted to points by what a percent costs at each hour; null when it does not before
 * `deadline`, or nothing is measured. Already full: `now`.
 */
export function projectFullAt(percent: number, usdPerMs: number, cpp: CostPerPercent, peak: PeakHours, now: number, deadline: number): number | null {
  if (percent >= 100) return now;
  if (usdPerMs <= 0 || cpp.current === null) return null;
  let left = 100 - percent;
  for (let t = now; t < deadline; ) {
    const rate = costPerPercentAt(t, cpp, peak);
    if (rate === null || rate <= 0) return null;
    const span = Math.min(STEP_MS - (t % STEP_MS), deadline - t);
    const points = (usdPerMs * span) / rate;
    if (points >= left) return t + (left / points) * span;
    left -= points;
    t += span;
  }
  return null;
}
