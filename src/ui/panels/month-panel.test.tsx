import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import { Lines } from '../kit/Lines.js';
import { breakEvenText, monthLines, valueLines } from './month-panel.js';

type MonthInput = Parameters<typeof monthLines>[0];

function props(over: Partial<MonthInput> = {}): MonthInput {
  const m = fixtureMetrics();
  return { month: m.month, value: m.value, priceMultiplier: 1, timeZone: 'UTC', width: 80, color: false, ...over };
}

/** The month's rows, then the metered comparison's, as the live view stacks them. */
function lines(p: MonthInput): string[] {
  return renderToString(<Lines lines={[...monthLines(p), ...valueLines(p)]} />, { columns: p.width }).split('\n');
}

describe('month panel', () => {
  it.each([120, 80, 50])('shows value against the plan fee at %i columns', (width) => {
    const [title, ...rest] = lines(props({ width }));
    expect(title).toMatch(/^─ Month Nov 2026 ─+$/);
    const feeBuys = '$100.00 buys 4.0M Opus 4.6 output tokens; you used 9.8M this month';
    const expected = [
      'so far $1,230 · 12.3× of the $100.00 fee',
      'month-end ~$1,476 (14.8×)',
      'broke even Nov 3',
      'heaviest Nov 24 $142.80 (1.4× fee)',
      'API ~$1,476 vs fee $100.00 → plan is cheaper',
      // In plain words, on two rows when one is too narrow.
      ...(width >= feeBuys.length ? [feeBuys] : ['$100.00 buys 4.0M Opus 4.6 output tokens;', 'you used 9.8M this month']),
    ];
    expect(rest).toEqual(expected);
  });

  it('shows the days left to break even', () => {
    const m = fixtureMetrics();
    const month = { ...m.month, breakEvenAt: null, daysToBreakEven: 5.2 };
    expect(lines(props({ month }))).toContain('not yet · ~6 days at this pace');
  });

  it('shows the metered view without multipliers for the api plan', () => {
    const m = fixtureMetrics();
    const month = { ...m.month, feeUSD: 0, valueMultiplier: null, projectedValueMultiplier: null, breakEvenAt: null, daysToBreakEven: null, heaviestDay: { date: '2026-11-24', costUSD: 142.8, feeMultiple: null } };
    const value = { ...m.value, feeUSD: 0, cheaper: null, breakEvenOutputTokens: null };
    const out = lines(props({ month, value }));
    expect(out.slice(1)).toEqual(['so far $1,230 metered · avg $49.22/day', 'month-end ~$1,476', 'heaviest Nov 24 $142.80']);
    expect(out.join('\n')).not.toContain('×');
  });

  it('names the price multiplier in the metered comparison', () => {
    expect(lines(props({ priceMultiplier: 0.5 }))).toContain('API at ×0.5 ~$1,476 vs fee $100.00 → plan is cheaper');
  });

  it('names the seats and, when wide enough, the runners-up of the heaviest day', () => {
    const m = fixtureMetrics();
    const month = { ...m.month, feeUSD: 300, topDays: [{ date: '2026-11-24', costUSD: 142.8 }, { date: '2026-11-23', costUSD: 38.2 }, { date: '2026-11-25', costUSD: 16.8 }] };
    const wide = lines(props({ month, seats: 3, width: 120 }));
    expect(wide[1]).toBe('so far $1,230 · 12.3× of the $300.00 fee (3 seats)');
    expect(wide[4]).toBe('heaviest Nov 24 $142.80 (1.4× fee) · then Nov 23 $38.20, Nov 25 $16.80');
    expect(lines(props({ month, width: 60 }))[4]).toBe('heaviest Nov 24 $142.80 (1.4× fee)');
  });
});

describe('wording', () => {
  it('says "<0.1× of the fee" for a month just begun, not "×0.0"', () => {
    const m = fixtureMetrics();
    const month = { ...m.month, costUSD: 0.42, projectedCostUSD: 3, valueMultiplier: 0.0042, projectedValueMultiplier: 0.03, heaviestDay: { date: '2026-11-01', costUSD: 0.42, feeMultiple: 0.0042 } };
    expect(lines(props({ month })).slice(1, 5)).toEqual([
      'so far $0.42 · <0.1× of the $100.00 fee',
      'month-end ~$3.00 (<0.1×)',
      'broke even Nov 3',
      'heaviest Nov 1 $0.42 (<0.1× fee)',
    ]);
    expect(lines(props({ month, compact: true, width: 50 }))[0]).toBe('month $0.42 → ~$3.00 · <0.1× fee');
  });

  it('names the model of the break-even in words, without the date suffix', () => {
    const m = fixtureMetrics();
    const value = { ...m.value, breakEvenOutputTokens: 6_666_667, breakEvenModel: 'claude-sonnet-4-5-20250929', outputTokensMonth: 178_000 };
    expect(lines(props({ value })).at(-1)).toBe('$100.00 buys 6.7M Sonnet 4.5 output tokens; you used 178k this month');
  });
});

describe('breakEvenText', () => {
  it('says "not this month" rather than a break-even past the month end', () => {
    const m = { ...fixtureMetrics().month, breakEvenAt: null, daysElapsed: 25, daysInMonth: 30 };
    // Days 25..30 are left: 6 days.
    expect(breakEvenText({ ...m, daysToBreakEven: 5.2 }, 'UTC')).toBe('not yet · ~6 days at this pace');
    expect(breakEvenText({ ...m, daysToBreakEven: 6.5 }, 'UTC')).toBe('not this month at this pace');
  });

  it('splits the month per machine when remotes are read', () => {
    const m = fixtureMetrics();
    const month = { ...m.month, byMachine: [{ machine: 'local', costUSD: 412 }, { machine: 'devbox', costUSD: 1180 }] };
    expect(lines(props({ month }))).toContain('local $412.00 · devbox $1,180');
  });
});
