// How many scan worker threads a backfill gets: none unless it is large and cores are spare.
import { availableParallelism } from 'node:os';
import type { LogFile } from '../logs/discover.js';

/**
 * Worker threads pay off only for a large backfill with cores to spare: each takes ~0.25 s to
 * start, and on two cores two workers plus the main thread's dedupe and store contend (1 GB
 * here: 3.25 s and 200 MB peak RSS with two workers, 3.5 s and 158 MB without).
 */
const POOL_MIN_BYTES = 256 * 2 ** 20;
const POOL_MIN_CORES = 3;
const POOL_MAX = 4;

/** `auto` (the default): by size and cores; `always`; `off`. */
export type PoolMode = 'auto' | 'always' | 'off';

/** The number of workers for `files` (0: read them on the main thread). `CCTOP_SCAN_WORKERS=<n>` overrides. */
export function scanWorkersFor(files: readonly LogFile[], mode: PoolMode, env: { CCTOP_SCAN_WORKERS?: string }, cores = availableParallelism()): number {
  const forced = Number.parseInt(env.CCTOP_SCAN_WORKERS ?? '', 10);
  if (mode === 'off' || files.length === 0 || forced === 0) return 0;
  if (mode === 'auto' && Number.isNaN(forced)) {
    const bytes = files.reduce((a, f) => a + f.size, 0);
    if (bytes < POOL_MIN_BYTES || cores < POOL_MIN_CORES) return 0;
  }
  return Math.max(1, forced > 0 ? forced : Math.min(cores - 1, POOL_MAX));
}
