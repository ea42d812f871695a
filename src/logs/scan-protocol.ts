/**
 * What the scan pool (scan-pool.ts) and its workers (scan-worker.ts) send each other. Apart from
 * the worker's entry: a value imported from an entry takes its body into a chunk the main thread loads.
 */
import type { LineLimits } from './line-limits.js';
import type { ScannedFile } from './scan-packing.js';

export interface ScanRequest {
  id: number;
  files: string[];
  timeZone: string;
  limits?: LineLimits;
  /** Copies of a response timed within this window are merged (see mergeCopies). */
  window: { from: number; to: number };
}

export interface ScanReply {
  id: number;
  results: ScannedFile[];
}

/** Posted once the worker listens: tasks go to a worker only from then on (scan-pool.ts). */
export const READY = 'ready';
