import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `<stateDir>/burn.json`: the live monitor's current burn rate, for the statusline to show without reading logs. */
export const BURN_CACHE_FILE = 'burn.json';
/** An older cache is ignored (the monitor has stopped). */
export const BURN_CACHE_MAX_AGE_MS = 2 * 60_000;

export interface BurnCache {
  /** Epoch ms when written. */
  at: number;
  costPerHour: number;
  tokensPerMinute: number;
}

/** The cache when it exists, is well-formed and was written within 2 minutes of `now`. */
export function readBurnCache(dir: string, now: number): BurnCache | null {
  try {
    const json = JSON.parse(readFileSync(join(dir, BURN_CACHE_FILE), 'utf8')) as Partial<BurnCache>;
    const { at, costPerHour, tokensPerMinute } = json;
    if (!isNumber(at) || !isNumber(costPerHour) || !isNumber(tokensPerMinute)) return null;
    return Math.abs(now - at) <= BURN_CACHE_MAX_AGE_MS ? { at, costPerHour, tokensPerMinute } : null;
  } catch {
    return null;
  }
}

/** Writes the cache whole (temp file + rename: a reader never sees half of it). */
export function writeBurnCache(dir: string, cache: BurnCache): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, BURN_CACHE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(cache) + '\n');
  renameSync(temp, file);
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
