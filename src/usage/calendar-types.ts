import type { Tokens } from './types.js';
import type { LimitEstimate, LimitUsage } from './window-types.js';

/** The numbers of days, the month, the rolling week and the plan's value. */

export interface DaySummary {
  date: string;
  tokens: Tokens;
  costUSD: number;
  models: { model: string; tokens: Tokens; costUSD: number }[];
  topModel: string | null;
  /** Cost over 2× the median day of the period. */
  spike: boolean;
  /** Some of the day's usage is known only from the history store: Claude Code deleted its logs. */
  fromStore: boolean;
}

export interface MonthSummary {
  /** YYYY-MM in the display zone. */
  month: string;
  tokens: Tokens;
  costUSD: number;
  /** costUSD + recent daily average × days left. */
  projectedCostUSD: number;
  dailyAverageUSD: number;
  daysElapsed: number;
  daysInMonth: number;
  feeUSD: number;
  /** costUSD less the usage credits (fast mode, past the limit): what the fee covers. */
  planCoveredUSD: number;
  /** planCoveredUSD ÷ fee; null for the api plan. */
  valueMultiplier: number | null;
  projectedValueMultiplier: number | null;
  /** When cumulative cost passed the fee this month, null when not yet (or no fee). */
  breakEvenAt: number | null;
  /** Days until break-even at the daily average; 0 once passed; null without fee or usage. */
  daysToBreakEven: number | null;
  heaviestDay: { date: string; costUSD: number; feeMultiple: number | null } | null;
  topDays: { date: string; costUSD: number }[];
  /** Month-to-date cost per machine (`local` first), when remotes are read; empty otherwise. */
  byMachine: { machine: string; costUSD: number }[];
}

export interface TokensAndCost {
  tokens: Tokens;
  costUSD: number;
}

export interface WeekSummary {
  /** Rolling 7 days: now − 7 d … now. */
  start: number;
  end: number;
  all: TokensAndCost;
  opus: TokensAndCost;
  sonnet: TokensAndCost;
  limit: LimitEstimate;
  usage: LimitUsage;
}

export interface ValueSummary {
  /** Plan fee × seats. */
  feeUSD: number;
  monthCostUSD: number;
  /** Month-to-date cost at the metered API price × price multiplier. */
  meteredCostUSD: number;
  projectedMeteredCostUSD: number;
  /** Which is cheaper for this month's projection; null for the api plan. */
  cheaper: 'plan' | 'api' | null;
  /** Output tokens the fee buys at the month's main model's output price. */
  breakEvenOutputTokens: number | null;
  breakEvenModel: string | null;
  outputTokensMonth: number;
}
