import type { ModelTotals } from './store.js';
import type { MonthSummary, ValueSummary } from './calendar-types.js';
import { outputPricePerMillion, type PriceTable } from './pricing.js';

export interface ValueInput {
  month: MonthSummary;
  monthModels: ReadonlyMap<string, ModelTotals>;
  /** Plan fee × seats. */
  feeUSD: number;
  priceMultiplier: number;
  table: PriceTable;
  now: number;
  isApiPlan: boolean;
}

/**
 * Plan or metered API? All costs are already at the price multiplier (a reseller's price), so
 * the metered figures are the month's cost; the break-even volume is the fee in output tokens
 * of the month's main model at that price (e.g. $100 ÷ ($15/M × 0.5) = 13.3 M).
 */
export function valueSummary({ month, monthModels, feeUSD, priceMultiplier, table, now, isApiPlan }: ValueInput): ValueSummary {
  const main = mainModel(monthModels);
  const outputPrice = main ? outputPricePerMillion(table, main, now) : null;
  const breakEvenOutputTokens = feeUSD > 0 && outputPrice ? (feeUSD / (outputPrice * priceMultiplier)) * 1e6 : null;
  return {
    feeUSD,
    monthCostUSD: month.costUSD,
    meteredCostUSD: month.costUSD,
    projectedMeteredCostUSD: month.projectedCostUSD,
    cheaper: isApiPlan || feeUSD <= 0 ? null : month.projectedCostUSD < feeUSD ? 'api' : 'plan',
    breakEvenOutputTokens,
    breakEvenModel: breakEvenOutputTokens === null ? null : main,
    outputTokensMonth: month.tokens.output,
  };
}

function mainModel(models: ReadonlyMap<string, ModelTotals>): string | null {
  let best: string | null = null;
  let bestCost = -1;
  for (const [model, t] of models) {
    if (t.priced && t.costUSD > bestCost) {
      best = model;
      bestCost = t.costUSD;
    }
  }
  return best;
}
