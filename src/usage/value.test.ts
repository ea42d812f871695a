import { describe, expect, it } from 'vitest';
import type { MonthSummary } from './calendar-types.js';
import { bundledPriceTable } from './pricing.js';
import type { ModelTotals } from './store.js';
import { OPUS, SONNET, tokensTotal } from '../../test/support/test-events.js';
import { valueSummary } from './value.js';

const NOW = Date.UTC(2026, 10, 24, 12);

function month(costUSD: number, projectedCostUSD: number): MonthSummary {
  return {
    month: '2026-11', tokens: tokensTotal({ output: 1_234 }), costUSD, projectedCostUSD, dailyAverageUSD: 0,
    daysElapsed: 24, daysInMonth: 30, feeUSD: 100, planCoveredUSD: costUSD, valueMultiplier: null, projectedValueMultiplier: null,
    breakEvenAt: null, daysToBreakEven: null, heaviestDay: null, topDays: [], byMachine: [],
  };
}

function totals(costUSD: number, priced = true): ModelTotals {
  return { tokens: tokensTotal({ output: 1 }), costUSD, priced };
}

// Sonnet is the main (costliest priced) model; the unknown model costs 0 and is skipped.
const models = new Map([[SONNET, totals(80)], [OPUS, totals(20)], ['claude-unknown', totals(0, false)]]);
const base = { monthModels: models, feeUSD: 100, priceMultiplier: 0.5, table: bundledPriceTable, now: NOW, isApiPlan: false };

describe('valueSummary', () => {
  it('break-even output tokens: $100 ÷ ($15/M Sonnet output × 0.5) = 13,333,333.33…', () => {
    const value = valueSummary({ ...base, month: month(50, 355) });
    expect(value.breakEvenOutputTokens).toBeCloseTo(100 / 7.5 * 1e6, 4);
    expect(value.breakEvenOutputTokens).toBeCloseTo(13_333_333.333, 2);
    expect(value.breakEvenModel).toBe(SONNET);
    expect(value.outputTokensMonth).toBe(1_234);
  });

  it('the plan is cheaper when the projected metered cost exceeds the fee', () => {
    expect(valueSummary({ ...base, month: month(50, 355) })).toMatchObject({
      feeUSD: 100, monthCostUSD: 50, meteredCostUSD: 50, projectedMeteredCostUSD: 355, cheaper: 'plan',
    });
  });

  it('the API is cheaper when the projection stays under the fee', () => {
    expect(valueSummary({ ...base, month: month(20, 60) }).cheaper).toBe('api');
  });

  it('no comparison on the api plan or without a fee', () => {
    expect(valueSummary({ ...base, month: month(20, 60), isApiPlan: true }).cheaper).toBeNull();
    const noFee = valueSummary({ ...base, month: month(20, 60), feeUSD: 0 });
    expect(noFee).toMatchObject({ cheaper: null, breakEvenOutputTokens: null, breakEvenModel: null });
  });

  it('no break-even volume when only unpriced models were used', () => {
    const value = valueSummary({ ...base, monthModels: new Map([['claude-unknown', totals(0, false)]]), month: month(0, 0) });
    expect(value).toMatchObject({ breakEvenOutputTokens: null, breakEvenModel: null });
  });
});
