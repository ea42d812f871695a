import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPriceTable, priceUsage } from '../usage/pricing.js';
import { readPriceTable } from './price-file.js';

const dir = mkdtempSync(join(tmpdir(), 'cctop-prices-'));
function priceFile(json: unknown): string {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
  return file;
}
// 1,000 in, 1M out, 10,000 cache reads: the input side stays under the 200k long-context threshold.
const TOKENS = { input: 1000, output: 1e6, cacheCreation: 0, cacheCreation5m: 0, cacheCreation1h: 0, cacheRead: 10_000, webSearchRequests: 0 };
const cost = (table: ReturnType<typeof readPriceTable>, model: string, tokens = TOKENS) =>
  priceUsage(table, { model, timestamp: Date.UTC(2026, 10, 1), tokens, speed: 'standard', inferenceGeo: null }).costUSD;

describe('--pricing FILE', () => {
  it('merges a partial entry field by field over the bundled one', () => {
    const table = readPriceTable(priceFile({ models: { 'claude-sonnet-4-5': { output: 12 } } }));
    expect(table.models['claude-sonnet-4-5']).toEqual({
      input: 3, output: 12, cacheWrite5m: 3.75, cacheWrite1h: 6, cacheRead: 0.3,
      longContext: { thresholdTokens: 200000, rates: { input: 6, output: 22.5, cacheWrite5m: 7.5, cacheWrite1h: 12, cacheRead: 0.6 } },
    });
    // 1000 × $3 + 1M × $12 + 10,000 × $0.30 per million (bundled: $15 output)
    expect(cost(table, 'claude-sonnet-4-5')).toBe(12.006);
    expect(cost(bundledPriceTable, 'claude-sonnet-4-5')).toBe(15.006);
    expect(table.models['claude-sonnet-4-5-20250929']).toEqual(bundledPriceTable.models['claude-sonnet-4-5-20250929']);
  });

  it('merges nested objects too, and adds whole new models', () => {
    const table = readPriceTable(priceFile({
      webSearchUSDPerRequest: 0.02,
      models: {
        'claude-sonnet-4-5': { longContext: { rates: { input: 9 } } },
        'claude-new-1': { input: 2, output: 4, cacheWrite5m: 2.5, cacheWrite1h: 4, cacheRead: 0.2 },
      },
    }));
    expect(table.models['claude-sonnet-4-5']!.longContext).toEqual({
      thresholdTokens: 200000, rates: { input: 9, output: 22.5, cacheWrite5m: 7.5, cacheWrite1h: 12, cacheRead: 0.6 },
    });
    expect(table.webSearchUSDPerRequest).toBe(0.02);
    // 1000 × $2 + 1M × $4 + 10,000 × $0.20 per million
    expect(cost(table, 'claude-new-1')).toBe(4.004);
  });

  it('still needs every rate of a model the bundle does not know, and names the file', () => {
    const file = priceFile({ models: { 'claude-new-1': { output: 4 } } });
    expect(() => readPriceTable(file)).toThrow(
      `invalid price table ${file}: models["claude-new-1"].input: Invalid input: expected number, received undefined; ` +
        'models["claude-new-1"].cacheWrite5m: Invalid input: expected number, received undefined; ' +
        'models["claude-new-1"].cacheWrite1h: Invalid input: expected number, received undefined (and 1 more)',
    );
  });

  it('refuses a bad merged value and keys the bundle never had', () => {
    const file = priceFile('{ "models": { "claude-haiku-4-5": { "output": -1, "__proto__": { "input": 0 } } } }');
    expect(() => readPriceTable(file)).toThrow(
      `invalid price table ${file}: models["claude-haiku-4-5"].output: Too small: expected number to be >=0; ` +
        'models["claude-haiku-4-5"]: Unrecognized key: "__proto__"',
    );
    expect(({} as Record<string, unknown>).input).toBeUndefined();
  });
});
