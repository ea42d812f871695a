import { describe, expect, it } from 'vitest';
import { buildBlocks } from './blocks.js';
import { minuteBucket } from '../../test/support/test-events.js';
import { usageByMinute } from './window-minutes.js';
import { activeBlockMetrics } from './active-block.js';
import { fiveHourReadout, sevenDayReadout } from './readouts.js';
import type { BurnRate } from './metrics-types.js';

const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 10, 24, hh, mm, ss);

// Block 10:00–15:00: $2 (100 tok) at 10:00, $1 (50 tok) at 10:02, $0.5 (20 tok) at 10:07.
const [block] = buildBlocks([minuteBucket(at(10, 0, 20), 100, 2), minuteBucket(at(10, 2, 40), 50, 1), minuteBucket(at(10, 7), 20, 0.5)]);

describe('usageByMinute', () => {
  it('one value a minute from the start through now’s; usage ahead of the clock counts in now’s minute', () => {
    expect(usageByMinute(block!, at(10, 5, 30), 'cost')).toEqual([2, 0, 1, 0, 0, 0.5]);
    expect(usageByMinute(block!, at(10, 5, 30), 'tokens')).toEqual([100, 0, 50, 0, 0, 20]);
  });

  it('ends with the window (300 minutes), and is empty before it starts', () => {
    const minutes = usageByMinute(block!, at(16, 0), 'cost');
    expect(minutes).toHaveLength(300);
    expect(minutes.slice(0, 8)).toEqual([2, 0, 1, 0, 0, 0, 0, 0.5]);
    expect(usageByMinute(block!, at(9, 59), 'cost')).toEqual([]);
  });
});

describe('the 5-hour readout', () => {
  const rate: BurnRate = { windowMinutes: 10, tokensPerMinute: 0, costPerHour: 0, previousTokensPerMinute: 0, previousCostPerHour: 0, trendRatio: null, sparkline: [] };

  it('carries the window’s usage minute by minute in the limit’s basis; the 7 days carry none', () => {
    const now = at(10, 3);
    const active = activeBlockMetrics(block!, now, now, rate, { basis: 'tokens', value: 1000, source: 'preset', label: 'estimate' });
    expect(fiveHourReadout(active, block!, null, [], now).perMinute).toEqual([100, 0, 50, 20]);
    expect(fiveHourReadout(null, null, null, [], now).perMinute).toEqual([]);
    const week = { start: 0, end: now, all: { tokens: block!.tokens, costUSD: 3.5 }, opus: { tokens: block!.tokens, costUSD: 0 }, sonnet: { tokens: block!.tokens, costUSD: 3.5 },
      limit: { basis: 'cost' as const, value: null, source: 'none' as const, label: '' }, usage: { basis: 'cost' as const, used: 3.5, limit: null, fraction: null } };
    expect(sevenDayReadout(week, null).perMinute).toEqual([]);
  });
});
