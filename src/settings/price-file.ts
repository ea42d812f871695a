import { readFileSync } from 'node:fs';
import { bundledPriceTable, loadPriceTable, mergePriceTables, type PriceTable } from '../usage/pricing.js';
import { ConfigError } from './config.js';

/** The bundled price table, with the user's file merged over it. */
export function readPriceTable(file: string | null): PriceTable {
  if (!file) return bundledPriceTable;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read pricing file ${file}: ${(err as Error).message}`);
  }
  return mergePriceTables(bundledPriceTable, loadPriceTable(json, file));
}
