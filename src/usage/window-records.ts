import { HOUR } from './time.js';
import { firstAtOrAfter } from './time.js';
import { isPeak, type PeakHours } from './peak-hours.js';
import type { MinuteBucket } from './types.js';
import { modelFamily } from './model-family.js';
import type { ModelFamily } from './session-types.js';
import type { WindowRecord } from './window-history-types.js';

/** A reading of one window, by Claude Code's key, at `at` (epoch ms). */
export interface WindowReading {
  key: string;
  at: number;
  usedPercent: number;
  resetsAt: number;
}

/** A usage-limit message as the logs show it. */
export interface LimitMessage {
  at: number;
  kind: 'five_hour' | 'weekly' | 'unknown';
}

/** Below this many points the 0.1 % rounding of the readings swamps the ratio: no $/% is measured. */
export const MIN_PERCENT_POINTS = 5;
/** Readings whose resets differ by less than this belong to the same window (windows of a key never overlap). */
const SAME_WINDOW_MS = HOUR;

/** A window's length by its key (`seven_day_opus` is a week too); null for a key of unknown length. */
export function windowLength(key: string): number | null {
  if (key.startsWith('five_hour')) return 5 * HOUR;
  if (key.startsWith('seven_day')) return 7 * 24 * HOUR;
  return null;
}

/** The model family a per-model window meters (`seven_day_opus` → Opus); null for a window of every model. */
export function windowFamily(key: string): ModelFamily | null {
  const name = /^seven_day_(opus|sonnet|haiku)$/i.exec(key)?.[1]?.toLowerCase();
  return name ? ((name[0]!.toUpperCase() + name.slice(1)) as ModelFamily) : null;
}

/**
 * Plan-counted spend of the minutes whose first response is in (from, to]: fast mode is usage
 * credits, not plan usage. A per-model window counts its family's models only (their fast mode
 * included: the minutes keep fast mode per minute, not per model).
 */
export function planSpend(minutes: readonly MinuteBucket[], from: number, to: number, family: ModelFamily | null = null): { costUSD: number; tokens: number } {
  let costUSD = 0;
  let tokens = 0;
  for (let i = firstAtOrAfter(minutes, from - 60_000); i < minutes.length && minutes[i]!.start <= to; i++) {
    const m = minutes[i]!;
    if (m.first <= from || m.first > to) continue;
    if (family === null) {
      costUSD += m.costUSD - (m.fastCostUSD ?? 0);
      tokens += m.tokens.total - (m.fastTokens ?? 0);
      continue;
    }
    for (const [model, totals] of m.models) {
      if (modelFamily(model) !== family) continue;
      costUSD += totals.costUSD;
      tokens += totals.tokens.total;
    }
  }
  return { costUSD, tokens };
}

/** The readings of each window (key and reset), oldest reading first; windows in no particular order. */
export function groupWindows(readings: readonly WindowReading[]): WindowReading[][] {
  const byKey = new Map<string, WindowReading[]>();
  for (const r of readings) {
    const list = byKey.get(r.key);
    if (list) list.push(r);
    else byKey.set(r.key, [r]);
  }
  const windows: WindowReading[][] = [];
  for (const list of byKey.values()) {
    let current: WindowReading[] = [];
    for (const r of [...list].sort((a, b) => a.at - b.at)) {
      const last = current[current.length - 1];
      if (last && Math.abs(r.resetsAt - last.resetsAt) >= SAME_WINDOW_MS) {
        windows.push(current);
        current = [];
      }
      current.push(r);
    }
    if (current.length > 0) windows.push(current);
  }
  return windows;
}

interface Stretch {
  points: number;
  costUSD: number;
  peak: boolean;
}

/**
 * The stretches between the readings at which the percentage rose: each from the first reading
 * of a value to the first of the next, with the plan-counted spend in it. Readings that repeat a
 * value add spend, not points, so the stretch ends where the value first showed.
 */
function stretches(readings: readonly WindowReading[], minutes: readonly MinuteBucket[], peak: PeakHours): Stretch[] {
  const out: Stretch[] = [];
  const family = windowFamily(readings[0]!.key);
  let anchor = readings[0]!;
  for (const r of readings) {
    if (r.usedPercent <= anchor.usedPercent) continue;
    const { costUSD } = planSpend(minutes, anchor.at, r.at, family);
    out.push({ points: r.usedPercent - anchor.usedPercent, costUSD, peak: isPeak(anchor.at, peak) });
    anchor = r;
  }
  return out;
}

function ratio(parts: readonly Stretch[]): number | null {
  const points = parts.reduce((n, s) => n + s.points, 0);
  const costUSD = parts.reduce((n, s) => n + s.costUSD, 0);
  return points >= MIN_PERCENT_POINTS - 1e-9 ? costUSD / points : null;
}

export interface RecordContext {
  minutes: readonly MinuteBucket[];
  messages: readonly LimitMessage[];
  peak: PeakHours;
  now: number;
}

/** One window's record from its readings (oldest first) and the local minutes. */
export function windowRecord(readings: readonly WindowReading[], ctx: RecordContext): WindowRecord {
  const first = readings[0]!;
  const last = readings[readings.length - 1]!;
  const key = first.key;
  const end = last.resetsAt;
  const length = windowLength(key);
  const start = length === null ? first.at : end - length;
  const spent = planSpend(ctx.minutes, start - 1, Math.min(end, ctx.now), windowFamily(key));
  const parts = stretches(readings, ctx.minutes, ctx.peak);
  const hitAt = firstHit(readings, ctx.messages, key, start, end);
  return {
    key, start, end,
    firstAt: first.at, firstPercent: first.usedPercent, lastAt: last.at, lastPercent: last.usedPercent,
    peakPercent: Math.max(...readings.map((r) => r.usedPercent)),
    costUSD: spent.costUSD, tokens: spent.tokens,
    hit: hitAt !== null, hitAt,
    costPerPercent: ratio(parts),
    peakCostPerPercent: ratio(parts.filter((s) => s.peak)),
    offPeakCostPerPercent: ratio(parts.filter((s) => !s.peak)),
    open: end > ctx.now,
  };
}

/** When the window was first at 100 % by a reading, or met a usage-limit message of its kind; null when neither. */
function firstHit(readings: readonly WindowReading[], messages: readonly LimitMessage[], key: string, start: number, end: number): number | null {
  const full = readings.find((r) => r.usedPercent >= 100)?.at ?? null;
  const kind = key.startsWith('five_hour') ? 'five_hour' : key === 'seven_day' ? 'weekly' : null;
  const said = messages.filter((m) => m.kind === kind && m.at >= start && m.at <= end).map((m) => m.at);
  const times = [...(full === null ? [] : [full]), ...said];
  return times.length > 0 ? Math.min(...times) : null;
}

/** When each window's reading first reached 100 %, to its reset: the spans billed to usage credits when they are on. */
export function pastLimitSpans(readings: readonly WindowReading[][]): Array<{ from: number; to: number }> {
  const spans: Array<{ from: number; to: number }> = [];
  for (const list of readings) {
    const full = list.find((r) => r.usedPercent >= 100);
    if (full) spans.push({ from: full.at, to: list[list.length - 1]!.resetsAt });
  }
  return spans;
}
