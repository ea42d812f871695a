import { describe, expect, it } from 'vitest';
import { canonicalPlan, nextPlan, PLAN_PRESETS, usageIn } from './plans.js';

describe('plans', () => {
  it('presets: fees and window limits (io tokens / USD)', () => {
    expect(PLAN_PRESETS.pro).toMatchObject({ feeUSD: 20, windowLimit: { io: 19_000, cost: 18 } });
    expect(PLAN_PRESETS.max).toMatchObject({ label: 'Max', feeUSD: 100, windows: ['five_hour', 'seven_day'], windowLimit: { io: 88_000, cost: 35 } });
    expect(PLAN_PRESETS.ultra).toMatchObject({ label: 'Ultra', feeUSD: 200, windows: ['seven_day'], windowLimit: { io: 220_000, cost: 140 } });
    expect(PLAN_PRESETS.team).toMatchObject({ label: 'Team', feeUSD: 150, windows: ['five_hour', 'seven_day'] });
    expect(PLAN_PRESETS.enterprise).toMatchObject({ label: 'Enterprise', feeUSD: null });
    expect(PLAN_PRESETS.api).toMatchObject({ feeUSD: 0, windowLimit: {} });
  });

  it('nextPlan cycles pro → max → ultra → team → api → pro; custom and enterprise go to pro', () => {
    expect(['pro', 'max', 'ultra', 'team', 'api', 'custom', 'enterprise'].map((p) => nextPlan(p as never)))
      .toEqual(['max', 'ultra', 'team', 'api', 'pro', 'pro', 'pro']);
  });

  it('max5 and max20 (the names before 2026-10-30) are aliases of max and ultra', () => {
    expect(['max5', 'max20', 'max', 'pro'].map(canonicalPlan)).toEqual(['max', 'ultra', 'max', 'pro']);
  });

  it('usageIn: USD for cost, input + output for io, all tokens for tokens', () => {
    const tokens = { input: 1, output: 20, total: 4_321 };
    expect(usageIn('cost', tokens, 2.5)).toBe(2.5);
    expect(usageIn('io', tokens, 2.5)).toBe(21);
    expect(usageIn('tokens', tokens, 2.5)).toBe(4_321);
  });
});
