// Made-up official readings for the demo, so that its windows panel, windows view and drift show
// what a user with `cctop statusline` sees. Never written anywhere: the demo has no state folder.
import { buildBlocks } from '../usage/blocks.js';
import { DAY, HOUR, MINUTE } from '../usage/time.js';
import { DEFAULT_PEAK_HOURS, isPeak } from '../usage/peak-hours.js';
import type { MinuteBucket } from '../usage/types.js';
import type { OfficialReading, OfficialWindowReading } from '../state/official-record.js';
import type { Monitor } from './monitor.js';

/** What a percent of the demo's 5-hour window costs: dearer off-peak, and cheaper since its "silent change" 3 days ago. */
const OFF_PEAK_USD = 0.4;
const PEAK_USD = 0.3;
const CHANGE_AGO_MS = 3 * DAY;
const CHANGED_BY = 0.7;
/** The weekly window: what a percent costs, and the reading's period. */
const WEEKLY_USD = 6;
const EVERY_MS = 10 * MINUTE;

/** Peak hours change on the hour: one look per hour (the zone's calls are the cost of the demo's readings). */
const peakByHour = new Map<number, boolean>();

function percentCost(at: number, now: number): number {
  const hour = Math.floor(at / HOUR);
  let peak = peakByHour.get(hour);
  if (peak === undefined) peakByHour.set(hour, (peak = isPeak(hour * HOUR, DEFAULT_PEAK_HOURS)));
  const base = peak ? PEAK_USD : OFF_PEAK_USD;
  return at >= now - CHANGE_AGO_MS ? base * CHANGED_BY : base;
}

const percent = (value: number) => Math.min(100, Math.round(value * 10) / 10);

/**
 * A reading every 10 minutes of activity: each 5-hour window's percentage grows with the demo's
 * spend at the rates above, the weekly window's (reset at the next UTC Monday) at $6 a percent.
 */
export function demoReadings(minutes: readonly MinuteBucket[], now: number): OfficialReading[] {
  const weekEnd = nextMonday(now);
  const weekStart = weekEnd - 7 * DAY;
  const readings: OfficialReading[] = [];
  let weekly = 0;
  for (const block of buildBlocks(minutes)) {
    let used = 0;
    let nextAt = -Infinity;
    for (const m of block.minutes) {
      if (m.first > now) break;
      used += m.costUSD / percentCost(m.first, now);
      if (m.first >= weekStart) weekly += m.costUSD / WEEKLY_USD;
      if (m.first < nextAt) continue;
      nextAt = m.first + EVERY_MS;
      const fiveHour: OfficialWindowReading = { usedPercent: percent(used), resetsAt: block.end };
      const sevenDay = m.first >= weekStart ? { usedPercent: percent(weekly), resetsAt: weekEnd } : null;
      readings.push({ at: m.last, sessionId: null, model: null, fiveHour, sevenDay, sessionCostUSD: null });
    }
  }
  return readings;
}

function nextMonday(now: number): number {
  const day = new Date(Math.floor(now / DAY) * DAY);
  const daysAhead = (8 - day.getUTCDay()) % 7 || 7;
  return day.getTime() + daysAhead * DAY;
}

/** Keeps the demo's readings in step with its spend: made again whenever its usage grew. */
export function followDemoReadings(monitor: Monitor): void {
  let seen = -1;
  monitor.subscribe(() => {
    const { store } = monitor.ingest;
    if (store.version === seen) return;
    seen = store.version;
    monitor.setOfficialReadings(demoReadings(store.sortedMinutes(), monitor.now()));
  });
}
