import { MinuteView } from './minute-view.js';
import { usageIn } from './plans.js';
import { addInto, emptyTokens } from './tokens.js';
import type { LimitBasis } from './window-types.js';
import type { MinuteBucket, ModelTotals, Tokens } from './types.js';

// Sums over minutes. A store's minute is a view of its table (minute-view.ts) whose `tokens` and
// `models` make new objects on each read; these read it in place, which the days, blocks and
// windows derived from every minute of the history need on a start's first frame.

/** Adds a minute's tokens into `sum`: read in place from a store's view, else from the bucket's object. */
export function addMinuteTokens(sum: Tokens, minute: MinuteBucket): void {
  if (minute instanceof MinuteView) minute.addTokensTo(sum);
  else addInto(sum, minute.tokens);
}

/** Adds a minute's per-model totals into `into`, by model (the first model's `priced` stays). */
export function mergeMinuteModels(into: Map<string, ModelTotals>, minute: MinuteBucket): void {
  if (minute instanceof MinuteView) minute.mergeModelsInto(into);
  else mergeModels(into, minute.models);
}

/** Adds per-model totals into `into`, by model. */
function mergeModels(into: Map<string, ModelTotals>, from: ReadonlyMap<string, ModelTotals>): void {
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

/** What a minute counts toward a limit in `basis`. */
export function minuteUsage(basis: LimitBasis, minute: MinuteBucket): number {
  return basis === 'cost' ? minute.costUSD : usageIn(basis, minute.tokens, minute.costUSD);
}
