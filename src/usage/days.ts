import type { Calendar } from './calendar.js';
import type { DaySummary } from './calendar-types.js';
import type { MinuteBucket, ModelTotals } from './store.js';
import { median as medianOf } from './percentile.js';
import { emptyTokens } from './tokens.js';
import { addMinuteTokens, mergeMinuteModels } from './minute-sums.js';

/** Per-day totals in the calendar's zone, ascending, each with its per-model split. */
export function buildDays(minutes: readonly MinuteBucket[], calendar: Calendar): DaySummary[] {
  return markSpikeDays(daysOf(minutes, calendar));
}

/** The days of `minutes` (ascending), spike days not marked yet: the median is the whole period's. */
export function daysOf(minutes: readonly MinuteBucket[], calendar: Calendar): DaySummary[] {
  const days: DaySummary[] = [];
  const modelsByDay: Map<string, ModelTotals>[] = [];
  for (const minute of minutes) {
    const date = calendar.dayKey(minute.start);
    let day = days[days.length - 1];
    if (!day || day.date !== date) {
      day = { date, tokens: emptyTokens(), costUSD: 0, models: [], topModel: null, spike: false, fromStore: false };
      days.push(day);
      modelsByDay.push(new Map());
    }
    addMinuteTokens(day.tokens, minute);
    day.costUSD += minute.costUSD;
    if (minute.fromStore) day.fromStore = true;
    mergeMinuteModels(modelsByDay[modelsByDay.length - 1]!, minute);
  }
  days.forEach((day, i) => finishDay(day, modelsByDay[i]!));
  return days;
}

function finishDay(day: DaySummary, models: Map<string, ModelTotals>): void {
  day.models = [...models]
    .map(([model, t]) => ({ model, tokens: t.tokens, costUSD: t.costUSD }))
    .sort((a, b) => b.costUSD - a.costUSD || b.tokens.total - a.tokens.total);
  day.topModel = day.models[0]?.model ?? null;
}

/**
 * A spike day costs over twice the median day of the period. A day whose mark changes is a new
 * object (days kept from an earlier derivation may be in metrics already handed out).
 */
export function markSpikeDays(days: DaySummary[]): DaySummary[] {
  const median = medianOf(days.map((d) => d.costUSD)) ?? 0;
  return days.map((day) => {
    const spike = median > 0 && day.costUSD > 2 * median;
    return day.spike === spike ? day : { ...day, spike };
  });
}
