// How many scan worker threads a backfill gets: none unless it is large, a core is idle and memory allows.
import { availableParallelism, cpus, freemem } from 'node:os';
import type { LogFile } from '../logs/discover.js';

/**
 * Below this a worker's start-up (~0.1–0.2 s of a core: its isolate and modules) outweighs
 * what it reads. The main thread parses too (it reads the queue's next files while a
 * worker's are not back), so one worker pays on two cores (figures: bench/RESULTS.md).
 */
const POOL_MIN_BYTES = 64 * 2 ** 20;
const POOL_MAX = 4;
/** Each worker holds ~35 MB (its isolate, heap and modules): none when memory is this short. */
const MIN_FREE_BYTES = 256 * 2 ** 20;

/** `auto` (the default): by size, idle cores and free memory; `always`; `off`. */
export type PoolMode = 'auto' | 'always' | 'off';

export interface Machine {
  cores: number;
  freeBytes: number;
  /** Cores that were idle while the logs were listed (see idleCores); null when unknown. */
  idleCores: number | null;
}

/** What the CPU counters say so far (ms): per core, the time idle and the time in all; this process's time, all its threads. */
export interface CpuTimes {
  cores: { idle: number; total: number }[];
  own: number;
}

export function cpuTimes(): CpuTimes {
  const { user, system } = process.cpuUsage();
  return { cores: cpus().map(({ times: t }) => ({ idle: t.idle, total: t.user + t.nice + t.sys + t.idle + t.irq })), own: (user + system) / 1000 };
}

/**
 * How many cores were idle between two samples: the machine's idle time over the time that
 * passed, counting as idle what this process's other threads took beyond the time itself (a
 * listing worker, gone when the scan starts: this thread takes at most that). Null when too
 * little time passed to tell (the counters tick every 10 ms).
 */
export function idleCores(before: CpuTimes, after: CpuTimes): number | null {
  if (before.cores.length === 0 || before.cores.length !== after.cores.length) return null;
  let idle = 0;
  let total = 0;
  after.cores.forEach((core, i) => {
    idle += core.idle - before.cores[i]!.idle;
    total += core.total - before.cores[i]!.total;
  });
  const elapsed = total / after.cores.length;
  if (elapsed < 20) return null;
  const otherThreads = Math.max(0, after.own - before.own - elapsed);
  return Math.min(after.cores.length, (idle + otherThreads) / elapsed);
}

/**
 * The number of workers for `files` (0: read them on the main thread). A worker only helps on
 * a core that is idle: on a busy machine it competes with this thread and loses (512 MiB with
 * the other core taken: 13 % slower, +0.9 s of CPU). `CCTOP_SCAN_WORKERS=<n>` overrides.
 */
export function scanWorkersFor(files: readonly LogFile[], mode: PoolMode, env: { CCTOP_SCAN_WORKERS?: string }, machine: Machine): number {
  const forced = Number.parseInt(env.CCTOP_SCAN_WORKERS ?? '', 10);
  if (mode === 'off' || files.length === 0 || forced === 0) return 0;
  if (forced > 0) return forced;
  const spare = Math.min(machine.cores - 1, POOL_MAX);
  if (mode === 'always') return Math.max(1, spare);
  const bytes = files.reduce((a, f) => a + f.size, 0);
  if (bytes < POOL_MIN_BYTES || machine.freeBytes < MIN_FREE_BYTES) return 0;
  const idle = machine.idleCores === null ? spare : Math.round(machine.idleCores);
  return Math.max(0, Math.min(spare, idle));
}

/** This machine as `scanWorkersFor` needs it, with the cores idle since `since` (a `cpuTimes()` sample). */
export function thisMachine(since: CpuTimes | null): Machine {
  return { cores: availableParallelism(), freeBytes: freemem(), idleCores: since ? idleCores(since, cpuTimes()) : null };
}
