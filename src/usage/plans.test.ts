import { describe, expect, it } from 'vitest';
import { nextPlan, PLAN_PRESETS, usageIn } from './plans.js';

describe('plans', () => {
  it('presets: fees and window limits (io tokens / USD)', () => {
    expect(PLAN_PRESETS.pro).toMatchObject({ feeUSD: 20, windowLimit: { io: 19_000, cost: 18 } });
    expect(PLAN_PRESETS.max5).toMatchObject({ feeUSD: 100, windowLimit: { io: 88_000, cost: 35 } });
    expect(PLAN_PRESETS.max20).toMatchObject({ feeUSD: 200, windowLimit: { io: 220_000, cost: 140 } });
    expect(PLAN_PRESETS.api).toMatchObject({ feeUSD: 0, windowLimit: {} });
  });

  it('nextPlan cycles pro → max5 → max20 → api → pro; custom goes to pro', () => {
    expect(['pro', 'max5', 'max20', 'api', 'custom'].map((p) => nextPlan(p as never))).toEqual(['max5', 'max20', 'api', 'pro', 'pro']);
  });

  it('usageIn: USD for cost, input + output for io, all tokens for tokens', () => {
    const tokens = { input: 1, output: 20, total: 4_321 };
    expect(usageIn('cost', tokens, 2.5)).toBe(2.5);
    expect(usageIn('io', tokens, 2.5)).toBe(21);
    expect(usageIn('tokens', tokens, 2.5)).toBe(4_321);
  });
});
