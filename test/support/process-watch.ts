import fs from 'node:fs';

/**
 * Watching processes from the outside through /proc (Linux): resident memory, CPU time, and
 * whether a process still runs. A zombie (exited, not yet reaped) counts as gone.
 */

/** Whether /proc can be read here (the tests that need it are skipped elsewhere). */
export const HAS_PROC = fs.existsSync('/proc/self/status');

/** The resident set of `pid` in MiB, or null once it is gone. */
export function rssMiB(pid: number): number | null {
  const status = procFile(pid, 'status');
  const kib = status?.match(/^VmRSS:\s+(\d+) kB$/m)?.[1];
  return kib === undefined ? null : Number(kib) / 1024;
}

/** Whether `pid` is running (not gone, not a zombie). */
export function running(pid: number): boolean {
  const state = procFile(pid, 'stat')?.match(/\) (\S) /)?.[1];
  return state !== undefined && state !== 'Z' && state !== 'X';
}

/** Samples the resident set of `pid` every `everyMs` until `stop()`, which returns the peak in MiB. */
export function rssPeak(pid: number, everyMs = 25): { stop(): number } {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, rssMiB(pid) ?? 0));
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

function procFile(pid: number, name: string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return null;
  }
}
