/**
 * Regenerates src/usage/prices.json (cctop's bundled price table) from the reference facts in
 * ../shared/pricing/. Run: npx tsx scripts/build-prices.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPriceTable, type LongContext, type ModelPrice, type Rates } from '../src/usage/price-schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const factsDir = resolve(root, '../shared/pricing');
const outFile = resolve(root, 'src/usage/prices.json');

/**
 * The rules say US-only inference costs ×1.1 "for Opus 4.6 and newer"; the facts do not mark
 * ids one by one. Every id not listed here (released before Opus 4.6) gets the multiplier,
 * so a model added to the facts later is priced as new.
 */
const BEFORE_OPUS_4_6 = new Set([
  'claude-opus-4-20250514', 'claude-opus-4-0', 'claude-opus-4-1-20250805', 'claude-opus-4-1',
  'claude-opus-4-5-20251101', 'claude-opus-4-5', 'claude-sonnet-4-20250514', 'claude-sonnet-4-0',
  'claude-sonnet-4-5-20250929', 'claude-sonnet-4-5', 'claude-3-7-sonnet-20250219',
  'claude-3-7-sonnet-latest', 'claude-3-5-sonnet-20241022', 'claude-3-5-sonnet-20240620',
  'claude-3-5-sonnet-latest', 'claude-haiku-4-5-20251001', 'claude-haiku-4-5',
  'claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest', 'claude-3-haiku-20240307',
  'claude-3-opus-20240229', 'claude-3-opus-latest',
]);
const US_ONLY_MULTIPLIER = 1.1;
const KINDS = ['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'] as const;

type Fact = Record<string, unknown>;

function num(fact: Fact, key: string, id: string): number {
  const v = fact[key];
  if (typeof v !== 'number') throw new Error(`${id}: ${key} is not a number`);
  return v;
}

function rates(fact: Fact, id: string, suffix = ''): Rates {
  const [input, output, cacheWrite5m, cacheWrite1h, cacheRead] = KINDS.map((k) => num(fact, k + suffix, id));
  return { input: input!, output: output!, cacheWrite5m: cacheWrite5m!, cacheWrite1h: cacheWrite1h!, cacheRead: cacheRead! };
}

function above200k(fact: Fact, id: string): LongContext | undefined {
  if (!('inputAbove200k' in fact)) return undefined;
  return { thresholdTokens: 200_000, rates: rates(fact, id, 'Above200k') };
}

function convert(id: string, fact: Fact): ModelPrice {
  const model: ModelPrice = { ...rates(fact, id) };
  const lp = fact.longPrompt as Fact | undefined;
  model.longContext = lp ? { thresholdTokens: num(lp, 'thresholdPromptTokens', id), rates: rates(lp, id) } : above200k(fact, id);
  if (fact.fast) model.fast = rates(fact.fast as Fact, id);
  if (!BEFORE_OPUS_4_6.has(id)) model.usOnlyMultiplier = US_ONLY_MULTIPLIER;
  const history = fact.priceHistory as Fact[] | undefined;
  if (history) model.history = history.map((h) => historyEntry(h, id));
  if (!model.longContext) delete model.longContext;
  return model;
}

function historyEntry(h: Fact, id: string): NonNullable<ModelPrice['history']>[number] {
  const entry: NonNullable<ModelPrice['history']>[number] = { until: String(h.until) };
  const partial: Partial<Rates> = {};
  for (const k of KINDS) if (typeof h[k] === 'number') partial[k] = h[k];
  if (Object.keys(partial).length > 0) entry.rates = partial;
  const lc = above200k(h, id);
  if (lc) entry.longContext = lc;
  return entry;
}

const facts = JSON.parse(readFileSync(resolve(factsDir, 'claude-pricing.json'), 'utf8')) as Record<string, Fact>;
const rules = JSON.parse(readFileSync(resolve(factsDir, 'claude-pricing-rules.json'), 'utf8')) as Fact;
for (const id of BEFORE_OPUS_4_6) if (!(id in facts)) throw new Error(`BEFORE_OPUS_4_6 names ${id}, not in the facts`);

const table = {
  source: 'built by scripts/build-prices.ts from ../shared/pricing/claude-pricing.json (facts as of 2026-11-20)',
  webSearchUSDPerRequest: (rules.webSearch as Fact).usdPerRequest,
  models: Object.fromEntries(Object.entries(facts).map(([id, fact]) => [id, convert(id, fact)])),
};
loadPriceTable(table, 'generated table');
writeFileSync(outFile, JSON.stringify(table, null, 2) + '\n');
console.log(`wrote ${Object.keys(table.models).length} models to ${outFile}`);
