import { MINUTE } from './time.js';
import { median } from './percentile.js';
import type { MinuteSeries } from './rates.js';
import { sumTrailing } from './rates.js';

export interface SpikeSettings {
  /** Absolute floor in tokens per minute (default 50,000). */
  floorTokensPerMinute: number;
  /** Multiple of the baseline (default 3). */
  factor: number;
}

export const DEFAULT_SPIKE_SETTINGS: SpikeSettings = { floorTokensPerMinute: 50_000, factor: 3 };

/** Minutes of the trailing rate, of the baseline before it, and of the calm that clears a flag. */
const RATE_MINUTES = 5;
const BASELINE_MINUTES = 60;
const CLEAR_MINUTES = 5;

export interface SpikeState {
  spiking: boolean;
  /** Start of the minute the current spike began; null when not spiking. */
  since: number | null;
  tokensPerMinute: number;
  baselinePerMinute: number;
  threshold: number;
}

interface Check {
  on: boolean;
  rate: number;
  baseline: number;
  threshold: number;
}

/**
 * A session spikes when its rate over the trailing 5 minutes exceeds both the floor and
 * `factor` × the median of its active minutes in the 60 minutes before (all sessions' median
 * when it has none there). Hysteresis: the flag holds until the rate has stayed under the
 * threshold for 5 minutes.
 */
export function spikeState(session: MinuteSeries, everyone: MinuteSeries, now: number, settings: SpikeSettings): SpikeState {
  const current = Math.floor(now / MINUTE) * MINUTE;
  const latest = check(session, everyone, current, settings);
  let since: number | null = null;
  for (let back = 0; back < BASELINE_MINUTES; back++) {
    const minute = current - back * MINUTE;
    if (!onWithin(session, everyone, minute, settings)) break;
    if (check(session, everyone, minute, settings).on) since = minute;
  }
  return {
    spiking: since !== null,
    since,
    tokensPerMinute: latest.rate,
    baselinePerMinute: latest.baseline,
    threshold: latest.threshold,
  };
}

/** Whether the flag is up at `minute`: the condition held at some minute of the last CLEAR_MINUTES + 1. */
function onWithin(session: MinuteSeries, everyone: MinuteSeries, minute: number, settings: SpikeSettings): boolean {
  for (let i = 0; i <= CLEAR_MINUTES; i++) {
    if (check(session, everyone, minute - i * MINUTE, settings).on) return true;
  }
  return false;
}

function check(session: MinuteSeries, everyone: MinuteSeries, minute: number, settings: SpikeSettings): Check {
  const rate = sumTrailing(session, minute, RATE_MINUTES).tokens / RATE_MINUTES;
  const before = minute - RATE_MINUTES * MINUTE;
  const baseline = activeMedian(session, before) ?? activeMedian(everyone, before) ?? 0;
  const threshold = Math.max(settings.floorTokensPerMinute, settings.factor * baseline);
  return { on: rate > threshold, rate, baseline, threshold };
}

/** Median tokens of the non-empty minutes among the BASELINE_MINUTES ending at `minute`. */
function activeMedian(series: MinuteSeries, minute: number): number | null {
  const values: number[] = [];
  for (let i = 0; i < BASELINE_MINUTES; i++) {
    const tokens = series.get(minute - i * MINUTE)?.tokens ?? 0;
    if (tokens > 0) values.push(tokens);
  }
  return median(values);
}
