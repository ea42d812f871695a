import { describe, expect, it } from 'vitest';
import {
  bundledPriceTable as table,
  loadPriceTable,
  mergePriceTables,
  outputPricePerMillion,
  priceUsage,
  PriceTableError,
  resolveModel,
  type PriceInput,
  type PriceTable,
} from './pricing.js';
import type { UsageTokens } from '../logs/events.js';

const T0 = Date.UTC(2026, 10, 1);

function tokens(t: Partial<UsageTokens>): UsageTokens {
  return { input: 0, output: 0, cacheCreation: 0, cacheCreation5m: 0, cacheCreation1h: 0, cacheRead: 0, webSearchRequests: 0, ...t };
}

function cost(model: string, t: Partial<UsageTokens>, extra: Partial<PriceInput> = {}, multiplier?: number): number {
  const input: PriceInput = { model, timestamp: T0, tokens: tokens(t), speed: 'standard', inferenceGeo: null, ...extra };
  const result = priceUsage(table, input, multiplier);
  expect(result.priced).toBe(true);
  return result.costUSD;
}

const S45 = 'claude-sonnet-4-5-20250929'; // $3 in, $15 out, $3.75 5m, $6 1h, $0.30 read; >200k: 6 / 22.5 / 7.5 / 12 / 0.6

describe('priceUsage: token kinds', () => {
  it('prices each kind', () => {
    expect(cost(S45, { input: 1000 })).toBeCloseTo(0.003, 12); // 1000 × $3 / 1e6
    expect(cost(S45, { output: 1000 })).toBeCloseTo(0.015, 12); // 1000 × $15
    expect(cost(S45, { cacheCreation: 1000 })).toBeCloseTo(0.00375, 12); // 1000 × $3.75 (no split: all 5m)
    expect(cost(S45, { cacheRead: 1000 })).toBeCloseTo(0.0003, 12); // 1000 × $0.30
    expect(cost(S45, { input: 1000, output: 500 })).toBeCloseTo(0.0105, 12); // $0.003 + 500 × $15 = $0.0105
  });

  it('splits cache writes into 5m and 1h, remainder at 5m', () => {
    // 1000 × $3.75 + 1500 × $6 + (3000 − 2500) × $3.75 = 3750 + 9000 + 1875 = $0.014625
    expect(cost(S45, { cacheCreation: 3000, cacheCreation5m: 1000, cacheCreation1h: 1500 })).toBeCloseTo(0.014625, 12);
    // 2000 × $6 = $0.012
    expect(cost(S45, { cacheCreation: 2000, cacheCreation1h: 2000 })).toBeCloseTo(0.012, 12);
  });
});

describe('priceUsage: long context', () => {
  it('prices every token at the higher rates just above 200,000 input-side tokens', () => {
    // 100,000 in + 100,001 read = 200,001 > 200k: 100000 × $6 + 100001 × $0.6 + 1000 out × $22.5
    // = 600000 + 60000.6 + 22500 = $0.6825006
    expect(cost(S45, { input: 100_000, cacheRead: 100_001, output: 1000 })).toBeCloseTo(0.6825006, 12);
  });

  it('keeps normal rates at exactly 200,000', () => {
    // 100000 × $3 + 100000 × $0.3 + 1000 × $15 = 300000 + 30000 + 15000 = $0.345
    expect(cost(S45, { input: 100_000, cacheRead: 100_000, output: 1000 })).toBeCloseTo(0.345, 12);
  });

  it('counts cache writes but not output toward the threshold', () => {
    // 1 + 200,000 written = 200,001: 1 × $6 + 200000 × $7.5 = $1.500006
    expect(cost(S45, { input: 1, cacheCreation: 200_000 })).toBeCloseTo(1.500006, 12);
    // 200,000 in (not over) + 10,000 out: 200000 × $3 + 10000 × $15 = $0.75
    expect(cost(S45, { input: 200_000, output: 10_000 })).toBeCloseTo(0.75, 12);
  });

  it('applies to Sonnet 4 too and not to Sonnet 4.6 now', () => {
    expect(cost('claude-sonnet-4-20250514', { input: 200_001 })).toBeCloseTo(1.200006, 12); // 200001 × $6
    expect(cost('claude-sonnet-4-6', { input: 200_001 })).toBeCloseTo(0.600003, 12); // 200001 × $3
  });

  it('uses the Haiku 5.5 long-prompt tier above 100,000', () => {
    // 100001 × $0.5 + 1000 × $2.5 = 50000.5 + 2500 = $0.0525005
    expect(cost('claude-haiku-5-5', { input: 100_001, output: 1000 })).toBeCloseTo(0.0525005, 12);
    // 100000 × $0.1 + 1000 × $0.5 = 10000 + 500 = $0.0105
    expect(cost('claude-haiku-5-5', { input: 100_000, output: 1000 })).toBeCloseTo(0.0105, 12);
  });
});

describe('priceUsage: dated prices', () => {
  const before = Date.UTC(2026, 2, 12, 23, 59);
  const after = Date.UTC(2026, 2, 13, 0, 0);
  const big = { input: 150_000, cacheRead: 60_000, output: 2000 }; // 210,000 input side

  it('Opus 4.6 had the 200k tier through 2026-03-12 UTC', () => {
    // 150000 × $10 + 60000 × $1 + 2000 × $37.5 = 1,500,000 + 60,000 + 75,000 = $1.635
    expect(cost('claude-opus-4-6', big, { timestamp: before })).toBeCloseTo(1.635, 12);
    expect(cost('claude-opus-4-6-20260205', big, { timestamp: before })).toBeCloseTo(1.635, 12);
    // 150000 × $5 + 60000 × $0.5 + 2000 × $25 = 750,000 + 30,000 + 50,000 = $0.83
    expect(cost('claude-opus-4-6', big, { timestamp: after })).toBeCloseTo(0.83, 12);
  });

  it('Sonnet 4.6 had the 200k tier through 2026-03-12 UTC', () => {
    // 150000 × $6 + 60000 × $0.6 + 2000 × $22.5 = 900,000 + 36,000 + 45,000 = $0.981
    expect(cost('claude-sonnet-4-6', big, { timestamp: before })).toBeCloseTo(0.981, 12);
    // 150000 × $3 + 60000 × $0.3 + 2000 × $15 = 450,000 + 18,000 + 30,000 = $0.498
    expect(cost('claude-sonnet-4-6', big, { timestamp: after })).toBeCloseTo(0.498, 12);
  });

  it('Sonnet 5.5 cache reads cost $0.20 through 2026-10-06, $0.10 after; other rates unchanged', () => {
    const t = { cacheRead: 1_000_000, input: 1000 };
    // 1M × $0.20 + 1000 × $2 = $0.202
    expect(cost('claude-sonnet-5-5', t, { timestamp: Date.UTC(2026, 9, 6, 23, 59, 59) })).toBeCloseTo(0.202, 12);
    // 1M × $0.10 + 1000 × $2 = $0.102
    expect(cost('claude-sonnet-5-5', t, { timestamp: Date.UTC(2026, 9, 7) })).toBeCloseTo(0.102, 12);
  });
});

describe('priceUsage: fast, US-only, web search, multiplier', () => {
  it('fast mode uses the fast rates', () => {
    // 1000 × $30 + 1000 × $150 = $0.18
    expect(cost('claude-opus-4-6', { input: 1000, output: 1000 }, { speed: 'fast' })).toBeCloseTo(0.18, 12);
    // Opus 5.5 fast: 1000 × $8 + 1000 × $40 + 1000 × $0.4 read = $0.0484
    expect(cost('claude-opus-5-5', { input: 1000, output: 1000, cacheRead: 1000 }, { speed: 'fast' })).toBeCloseTo(0.0484, 12);
  });

  it('fast mode on a model without fast rates uses the normal rates', () => {
    expect(cost(S45, { input: 1000, output: 1000 }, { speed: 'fast' })).toBeCloseTo(0.018, 12); // $3 + $15 per 1000
  });

  it('fast rates replace the dated long-context tier', () => {
    // 250000 × $30 = $7.5 (not the $10 tier, not ×2)
    expect(cost('claude-opus-4-6', { input: 250_000 }, { speed: 'fast', timestamp: Date.UTC(2026, 1, 20) })).toBeCloseTo(7.5, 12);
  });

  it('US-only inference costs ×1.1 on models that say so', () => {
    // (1000 × $5 + 1000 × $25) × 1.1 = $0.03 × 1.1 = $0.033
    expect(cost('claude-opus-4-6', { input: 1000, output: 1000 }, { inferenceGeo: 'us' })).toBeCloseTo(0.033, 12);
    // fast stacks: $0.18 × 1.1 = $0.198
    expect(cost('claude-opus-4-6', { input: 1000, output: 1000 }, { inferenceGeo: 'us', speed: 'fast' })).toBeCloseTo(0.198, 12);
    // other geos: no change
    expect(cost('claude-opus-4-6', { input: 1000, output: 1000 }, { inferenceGeo: 'global' })).toBeCloseTo(0.03, 12);
  });

  it('US-only is not applied to a model without the multiplier', () => {
    expect(cost(S45, { input: 1000, output: 1000 }, { inferenceGeo: 'us' })).toBeCloseTo(0.018, 12);
  });

  it('web search is $0.01 a request, not ×1.1', () => {
    expect(cost(S45, { webSearchRequests: 3 })).toBeCloseTo(0.03, 12); // 3 × $0.01
    // 1000 × $5 × 1.1 + 2 × $0.01 = 0.0055 + 0.02 = $0.0255
    expect(cost('claude-opus-4-6', { input: 1000, webSearchRequests: 2 }, { inferenceGeo: 'us' })).toBeCloseTo(0.0255, 12);
  });

  it('multiplies everything by the price multiplier', () => {
    // ($0.0105 tokens + $0.01 search) × 0.5 = $0.01025
    expect(cost(S45, { input: 1000, output: 500, webSearchRequests: 1 }, {}, 0.5)).toBeCloseTo(0.01025, 12);
  });

  it('<synthetic> costs 0 and counts as priced', () => {
    expect(priceUsage(table, { model: '<synthetic>', timestamp: T0, tokens: tokens({ input: 5 }), speed: 'standard', inferenceGeo: null })).toEqual({
      costUSD: 0,
      priced: true,
    });
  });

  it('an unknown model costs 0 and is unpriced', () => {
    for (const model of ['claude-opus-9', 'gpt-4']) {
      const r = priceUsage(table, { model, timestamp: T0, tokens: tokens({ input: 1000 }), speed: 'standard', inferenceGeo: null });
      expect(r).toEqual({ costUSD: 0, priced: false });
    }
  });
});

describe('resolveModel', () => {
  it.each([
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5-20250929'],
    ['claude-sonnet-4-5', 'claude-sonnet-4-5'],
    ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet-latest'],
    ['claude-opus-4-5-latest', 'claude-opus-4-5'],
    ['CLAUDE-Opus-4-6', 'claude-opus-4-6'],
    ['anthropic/claude-opus-4-6', 'claude-opus-4-6'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['anthropic.claude-3-5-haiku-20241022-v1:0', 'claude-3-5-haiku-20241022'],
    ['global.anthropic.claude-opus-4-6-v1', 'claude-opus-4-6'],
    ['claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5-20250929'],
    ['claude-3-5-sonnet-v2@20241022', 'claude-3-5-sonnet-20241022'],
    ['claude-opus-4-6-foo', 'claude-opus-4-6'],
    ['claude-sonnet-4-6-20260217', 'claude-sonnet-4-6'],
    ['claude-opus-4-5-20251101-extra', 'claude-opus-4-5-20251101'],
    ['claude-sonnet-4', 'claude-sonnet-4-0'],
    ['claude-opus-4', 'claude-opus-4-0'],
    ['claude-sonnet-4@20250514', 'claude-sonnet-4-20250514'],
    ['claude-opus-5-0', 'claude-opus-5'],
  ])('%s → %s', (raw, id) => {
    expect(resolveModel(table, raw)).toBe(id);
  });

  it.each([
    'claude-opus-9',
    'gpt-4',
    'claude-opus-5-9', // a newer version, not a variant of claude-opus-5
    'claude-opus-4-10', // not claude-opus-4-1
    'claude-haiku-4',
    'claude-sonnet-6',
    'claude-fable-5-3',
    'claude',
    '',
    '<synthetic>',
  ])('%s → null', (raw) => {
    expect(resolveModel(table, raw)).toBeNull();
  });

  it('answers the same from its cache', () => {
    expect(resolveModel(table, 'claude-opus-4-6-foo')).toBe('claude-opus-4-6');
    expect(resolveModel(table, 'claude-opus-4-6-foo')).toBe('claude-opus-4-6');
    expect(resolveModel(table, 'claude-opus-9')).toBeNull();
    expect(resolveModel(table, 'claude-opus-9')).toBeNull();
  });
});

describe('outputPricePerMillion', () => {
  it('gives the standard output rate, null when unknown', () => {
    expect(outputPricePerMillion(table, S45, T0)).toBe(15);
    expect(outputPricePerMillion(table, 'claude-opus-4-6', Date.UTC(2026, 1, 20))).toBe(25);
    expect(outputPricePerMillion(table, 'claude-opus-9', T0)).toBeNull();
  });
});

const rates = { input: 1, output: 2, cacheWrite5m: 3, cacheWrite1h: 4, cacheRead: 5 };

describe('loadPriceTable', () => {
  it('passes the bundled table, which a start takes as it is, unchanged', () => {
    expect(loadPriceTable(table, 'bundled prices.json')).toEqual(table);
  });

  function message(json: unknown): string {
    try {
      loadPriceTable(json, '/home/me/.config/cctop/prices.json');
    } catch (e) {
      expect(e).toBeInstanceOf(PriceTableError);
      return (e as Error).message;
    }
    throw new Error('expected a PriceTableError');
  }

  it('names the file and the field', () => {
    const m = message({ models: { 'claude-x': { ...rates, input: '3' } } });
    expect(m).toContain('/home/me/.config/cctop/prices.json');
    expect(m).toContain('models["claude-x"].input');
  });

  it('reports missing rates, bad dates, negative numbers, unknown keys and a non-object', () => {
    const { cacheRead: _, ...noRead } = rates;
    expect(message({ models: { 'claude-x': noRead } })).toContain('models["claude-x"].cacheRead');
    expect(message({ models: { 'claude-x': { ...rates, history: [{ until: '2026-3-1' }] } } })).toContain(
      'models["claude-x"].history[0].until',
    );
    expect(message({ models: { 'claude-x': { ...rates, fast: { ...rates, output: -1 } } } })).toContain('models["claude-x"].fast.output');
    expect(message({ models: { 'claude-x': { ...rates, cachewrite5m: 1 } } })).toContain('cachewrite5m');
    expect(message([])).toContain('(root)');
  });

  it('accepts a minimal table', () => {
    expect(loadPriceTable({ models: { 'claude-x': rates } }, 'x.json').models['claude-x']).toEqual(rates);
  });
});

describe('mergePriceTables', () => {
  const override: PriceTable = loadPriceTable(
    { models: { 'claude-sonnet-4-5': rates, 'claude-new-1': { ...rates, input: 7 } } },
    'override.json',
  );
  const merged = mergePriceTables(table, override);

  it('replaces named models whole, adds new ones, keeps the rest', () => {
    expect(merged.models['claude-sonnet-4-5']).toEqual(rates); // long-context tier gone too
    expect(merged.models['claude-sonnet-4-5-20250929']).toEqual(table.models['claude-sonnet-4-5-20250929']);
    expect(resolveModel(merged, 'claude-new-1-20270101')).toBe('claude-new-1');
    expect(Object.keys(merged.models)).toHaveLength(40); // 39 + claude-new-1
    expect(table.models['claude-new-1']).toBeUndefined(); // base untouched
  });

  it('keeps the base web-search price unless the override sets one', () => {
    expect(merged.webSearchUSDPerRequest).toBe(0.01);
    const o2 = loadPriceTable({ webSearchUSDPerRequest: 0.02, models: {} }, 'o.json');
    expect(mergePriceTables(table, o2).webSearchUSDPerRequest).toBe(0.02);
  });

  it('prices with the merged table', () => {
    // 1000 × $1 + 1000 × $2 = $0.003
    const r = priceUsage(merged, { model: 'claude-sonnet-4-5', timestamp: T0, tokens: tokens({ input: 1000, output: 1000 }), speed: 'standard', inferenceGeo: null });
    expect(r.costUSD).toBeCloseTo(0.003, 12);
  });
});

describe('bundled table', () => {
  const ids = [
    'claude-opus-4-20250514', 'claude-opus-4-0', 'claude-opus-4-1-20250805', 'claude-opus-4-1',
    'claude-opus-4-5-20251101', 'claude-opus-4-5', 'claude-opus-4-6', 'claude-opus-4-6-20260205',
    'claude-opus-4-7', 'claude-opus-4-7-20260416', 'claude-opus-4-8', 'claude-opus-5', 'claude-opus-5-5',
    'claude-sonnet-4-20250514', 'claude-sonnet-4-0', 'claude-sonnet-4-5-20250929', 'claude-sonnet-4-5',
    'claude-sonnet-4-6', 'claude-sonnet-5', 'claude-sonnet-5-5', 'claude-3-7-sonnet-20250219',
    'claude-3-7-sonnet-latest', 'claude-3-5-sonnet-20241022', 'claude-3-5-sonnet-20240620',
    'claude-3-5-sonnet-latest', 'claude-haiku-4-5-20251001', 'claude-haiku-4-5', 'claude-haiku-5-5',
    'claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest', 'claude-3-haiku-20240307',
    'claude-3-opus-20240229', 'claude-3-opus-latest', 'claude-fable-5', 'claude-mythos-5',
    'claude-fable-5-1', 'claude-mythos-5-1', 'claude-fable-5-2', 'claude-mythos-5-2',
  ];

  it('has all 39 ids', () => {
    expect(ids).toHaveLength(39);
    expect(Object.keys(table.models).sort()).toEqual([...ids].sort());
  });

  it('resolves every id to itself', () => {
    for (const id of ids) expect(resolveModel(table, id)).toBe(id);
  });

  it('gives ×1.1 US-only to Opus 4.6 and every model released after it', () => {
    const us = ids.filter((id) => table.models[id]?.usOnlyMultiplier === 1.1);
    expect(us.sort()).toEqual(
      [
        'claude-opus-4-6', 'claude-opus-4-6-20260205', 'claude-opus-4-7', 'claude-opus-4-7-20260416',
        'claude-opus-4-8', 'claude-opus-5', 'claude-opus-5-5', 'claude-sonnet-4-6', 'claude-sonnet-5',
        'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-fable-5', 'claude-mythos-5', 'claude-fable-5-1',
        'claude-mythos-5-1', 'claude-fable-5-2', 'claude-mythos-5-2',
      ].sort(),
    );
    expect(ids.filter((id) => table.models[id]?.usOnlyMultiplier !== undefined)).toHaveLength(17);
  });
});
