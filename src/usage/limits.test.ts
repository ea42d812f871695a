import { describe, expect, it } from 'vitest';
import type { Block } from './blocks.js';
import { limitUsage, medianAtHits, MIN_BLOCKS_FOR_P90, presetLimit, timeToLimit, windowLimit } from './limits.js';
import type { LimitHitSummary } from './window-types.js';
import { tokensTotal } from '../../test/support/test-events.js';

function block(costUSD: number, io = 0): Block {
  return { start: 0, end: 0, firstEventAt: 0, lastEventAt: 0, tokens: tokensTotal({ input: io }), costUSD, minutes: [] };
}

function hit(usedAtHit: number, kind: LimitHitSummary['kind'] = 'five_hour'): LimitHitSummary {
  return { at: 0, kind, resetsAt: null, usedAtHit, text: '' };
}

const fiveBlocks = [10, 50, 20, 40, 30].map((c) => block(c));

describe('windowLimit', () => {
  it('presets in io and cost, labelled "estimate"', () => {
    expect(presetLimit('pro', 'io')).toEqual({ basis: 'io', value: 19_000, source: 'preset', label: 'estimate' });
    expect(presetLimit('max', 'io').value).toBe(88_000);
    expect(presetLimit('ultra', 'io').value).toBe(220_000);
    expect(presetLimit('pro', 'cost').value).toBe(18);
    expect(presetLimit('max', 'cost').value).toBe(35);
    expect(presetLimit('ultra', 'cost').value).toBe(140);
  });

  it('no preset for api, custom, or the tokens basis', () => {
    expect(presetLimit('api', 'cost')).toMatchObject({ value: null, source: 'none' });
    expect(presetLimit('custom', 'io')).toMatchObject({ value: null, source: 'none' });
    expect(presetLimit('max', 'tokens')).toMatchObject({ value: null, source: 'none' });
  });

  it('auto with fewer than 5 completed blocks falls back to the preset', () => {
    expect(MIN_BLOCKS_FOR_P90).toBe(5);
    const limit = windowLimit({ plan: 'max', basis: 'cost', setting: 'auto', completed: fiveBlocks.slice(0, 4), hits: [] });
    expect(limit).toEqual({ basis: 'cost', value: 35, source: 'preset', label: 'estimate' });
  });

  it('auto with 5 completed blocks: P90 (nearest rank) of their usage', () => {
    // costs 10..50 sorted; rank ceil(0.9 × 5) = 5 → 50
    expect(windowLimit({ plan: 'max', basis: 'cost', setting: 'auto', completed: fiveBlocks, hits: [] }))
      .toEqual({ basis: 'cost', value: 50, source: 'p90', label: 'P90 of 5 windows' });
    // io 1k..10k: rank 9 → 9,000
    const ten = Array.from({ length: 10 }, (_, i) => block(0, (i + 1) * 1_000));
    expect(windowLimit({ plan: 'pro', basis: 'io', setting: 'auto', completed: ten, hits: [] }))
      .toMatchObject({ value: 9_000, label: 'P90 of 10 windows' });
  });

  it('null setting uses the preset even with history', () => {
    expect(windowLimit({ plan: 'ultra', basis: 'cost', setting: null, completed: fiveBlocks, hits: [] }).value).toBe(140);
  });

  it('real limit hits (median of usage at hits) beat P90 and presets; weekly hits and zero usage ignored', () => {
    const hits = [hit(30), hit(40), hit(0), hit(999, 'weekly')];
    // median of 30 and 40 = 35
    expect(windowLimit({ plan: 'pro', basis: 'cost', setting: 'auto', completed: fiveBlocks, hits }))
      .toEqual({ basis: 'cost', value: 35, source: 'hits', label: 'median of 2 limit hits' });
    expect(windowLimit({ plan: 'pro', basis: 'cost', setting: null, completed: [], hits: [hit(12, 'unknown')] }))
      .toMatchObject({ value: 12, source: 'hits', label: 'usage at 1 limit hit' });
  });

  it('a user number wins over everything', () => {
    expect(windowLimit({ plan: 'pro', basis: 'io', setting: 123_456, completed: fiveBlocks, hits: [hit(30)] }))
      .toEqual({ basis: 'io', value: 123_456, source: 'user', label: 'set' });
  });

  it('medianAtHits: null without usable hits', () => {
    expect(medianAtHits([])).toBeNull();
    expect(medianAtHits([hit(0)])).toBeNull();
  });
});

describe('limitUsage / timeToLimit', () => {
  it('fraction is used ÷ limit, null without a limit', () => {
    expect(limitUsage('cost', 7, 35)).toEqual({ basis: 'cost', used: 7, limit: 35, fraction: 0.2 });
    expect(limitUsage('cost', 7, null).fraction).toBeNull();
    expect(limitUsage('cost', 7, 0).fraction).toBeNull();
  });

  it('time to reach the limit at a constant rate, null when not before the deadline', () => {
    // (40 − 10) / 0.001 per ms = 30,000 ms
    expect(timeToLimit(10, 40, 0.001, 1_000, 60_000)).toBe(31_000);
    expect(timeToLimit(10, 40, 0.001, 1_000, 31_000)).toBeNull(); // reached exactly at reset: not before
    expect(timeToLimit(10, 40, 0, 1_000, 60_000)).toBeNull();
    expect(timeToLimit(10, null, 0.001, 1_000, 60_000)).toBeNull();
    expect(timeToLimit(40, 40, 0, 1_000, 60_000)).toBe(1_000); // already there: now
  });
});
