import { describe, expect, it } from 'vitest';
import { buildBlocks } from './blocks.js';
import type { BurnRate } from './metrics-types.js';
import type { LimitEstimate } from './window-types.js';
import type { MinuteBucket } from './store.js';
import { minuteBucket } from '../../test/support/test-events.js';
import type { LimitHit } from '../logs/events.js';
import { activeBlockMetrics, limitHitSummaries } from './active-block.js';

const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 10, 24, hh, mm, ss);

function bucket(time: number, t: { input: number; output: number; cacheRead: number }, costUSD: number): MinuteBucket {
  const b = minuteBucket(time, 0, costUSD);
  b.tokens = { ...t, cacheCreation: 0, total: t.input + t.output + t.cacheRead };
  return b;
}

// Block 10:00–15:00: A at 10:30 (io 60k, 160k tokens, $2), B at 11:58 (io 10k, 50k tokens, $1).
const [block] = buildBlocks([
  bucket(at(10, 30), { input: 50_000, output: 10_000, cacheRead: 100_000 }, 2),
  bucket(at(11, 58), { input: 5_000, output: 5_000, cacheRead: 40_000 }, 1),
]);
const NOW = at(12, 0, 30);
const rate: BurnRate = {
  windowMinutes: 10, tokensPerMinute: 5_000, costPerHour: 6, previousTokensPerMinute: 0, previousCostPerHour: 0,
  trendRatio: null, sparkline: [],
};
const limit = (basis: LimitEstimate['basis'], value: number | null): LimitEstimate => ({ basis, value, source: 'preset', label: 'estimate' });

describe('activeBlockMetrics', () => {
  it('projection at block end at the current rate', () => {
    const m = activeBlockMetrics(block!, NOW, NOW, rate, limit('cost', 35));
    // 15:00 − 12:00:30 = 10,770,000 ms = 179.5 min
    expect(m.msToReset).toBe(10_770_000);
    // 210,000 + 5,000 × 179.5 = 1,107,500
    expect(m.projectedTokens).toBe(1_107_500);
    // $3 + $6/h ÷ 60 × 179.5 = 3 + 17.95
    expect(m.projectedCostUSD).toBeCloseTo(20.95, 12);
    expect(m.usage).toEqual({ basis: 'cost', used: 3, limit: 35, fraction: 3 / 35 });
    expect(m.projectedUsed).toBeCloseTo(20.95, 12);
    // (35 − 3) ÷ ($6 / 3.6e6 ms) = 19,200,000 ms: after the reset → null
    expect(m.limitReachedAt).toBeNull();
    expect(m).not.toHaveProperty('minutes');
  });

  it('limit reached before the reset (cost basis, pro preset $18)', () => {
    // (18 − 3) ÷ ($6 / 3.6e6 ms) = 9,000,000 ms = 2 h 30 min → 14:30:30
    expect(activeBlockMetrics(block!, NOW, NOW, rate, limit('cost', 18)).limitReachedAt).toBeCloseTo(at(14, 30, 30), 3);
  });

  it('io basis uses input + output of the block minutes in the burn window', () => {
    const m = activeBlockMetrics(block!, NOW, NOW, rate, limit('io', 88_000));
    // used: 60,000 + 10,000 = 70,000. Window 11:51–12:00 holds only B: 10,000 io / 600,000 ms = 1/60 per ms.
    expect(m.usage.used).toBe(70_000);
    // 70,000 + 10,770,000 / 60 = 70,000 + 179,500
    expect(m.projectedUsed).toBeCloseTo(249_500, 6);
    // (88,000 − 70,000) × 60 ms = 1,080,000 ms = 18 min → 12:18:30
    expect(m.limitReachedAt).toBeCloseTo(at(12, 18, 30), 3);
  });

  it('tokens basis: no limit, no time', () => {
    const m = activeBlockMetrics(block!, NOW, NOW, rate, limit('tokens', null));
    expect(m.usage).toEqual({ basis: 'tokens', used: 210_000, limit: null, fraction: null });
    expect(m.projectedUsed).toBeCloseTo(1_107_500, 6);
    expect(m.limitReachedAt).toBeNull();
  });
});

describe('limitHitSummaries', () => {
  const blocks = buildBlocks([minuteBucket(at(10, 30), 100, 2), minuteBucket(at(11, 58), 50, 1)]);
  const hitAt = (timestamp: number, kind: LimitHit['kind'] = 'five_hour'): LimitHit =>
    ({ timestamp, kind, resetsAt: at(15, 0), text: 'limit reached', sessionId: 's', file: 'f' });

  it('usage of the hit’s block up to the hit', () => {
    const [s] = limitHitSummaries([hitAt(at(11, 0))], blocks, 'cost', () => -1);
    expect(s).toEqual({ at: at(11, 0), kind: 'five_hour', resetsAt: at(15, 0), usedAtHit: 2, text: 'limit reached' });
  });

  it('a hit after the block ended counts the whole latest block; before any block, 0', () => {
    expect(limitHitSummaries([hitAt(at(16, 0))], blocks, 'tokens', () => -1)[0]!.usedAtHit).toBe(150);
    expect(limitHitSummaries([hitAt(at(9, 0))], blocks, 'tokens', () => -1)[0]!.usedAtHit).toBe(0);
  });

  it('weekly hits take the weekly usage at the hit', () => {
    expect(limitHitSummaries([hitAt(at(11, 0), 'weekly')], blocks, 'cost', (t) => t / 1e12)[0]!.usedAtHit).toBe(at(11, 0) / 1e12);
  });
});
