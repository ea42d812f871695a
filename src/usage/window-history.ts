import { median } from './percentile.js';
import { firstAtOrAfter } from './time.js';
import type { PeakHours } from './peak-hours.js';
import type { MinuteBucket } from './types.js';
import type { CostPerPercent, UsageCredits, WindowDrift, WindowHistory, WindowRecord } from './window-history-types.js';
import { groupWindows, pastLimitSpans, windowRecord, type LimitMessage, type WindowReading } from './window-records.js';

/** How many recent measured windows the median spans; drift compares the last 3 with the 10 before. */
export const MEDIAN_WINDOWS = 10;
export const DRIFT_RECENT = 3;
/** A change in what a percent buys above this (in percent) is drift. */
export const DRIFT_THRESHOLD_PERCENT = 15;

export interface WindowHistoryInput {
  readings: readonly WindowReading[];
  /** The minutes in time order. */
  minutes: readonly MinuteBucket[];
  messages: readonly LimitMessage[];
  peak: PeakHours;
  now: number;
  /** The month to total usage credits for: YYYY-MM and its bounds [start, end). */
  month: { key: string; start: number; end: number };
}

/** The official windows as recorded, what a percent of each bought, its drift, and the month's usage credits. */
export function windowHistory(input: WindowHistoryInput): WindowHistory & { creditsOf: (m: MinuteBucket) => CreditSplit } {
  const grouped = groupWindows(input.readings.filter((r) => r.at <= input.now));
  const ctx = { minutes: input.minutes, messages: input.messages, peak: input.peak, now: input.now };
  const windows = grouped.map((w) => windowRecord(w, ctx)).sort((a, b) => b.end - a.end || a.key.localeCompare(b.key));
  const keys = [...new Set(windows.map((w) => w.key))];
  const creditsOf = creditRule(pastLimitSpans(grouped));
  return {
    windows,
    costPerPercent: Object.fromEntries(keys.map((k) => [k, costPerPercentOf(windows.filter((w) => w.key === k))])),
    drift: Object.fromEntries(keys.map((k) => [k, driftOf(windows.filter((w) => w.key === k))])),
    usageCredits: usageCredits(input, creditsOf),
    creditsOf,
  };
}

/** A key's $/%: its windows newest first. */
export function costPerPercentOf(windows: readonly WindowRecord[]): CostPerPercent {
  const measured = (pick: (w: WindowRecord) => number | null) =>
    windows.map(pick).filter((v): v is number => v !== null).slice(0, MEDIAN_WINDOWS);
  const recent = measured((w) => w.costPerPercent);
  const mid = median(recent);
  const open = windows.find((w) => w.open)?.costPerPercent ?? null;
  return {
    current: open ?? mid,
    median: mid,
    peak: median(measured((w) => w.peakCostPerPercent)),
    offPeak: median(measured((w) => w.offPeakCostPerPercent)),
    windows: recent.length,
  };
}

/** The median of the last 3 closed measured windows against the 10 before them; null unless both exist and differ by more than 15 %. */
export function driftOf(windows: readonly WindowRecord[]): WindowDrift | null {
  const measured = windows.filter((w) => !w.open && w.costPerPercent !== null);
  const recent = measured.slice(0, DRIFT_RECENT);
  const older = measured.slice(DRIFT_RECENT, DRIFT_RECENT + MEDIAN_WINDOWS);
  if (recent.length < DRIFT_RECENT || older.length < DRIFT_RECENT) return null;
  const after = median(recent.map((w) => w.costPerPercent!))!;
  const before = median(older.map((w) => w.costPerPercent!))!;
  const change = ((after - before) * 100) / before;
  if (!(Math.abs(change) > DRIFT_THRESHOLD_PERCENT)) return null;
  return {
    before, after, changePercent: Math.round(change * 10) / 10,
    since: recent[recent.length - 1]!.start,
    beforeFrom: older[older.length - 1]!.start, beforeTo: older[0]!.end,
  };
}

/** A minute's usage credits: its fast mode, and its plan-counted spend when past a reading of 100 % (spans merged: never twice). */
export interface CreditSplit {
  fastUSD: number;
  pastLimitUSD: number;
}

export function creditRule(spans: ReadonlyArray<{ from: number; to: number }>): (m: MinuteBucket) => CreditSplit {
  const merged = mergeSpans(spans);
  return (m) => {
    const fastUSD = m.fastCostUSD ?? 0;
    const past = merged.some((s) => m.first > s.from && m.first <= s.to);
    return { fastUSD, pastLimitUSD: past ? m.costUSD - fastUSD : 0 };
  };
}

/** The month's usage credits: fast mode at fast rates and the spend past 100 % (an estimate: the plan's limits are not published). */
export function usageCredits(input: WindowHistoryInput, creditsOf: (m: MinuteBucket) => CreditSplit): UsageCredits {
  const { minutes, month } = input;
  let fastModeUSD = 0;
  let pastLimitUSD = 0;
  for (let i = firstAtOrAfter(minutes, month.start); i < minutes.length && minutes[i]!.start < month.end; i++) {
    const m = minutes[i]!;
    if (m.first > input.now) continue;
    const split = creditsOf(m);
    fastModeUSD += split.fastUSD;
    pastLimitUSD += split.pastLimitUSD;
  }
  return { month: month.key, fastModeUSD, pastLimitUSD, totalUSD: fastModeUSD + pastLimitUSD };
}

function mergeSpans(spans: ReadonlyArray<{ from: number; to: number }>): Array<{ from: number; to: number }> {
  const out: Array<{ from: number; to: number }> = [];
  for (const s of [...spans].sort((a, b) => a.from - b.from)) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ ...s });
  }
  return out;
}
