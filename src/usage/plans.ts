import type { LimitBasis } from './window-types.js';
import type { PlanName } from './metrics-types.js';

/** An official window as Claude Code names it in the statusline input's `rate_limits`. */
export type WindowKey = 'five_hour' | 'seven_day' | (string & {});

export interface PlanPreset {
  label: string;
  /** Monthly fee per seat; null when the plan has none to preset (priced per contract). */
  feeUSD: number | null;
  /** The windows the plan meters, until an official reading says otherwise. */
  windows: readonly WindowKey[];
  /** Community estimates of the 5-hour window limit per basis (not published by Anthropic). */
  windowLimit: Partial<Record<LimitBasis, number>>;
}

const BOTH: readonly WindowKey[] = ['five_hour', 'seven_day'];

/**
 * The plans as sold since 2026-10-30 (Claude Code 2.1.332 names them Pro, Max and Ultra): Max 5x
 * became Max ($100) and Max 20x became Ultra ($200, about 10× Pro's weekly usage and, once the
 * account is verified, no 5-hour limit). Team premium seats (with Claude Code) are $150 a month
 * (support.claude.com/en/articles/9267289); Enterprise is priced per contract, so it needs --fee.
 */
export const PLAN_PRESETS: Record<Exclude<PlanName, 'custom'>, PlanPreset> = {
  pro: { label: 'Pro', feeUSD: 20, windows: BOTH, windowLimit: { io: 19_000, cost: 18 } },
  max: { label: 'Max', feeUSD: 100, windows: BOTH, windowLimit: { io: 88_000, cost: 35 } },
  ultra: { label: 'Ultra', feeUSD: 200, windows: ['seven_day'], windowLimit: { io: 220_000, cost: 140 } },
  team: { label: 'Team', feeUSD: 150, windows: BOTH, windowLimit: {} },
  enterprise: { label: 'Enterprise', feeUSD: null, windows: BOTH, windowLimit: {} },
  api: { label: 'API (metered)', feeUSD: 0, windows: [], windowLimit: {} },
};

/** The names config files written before 2026-10-30 use: Max 5x and Max 20x. */
export const PLAN_ALIASES: Record<string, PlanName> = { max5: 'max', max20: 'ultra' };

export const PLAN_NAMES = ['pro', 'max', 'ultra', 'team', 'enterprise', 'api', 'custom'] as const satisfies readonly PlanName[];

/** The plan a name or alias stands for. */
export function canonicalPlan(name: string): PlanName {
  return PLAN_ALIASES[name] ?? (name as PlanName);
}

export function planLabel(plan: PlanName): string {
  return plan === 'custom' ? 'Custom' : PLAN_PRESETS[plan].label;
}

/** The windows a plan meters (a custom plan: both). */
export function planWindows(plan: PlanName): readonly WindowKey[] {
  return plan === 'custom' ? BOTH : PLAN_PRESETS[plan].windows;
}

/** The plans `p` cycles through: those with a preset fee. */
const CYCLE = ['pro', 'max', 'ultra', 'team', 'api'] as const;

/** The plan `p` switches to: the presets in order, then back to the first. */
export function nextPlan(plan: PlanName): (typeof CYCLE)[number] {
  const i = CYCLE.indexOf(plan as (typeof CYCLE)[number]);
  return CYCLE[(i + 1) % CYCLE.length]!;
}

/** Usage in a limit basis: USD for `cost`, all tokens for `tokens`, input + output for `io`. */
export function usageIn(basis: LimitBasis, tokens: { input: number; output: number; total: number }, costUSD: number): number {
  if (basis === 'cost') return costUSD;
  if (basis === 'io') return tokens.input + tokens.output;
  return tokens.total;
}
