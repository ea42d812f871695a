import { readFileSync } from 'node:fs';
import { bundledPriceTable, loadPriceTable, mergePriceTables, type PriceTable } from '../usage/pricing.js';
import { ConfigError } from './config.js';

type Fields = Record<string, unknown>;

/** The bundled price table, with the user's file merged over it (an entry for a bundled model field by field). */
export function readPriceTable(file: string | null): PriceTable {
  if (!file) return bundledPriceTable;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read pricing file ${file}: ${(err as Error).message}`);
  }
  return mergePriceTables(bundledPriceTable, loadPriceTable(overBundled(json), file));
}

/**
 * The user's models completed from the bundled entries of the same id, so `{ "output": 12 }`
 * changes one price and keeps the rest (nested objects too; a `history` list replaces the bundled
 * one). The result is validated as a whole table: an unknown model still needs every rate.
 */
function overBundled(json: unknown): unknown {
  if (!isFields(json) || !isFields(json.models)) return json;
  const bundled = bundledPriceTable.models as Fields;
  const models = Object.entries(json.models).map(([id, entry]) => [id, Object.hasOwn(bundled, id) ? mergeFields(bundled[id], entry) : entry]);
  return { ...json, models: Object.fromEntries(models) };
}

function mergeFields(base: unknown, over: unknown): unknown {
  if (!isFields(base) || !isFields(over)) return over;
  const keys = new Set([...Object.keys(base), ...Object.keys(over)]);
  return Object.fromEntries([...keys].map((k) => [k, Object.hasOwn(over, k) ? mergeFields(field(base, k), over[k]) : base[k]]));
}

function field(object: Fields, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
