import bundled from './prices.json' with { type: 'json' };
import { loadPriceTable, type LongContext, type ModelPrice, type PriceTable, type Rates } from './price-schema.js';
import type { UsageTokens } from '../logs/events.js';

export { loadPriceTable, priceTableSchema, PriceTableError } from './price-schema.js';
export type { PriceTable } from './price-schema.js';

/**
 * The bundled table, as generated: scripts/build-prices.ts validates it as it writes it, and
 * pricing.test.ts against the schema, so a start does not parse it again (~10 ms of zod, the
 * first parse of the process, before the first frame).
 */
export const bundledPriceTable: PriceTable = bundled;

const DEFAULT_WEB_SEARCH_USD = 0.01;
const SYNTHETIC = '<synthetic>';

/** The user's table over the bundled one: a model the override names replaces the base entry whole. */
export function mergePriceTables(base: PriceTable, override: PriceTable): PriceTable {
  return {
    source: override.source ?? base.source,
    webSearchUSDPerRequest: override.webSearchUSDPerRequest ?? base.webSearchUSDPerRequest,
    models: { ...base.models, ...override.models },
  };
}

// ---- model ids -------------------------------------------------------------------------

interface Resolver {
  /** Normalised (lower-case) id → table key. */
  ids: Map<string, string>;
  /** Normalised ids, longest first, for prefix matching. */
  byLength: string[];
  cache: Map<string, string | null>;
}

const resolvers = new WeakMap<PriceTable, Resolver>();

function resolverFor(table: PriceTable): Resolver {
  let r = resolvers.get(table);
  if (!r) {
    const ids = new Map(Object.keys(table.models).map((k) => [k.toLowerCase(), k]));
    r = { ids, byLength: [...ids.keys()].sort((a, b) => b.length - a.length), cache: new Map() };
    resolvers.set(table, r);
  }
  return r;
}

/** Strips provider wrappers: `anthropic/…`, Bedrock `us.anthropic.…-v1:0`, Vertex `…@20250929`. */
export function normaliseModelId(rawId: string): string {
  let id = rawId.trim().toLowerCase();
  id = id.slice(id.lastIndexOf('/') + 1);
  id = id.replace(/^(?:[a-z]{2,7}\.)?anthropic\./, '');
  id = id.replace(/-v\d+(?::\d+)?$/, '');
  id = id.replace(/(?:-v\d+)?@(\d{8})$/, '-$1');
  return id;
}

/** The table key a logged model id prices as, or null when the table does not know it. */
export function resolveModel(table: PriceTable, rawId: string): string | null {
  const r = resolverFor(table);
  let hit = r.cache.get(rawId);
  if (hit === undefined) {
    hit = lookup(r, normaliseModelId(rawId));
    r.cache.set(rawId, hit);
  }
  return hit;
}

function lookup(r: Resolver, id: string): string | null {
  // `claude-sonnet-4` and `claude-sonnet-4-0` name the same model; the table may list either.
  const exact = r.ids.get(id) ?? r.ids.get(`${id}-0`) ?? r.ids.get(id.replace(/-0$/, ''));
  if (exact) return exact;
  for (const known of r.byLength) {
    if (id.startsWith(`${known}-`) && !isVersionSegment(id.slice(known.length + 1))) return r.ids.get(known)!;
  }
  return null;
}

/**
 * A suffix starting with a short number is a newer version (`claude-opus-5` + `-9`), not a variant
 * of the known model; a date (`-20260101`) or a word (`-latest`, `-foo`) is a variant.
 */
function isVersionSegment(rest: string): boolean {
  return /^\d{1,2}(?:-|$)/.test(rest);
}

// ---- prices ----------------------------------------------------------------------------

export interface PriceInput {
  model: string;
  /** Epoch ms; picks the dated prices in force. */
  timestamp: number;
  tokens: UsageTokens;
  speed: 'fast' | 'standard';
  inferenceGeo: string | null;
}

/** The model's standard rates and long-context tier in force at `timestamp`. */
function pricesAt(model: ModelPrice, timestamp: number): { rates: Rates; longContext: LongContext | undefined } {
  const base = { rates: pick(model), longContext: model.longContext };
  if (!model.history || !Number.isFinite(timestamp)) return base;
  const day = new Date(timestamp).toISOString().slice(0, 10);
  // The earliest entry still running on `day`: entries are periods ending on `until`.
  let entry: NonNullable<ModelPrice['history']>[number] | undefined;
  for (const h of model.history) if (day <= h.until && (!entry || h.until < entry.until)) entry = h;
  if (!entry) return base;
  return { rates: { ...base.rates, ...entry.rates }, longContext: entry.longContext ?? base.longContext };
}

function pick(m: Rates): Rates {
  return { input: m.input, output: m.output, cacheWrite5m: m.cacheWrite5m, cacheWrite1h: m.cacheWrite1h, cacheRead: m.cacheRead };
}

function ratesFor(model: ModelPrice, input: PriceInput): Rates {
  if (input.speed === 'fast' && model.fast) return model.fast;
  const { rates, longContext } = pricesAt(model, input.timestamp);
  const t = input.tokens;
  if (longContext && t.input + t.cacheCreation + t.cacheRead > longContext.thresholdTokens) return longContext.rates;
  return rates;
}

function tokenCost(t: UsageTokens, r: Rates): number {
  const split = t.cacheCreation5m + t.cacheCreation1h;
  const write =
    split > 0
      ? t.cacheCreation5m * r.cacheWrite5m + t.cacheCreation1h * r.cacheWrite1h + Math.max(0, t.cacheCreation - split) * r.cacheWrite5m
      : t.cacheCreation * r.cacheWrite5m;
  return (t.input * r.input + t.output * r.output + write + t.cacheRead * r.cacheRead) / 1e6;
}

/** API-equivalent USD of one response; `priced` is false when the table does not know the model. */
export function priceUsage(table: PriceTable, input: PriceInput, multiplier = 1): { costUSD: number; priced: boolean } {
  if (input.model === SYNTHETIC) return { costUSD: 0, priced: true };
  const id = resolveModel(table, input.model);
  const model = id === null ? undefined : table.models[id];
  if (!model) return { costUSD: 0, priced: false };
  const geo = input.inferenceGeo?.toLowerCase() === 'us' ? (model.usOnlyMultiplier ?? 1) : 1;
  const tokens = tokenCost(input.tokens, ratesFor(model, input)) * geo;
  const search = input.tokens.webSearchRequests * (table.webSearchUSDPerRequest ?? DEFAULT_WEB_SEARCH_USD);
  return { costUSD: (tokens + search) * multiplier, priced: true };
}

/** Standard output USD per million tokens at `at` (before any price multiplier); null when unknown. */
export function outputPricePerMillion(table: PriceTable, model: string, at: number): number | null {
  const id = resolveModel(table, model);
  const entry = id === null ? undefined : table.models[id];
  return entry ? pricesAt(entry, at).rates.output : null;
}
