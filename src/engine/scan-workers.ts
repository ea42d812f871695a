// How many scan worker threads a backfill gets: none unless it is large, a core is spare and memory allows.
import { availableParallelism, freemem } from 'node:os';
import type { LogFile } from '../logs/discover.js';

/**
 * Below this a worker's start-up (~0.1–0.2 s of a core: its isolate and modules) outweighs
 * what it reads. The main thread parses too (it reads the queue's next files while a
 * worker's are not back), so one worker pays on two cores (figures: bench/RESULTS.md).
 */
const POOL_MIN_BYTES = 64 * 2 ** 20;
const POOL_MAX = 4;
/** Each worker holds ~10–15 MB (its heap, young generation and read buffer): none when memory is this short. */
const MIN_FREE_BYTES = 256 * 2 ** 20;

/** `auto` (the default): by size, cores and free memory; `always`; `off`. */
export type PoolMode = 'auto' | 'always' | 'off';

export interface Machine {
  cores: number;
  freeBytes: number;
}

/** The number of workers for `files` (0: read them on the main thread). `CCTOP_SCAN_WORKERS=<n>` overrides. */
export function scanWorkersFor(
  files: readonly LogFile[], mode: PoolMode, env: { CCTOP_SCAN_WORKERS?: string },
  machine: Machine = { cores: availableParallelism(), freeBytes: freemem() },
): number {
  const forced = Number.parseInt(env.CCTOP_SCAN_WORKERS ?? '', 10);
  if (mode === 'off' || files.length === 0 || forced === 0) return 0;
  if (forced > 0) return forced;
  const spare = Math.min(machine.cores - 1, POOL_MAX);
  if (mode === 'always') return Math.max(1, spare);
  const bytes = files.reduce((a, f) => a + f.size, 0);
  return bytes < POOL_MIN_BYTES || machine.freeBytes < MIN_FREE_BYTES ? 0 : Math.max(0, spare);
}
