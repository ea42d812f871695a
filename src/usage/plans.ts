import type { LimitBasis } from './window-types.js';
import type { PlanName } from './metrics-types.js';

export interface PlanPreset {
  label: string;
  feeUSD: number;
  /** Community estimates of the 5-hour window limit per basis (not published by Anthropic). */
  windowLimit: Partial<Record<LimitBasis, number>>;
}

export const PLAN_PRESETS: Record<Exclude<PlanName, 'custom'>, PlanPreset> = {
  pro: { label: 'Pro', feeUSD: 20, windowLimit: { io: 19_000, cost: 18 } },
  max5: { label: 'Max 5x', feeUSD: 100, windowLimit: { io: 88_000, cost: 35 } },
  max20: { label: 'Max 20x', feeUSD: 200, windowLimit: { io: 220_000, cost: 140 } },
  api: { label: 'API (metered)', feeUSD: 0, windowLimit: {} },
};


/** The plan `p` switches to: the presets in order, then back to the first. */
export function nextPlan(plan: PlanName): Exclude<PlanName, 'custom'> {
  const order = ['pro', 'max5', 'max20', 'api'] as const;
  const i = order.indexOf(plan as (typeof order)[number]);
  return order[(i + 1) % order.length]!;
}

/** Usage in a limit basis: USD for `cost`, all tokens for `tokens`, input + output for `io`. */
export function usageIn(basis: LimitBasis, tokens: { input: number; output: number; total: number }, costUSD: number): number {
  if (basis === 'cost') return costUSD;
  if (basis === 'io') return tokens.input + tokens.output;
  return tokens.total;
}
