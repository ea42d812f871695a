import type { Calendar } from './calendar.js';
import type { DaySummary } from './calendar-types.js';
import type { MinuteBucket, ModelTotals } from './store.js';
import { median as medianOf } from './percentile.js';
import { addInto, emptyTokens } from './tokens.js';

/** Per-day totals in the calendar's zone, ascending, each with its per-model split. */
export function buildDays(minutes: readonly MinuteBucket[], calendar: Calendar): DaySummary[] {
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
    addInto(day.tokens, minute.tokens);
    day.costUSD += minute.costUSD;
    if (minute.fromStore) day.fromStore = true;
    mergeModels(modelsByDay[modelsByDay.length - 1]!, minute.models);
  }
  days.forEach((day, i) => finishDay(day, modelsByDay[i]!));
  markSpikeDays(days);
  return days;
}

export function mergeModels(into: Map<string, ModelTotals>, from: ReadonlyMap<string, ModelTotals>): void {
  for (const [model, totals] of from) {
    let sum = into.get(model);
    if (!sum) {
      sum = { tokens: emptyTokens(), costUSD: 0, priced: totals.priced };
      into.set(model, sum);
    }
    addInto(sum.tokens, totals.tokens);
    sum.costUSD += totals.costUSD;
  }
}

function finishDay(day: DaySummary, models: Map<string, ModelTotals>): void {
  day.models = [...models]
    .map(([model, t]) => ({ model, tokens: t.tokens, costUSD: t.costUSD }))
    .sort((a, b) => b.costUSD - a.costUSD || b.tokens.total - a.tokens.total);
  day.topModel = day.models[0]?.model ?? null;
}

/** A spike day costs over twice the median day of the period. */
function markSpikeDays(days: DaySummary[]): void {
  const median = medianOf(days.map((d) => d.costUSD)) ?? 0;
  for (const day of days) day.spike = median > 0 && day.costUSD > 2 * median;
}
