import { DAY, WEEK } from './time.js';
import type { LimitEstimate, LimitHitSummary, LimitBasis } from './window-types.js';
import type { TokensAndCost, WeekSummary } from './calendar-types.js';
import { modelFamily } from './model-family.js';
import { median, percentile } from './percentile.js';
import { usageIn } from './plans.js';
import { minutesBetween, type MinuteBucket, type ModelTotals } from './store.js';
import { addInto, emptyTokens } from './tokens.js';
import { limitUsage, medianAtHits, type LimitSetting } from './limits.js';
import { addMinuteTokens, mergeMinuteModels } from './minute-sums.js';

/** Complete past 7-day windows needed before `auto` trusts a P90. */
export const MIN_WEEKS_FOR_P90 = 3;

export interface WeekInput {
  now: number;
  /** Usage up to here counts as now (see usage/time.ts); defaults to `now`. */
  until?: number;
  minutes: readonly MinuteBucket[];
  basis: LimitBasis;
  setting: LimitSetting;
  historyStart: number;
  hits: readonly LimitHitSummary[];
  /** A weekly limit calibrated against Anthropic's official percentages, when there is one. */
  calibrated?: LimitEstimate | null;
}

/** Rolling 7-day totals, overall and for Opus- and Sonnet-class models, against a weekly limit. */
export function weekSummary({ now, until = now, minutes, basis, setting, historyStart, hits, calibrated }: WeekInput): WeekSummary {
  const start = now - WEEK;
  const models = new Map<string, ModelTotals>();
  const all: TokensAndCost = { tokens: emptyTokens(), costUSD: 0 };
  for (const m of minutesBetween(minutes, start, until)) {
    addMinuteTokens(all.tokens, m);
    all.costUSD += m.costUSD;
    mergeMinuteModels(models, m);
  }
  const limit = weeklyLimit(basis, setting, minutes, now, historyStart, hits, calibrated ?? null);
  return {
    start, end: now, all,
    opus: familyTotals(models, 'Opus'),
    sonnet: familyTotals(models, 'Sonnet'),
    limit,
    usage: limitUsage(basis, usageIn(basis, all.tokens, all.costUSD), limit.value),
  };
}

function familyTotals(models: ReadonlyMap<string, ModelTotals>, family: string): TokensAndCost {
  const totals: TokensAndCost = { tokens: emptyTokens(), costUSD: 0 };
  for (const [name, t] of models) {
    if (modelFamily(name) !== family) continue;
    addInto(totals.tokens, t.tokens);
    totals.costUSD += t.costUSD;
  }
  return totals;
}

function weeklyLimit(
  basis: LimitBasis, setting: LimitSetting, minutes: readonly MinuteBucket[], now: number, historyStart: number,
  hits: readonly LimitHitSummary[], calibrated: LimitEstimate | null,
): LimitEstimate {
  if (typeof setting === 'number') return { basis, value: setting, source: 'user', label: 'set' };
  if (calibrated) return calibrated;
  const fromHits = medianAtHits(hits.filter((h) => h.kind === 'weekly'));
  if (fromHits) return { basis, ...fromHits };
  if (setting === 'auto') {
    const weeks = pastWeeks(minutes, now, historyStart, basis);
    if (weeks.length >= MIN_WEEKS_FOR_P90) {
      return { basis, value: percentile(weeks, 90), source: 'p90', label: `P90 of ${weeks.length} weeks` };
    }
  }
  return { basis, value: null, source: 'none', label: 'no weekly limit set' };
}

/** Usage of each complete 7-day window before the current one, back to the history's start. */
export function pastWeeks(minutes: readonly MinuteBucket[], now: number, historyStart: number, basis: LimitBasis): number[] {
  const weeks: number[] = [];
  for (let end = now - WEEK; end - WEEK >= historyStart; end -= WEEK) {
    const tokens = emptyTokens();
    let cost = 0;
    for (const m of minutesBetween(minutes, end - WEEK, end - 1)) {
      addMinuteTokens(tokens, m);
      cost += m.costUSD;
    }
    weeks.push(usageIn(basis, tokens, cost));
  }
  return weeks;
}

