import { closeSync, constants, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeStateFolder, replacePrivate } from './private-files.js';

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
    const json = JSON.parse(readWithoutLink(join(dir, BURN_CACHE_FILE))) as Partial<BurnCache>;
    const { at, costPerHour, tokensPerMinute } = json;
    if (!isNumber(at) || !isNumber(costPerHour) || !isNumber(tokensPerMinute)) return null;
    return Math.abs(now - at) <= BURN_CACHE_MAX_AGE_MS ? { at, costPerHour, tokensPerMinute } : null;
  } catch {
    return null;
  }
}

/** Writes the cache whole (temp file + rename: a reader never sees half of it), 0600 in a 0700 folder; refuses a link at burn.json. */
export function writeBurnCache(dir: string, cache: BurnCache): void {
  makeStateFolder(dir);
  replacePrivate(join(dir, BURN_CACHE_FILE), JSON.stringify(cache) + '\n');
}

/** The file's text; a symbolic link is not read (O_NOFOLLOW fails it). */
function readWithoutLink(file: string): string {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
