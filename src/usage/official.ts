import { HOUR, MINUTE } from './time.js';
import { readingInForce } from './reading-rule.js';
import { BLOCK_LENGTH, type Block } from './blocks.js';
import { timeToLimit } from './limits.js';
import type { LimitBasis, LimitEstimate, OfficialWindow } from './window-types.js';
import type { OfficialReading, OfficialWindowReading } from '../state/official-record.js';
import { median } from './percentile.js';
import { type MinuteBucket } from './store.js';
import { emptyTokens } from './tokens.js';
import { firstAtOrAfter } from './time.js';
import { addMinuteTokens, minuteUsage } from './minute-sums.js';

export type OfficialWindowKind = 'fiveHour' | 'sevenDay';

export const WINDOW_LENGTH: Record<OfficialWindowKind, number> = { fiveHour: BLOCK_LENGTH, sevenDay: 7 * 24 * HOUR };

/** A reading this old is stale once the logs show activity after it. */
export const STALE_AFTER_MS = 10 * MINUTE;
/** The response that triggered a reading lands in the logs around the same time: not "activity since". */
const ACTIVITY_GRACE_MS = MINUTE;
/** Below this the percentage's rounding swamps the ratio, so no implied limit is derived. */
export const MIN_CALIBRATION_PERCENT = 5;
/** How many recent windows (their latest reading each) the median implied limit spans. */
export const CALIBRATION_WINDOWS = 10;
/** Readings whose resets differ by less than this belong to the same window (windows never overlap). */
const SAME_WINDOW_MS = HOUR;

/** A reading older than 10 minutes while the logs show activity after it is stale. */
export function isStale(recordedAt: number, now: number, lastEventAt: number | null): boolean {
  return now - recordedAt > STALE_AFTER_MS && lastEventAt !== null && lastEventAt > recordedAt + ACTIVITY_GRACE_MS;
}

export interface OfficialContext {
  /** The store's minute buckets in time order. */
  minutes: readonly MinuteBucket[];
  basis: LimitBasis;
  /** Local burn in basis units per ms (the trailing burn window). */
  ratePerMs: number;
  lastEventAt: number | null;
  /** Start of the loaded history: a window that began before it has incomplete local usage. */
  historyStart: number;
}

export interface WindowCalibration {
  /** The latest reading of the window in force now; null when none or the window has reset. */
  current: OfficialWindow | null;
  /** Implied limits of the recent windows (their latest reading each), newest first. */
  impliedLimits: number[];
  median: number | null;
}

export type OfficialCalibration = Record<OfficialWindowKind, WindowCalibration>;

interface Seen extends OfficialWindowReading {
  at: number;
}

export function officialCalibration(readings: readonly OfficialReading[], now: number, ctx: OfficialContext): OfficialCalibration {
  return {
    fiveHour: calibrateWindow('fiveHour', readings, now, ctx),
    sevenDay: calibrateWindow('sevenDay', readings, now, ctx),
  };
}

export function calibrateWindow(kind: OfficialWindowKind, readings: readonly OfficialReading[], now: number, ctx: OfficialContext): WindowCalibration {
  const seen = readingsOf(kind, readings, now);
  const impliedLimits = recentWindows(seen)
    .map((r) => impliedLimit(kind, r, ctx))
    .filter((v): v is number => v !== null);
  const mid = median(impliedLimits);
  const latest = seen[seen.length - 1];
  const inForce = readingInForce(latest, now);
  const current = inForce ? currentWindow(kind, inForce, now, ctx, mid) : null;
  return { current, impliedLimits, median: mid };
}

/** The window's readings up to `now`, oldest first. */
function readingsOf(kind: OfficialWindowKind, readings: readonly OfficialReading[], now: number): Seen[] {
  const seen: Seen[] = [];
  for (const r of readings) {
    const w = r[kind];
    if (w && r.at <= now) seen.push({ at: r.at, usedPercent: w.usedPercent, resetsAt: w.resetsAt });
  }
  return seen.sort((a, b) => a.at - b.at);
}

/** The latest reading of each of the most recent windows, newest first. */
function recentWindows(seen: readonly Seen[]): Seen[] {
  const latest: Seen[] = [];
  for (let i = seen.length - 1; i >= 0 && latest.length < CALIBRATION_WINDOWS; i--) {
    const r = seen[i]!;
    const previous = latest[latest.length - 1];
    if (!previous || Math.abs(previous.resetsAt - r.resetsAt) >= SAME_WINDOW_MS) latest.push(r);
  }
  return latest;
}

function currentWindow(kind: OfficialWindowKind, r: Seen, now: number, ctx: OfficialContext, mid: number | null): OfficialWindow {
  const ageMs = now - r.at;
  const implied = impliedLimit(kind, r, ctx);
  return {
    usedPercent: r.usedPercent,
    resetsAt: r.resetsAt,
    recordedAt: r.at,
    ageMs,
    stale: isStale(r.at, now, ctx.lastEventAt),
    impliedLimit: implied,
    impliedLimitMedian: mid,
    projectedFullAt: projectedFullAt(kind, r, implied ?? mid, now, ctx),
  };
}

/** Local usage in the reading's window up to the reading ÷ the official fraction; null when either is too small to trust. */
export function impliedLimit(kind: OfficialWindowKind, r: Seen, ctx: OfficialContext): number | null {
  const start = r.resetsAt - WINDOW_LENGTH[kind];
  if (r.usedPercent < MIN_CALIBRATION_PERCENT || start < ctx.historyStart) return null;
  const used = usageWithin(ctx.minutes, start, r.resetsAt, (m) => m.first <= r.at, ctx.basis);
  return used > 0 ? used / (r.usedPercent / 100) : null;
}

/**
 * When the official percentage reaches 100 %: the reading's share of the limit plus the local
 * usage since it, then the local burn rate until the reset; null without a limit or not before the reset.
 */
function projectedFullAt(kind: OfficialWindowKind, r: Seen, limit: number | null, now: number, ctx: OfficialContext): number | null {
  if (limit === null) return null;
  const start = r.resetsAt - WINDOW_LENGTH[kind];
  const since = usageWithin(ctx.minutes, start, r.resetsAt, (m) => m.first > r.at && m.first <= now, ctx.basis);
  return timeToLimit((r.usedPercent / 100) * limit + since, limit, ctx.ratePerMs, now, r.resetsAt);
}

/** A calibrated limit from a fresh reading's implied limit, else the median of recent ones; null when none. */
export function calibratedLimit(calibration: WindowCalibration, basis: LimitBasis): LimitEstimate | null {
  const current = calibration.current;
  if (current && !current.stale && current.impliedLimit !== null) {
    return { basis, value: current.impliedLimit, source: 'calibrated', label: 'calibrated from the official reading' };
  }
  if (calibration.median === null) return null;
  const n = calibration.impliedLimits.length;
  return { basis, value: calibration.median, source: 'calibrated', label: `calibrated from ${n} official reading${n === 1 ? '' : 's'}` };
}

/** The 5-hour window as Anthropic defines it (start = reset − 5 h), from a fresh reading; null without local usage in it. */
export function officialBlock(minutes: readonly MinuteBucket[], current: OfficialWindow | null, now: number): Block | null {
  if (!current || current.stale) return null;
  const start = current.resetsAt - BLOCK_LENGTH;
  const inside = minutes.slice(firstAtOrAfter(minutes, start)).filter((m) => m.start < current.resetsAt && m.first <= now);
  if (inside.length === 0) return null;
  const tokens = emptyTokens();
  let costUSD = 0;
  for (const m of inside) {
    addMinuteTokens(tokens, m);
    costUSD += m.costUSD;
  }
  return {
    start, end: current.resetsAt, firstEventAt: inside[0]!.first, lastEventAt: Math.max(...inside.map((m) => m.last)),
    tokens, costUSD, minutes: inside,
  };
}

function usageWithin(minutes: readonly MinuteBucket[], from: number, to: number, keep: (m: MinuteBucket) => boolean, basis: LimitBasis): number {
  let used = 0;
  for (let i = firstAtOrAfter(minutes, from); i < minutes.length && minutes[i]!.start < to; i++) {
    const m = minutes[i]!;
    if (keep(m)) used += minuteUsage(basis, m);
  }
  return used;
}
