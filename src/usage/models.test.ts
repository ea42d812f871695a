import { describe, expect, it } from 'vitest';
import { familyRows, modelRows } from './models.js';
import type { ModelTotals } from './store.js';
import { HAIKU, OPUS, SONNET, tokensTotal } from '../../test/support/test-events.js';

const totals = (tokens: number, costUSD: number, priced = true): ModelTotals => ({ tokens: tokensTotal({ input: tokens }), costUSD, priced });

const models = new Map([
  [SONNET, totals(300, 3)],
  ['claude-sonnet-4-6', totals(100, 1)],
  [OPUS, totals(200, 4)],
  [HAIKU, totals(0, 0)],
  ['claude-mystery', totals(400, 0, false)],
]);

describe('familyRows', () => {
  it('one row per family present, by cost, with token and cost shares', () => {
    const rows = familyRows(models);
    // tokens: Sonnet 400, Opus 200, Other 400 → 1000; cost: Sonnet 4, Opus 4, Other 0 → 8
    expect(rows.map((r) => [r.name, r.tokens.total, r.costUSD, r.tokenShare, r.costShare, r.priced])).toEqual([
      ['Sonnet', 400, 4, 0.4, 0.5, true], // ties on cost: more tokens first
      ['Opus', 200, 4, 0.2, 0.5, true],
      ['Other', 400, 0, 0.4, 0, false],
    ]);
  });

  it('empty scope: no rows', () => {
    expect(familyRows(new Map())).toEqual([]);
  });
});

describe('modelRows', () => {
  it('one row per model id with its family', () => {
    const rows = modelRows(models);
    expect(rows.map((r) => [r.name, r.family, r.costShare])).toEqual([
      [OPUS, 'Opus', 0.5], [SONNET, 'Sonnet', 0.375], ['claude-sonnet-4-6', 'Sonnet', 0.125],
      ['claude-mystery', 'Other', 0], [HAIKU, 'Haiku', 0],
    ]);
  });
});
