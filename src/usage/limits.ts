import type { Block } from './blocks.js';
import type { LimitBasis, LimitEstimate, LimitHitSummary, LimitUsage } from './window-types.js';
import type { PlanName } from './metrics-types.js';
import { median, percentile } from './percentile.js';
import { PLAN_PRESETS, usageIn } from './plans.js';

/** A limit as the user set it: a number, `auto` (from history), or null (the plan's preset). */
export type LimitSetting = number | 'auto' | null;

/** Fewest completed blocks for `auto` to trust a P90. */
export const MIN_BLOCKS_FOR_P90 = 5;

export interface WindowLimitInput {
  plan: PlanName;
  basis: LimitBasis;
  setting: LimitSetting;
  completed: readonly Block[];
  hits: readonly LimitHitSummary[];
  /** A limit calibrated against Anthropic's official percentages, when there is one. */
  calibrated?: LimitEstimate | null;
}

/**
 * The 5-hour window limit in the basis, most trusted source first: the user's number, the
 * calibration against official readings, the usage at real limit hits (their median), the P90
 * of completed blocks (`auto`), the preset.
 */
export function windowLimit({ plan, basis, setting, completed, hits, calibrated }: WindowLimitInput): LimitEstimate {
  if (typeof setting === 'number') return { basis, value: setting, source: 'user', label: 'set' };
  if (calibrated) return calibrated;
  const fromHits = medianAtHits(hits.filter((h) => h.kind !== 'weekly'));
  if (fromHits) return { basis, ...fromHits };
  if (setting === 'auto' && completed.length >= MIN_BLOCKS_FOR_P90) {
    const p90 = percentile(completed.map((b) => usageIn(basis, b.tokens, b.costUSD)), 90);
    return { basis, value: p90, source: 'p90', label: `P90 of ${completed.length} windows` };
  }
  return presetLimit(plan, basis);
}

export function presetLimit(plan: PlanName, basis: LimitBasis): LimitEstimate {
  const value = plan === 'custom' ? undefined : PLAN_PRESETS[plan].windowLimit[basis];
  if (value === undefined) return { basis, value: null, source: 'none', label: 'no limit set' };
  return { basis, value, source: 'preset', label: 'estimate' };
}

export function medianAtHits(hits: readonly LimitHitSummary[]): Pick<LimitEstimate, 'value' | 'source' | 'label'> | null {
  const used = hits.map((h) => h.usedAtHit).filter((u) => u > 0);
  const value = median(used);
  if (value === null) return null;
  const label = used.length === 1 ? 'usage at 1 limit hit' : `median of ${used.length} limit hits`;
  return { value, source: 'hits', label };
}

export function limitUsage(basis: LimitBasis, used: number, limit: number | null): LimitUsage {
  return { basis, used, limit, fraction: limit && limit > 0 ? used / limit : null };
}

/**
 * When usage reaches the limit at a constant rate (basis units per ms); null when it does not
 * before `deadline`, or there is no limit or no burn. Already over: `now`.
 */
export function timeToLimit(used: number, limit: number | null, ratePerMs: number, now: number, deadline: number): number | null {
  if (limit === null || limit <= 0) return null;
  if (used >= limit) return now;
  if (ratePerMs <= 0) return null;
  const at = now + (limit - used) / ratePerMs;
  return at < deadline ? at : null;
}
