import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  wallMs: number;
  stdout: string;
  stderr: string;
  code: number | null;
  /** Peak resident set size (bytes), when /usr/bin/time could measure it. */
  peakRss: number | null;
  /** User + system CPU seconds, when /usr/bin/time could measure it. */
  cpuSeconds: number | null;
}

const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

/**
 * Runs a command to completion, measuring wall time (and peak RSS and CPU through GNU time).
 * Its stdout goes to a file, as from a shell redirect: a pipe would also time the reader.
 */
export function runMeasured(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  const [file, argv] = hasTime ? [TIME, ['-f', '@@time %M %U %S', cmd, ...args]] : [cmd, [...args]];
  const dir = mkdtempSync(join(tmpdir(), 'cctop-bench-out-'));
  const outFile = join(dir, 'stdout');
  const out = openSync(outFile, 'w');
  const started = performance.now();
  const child = spawn(file, argv, { env, stdio: ['ignore', out, 'pipe'] });
  const err: Buffer[] = [];
  child.stderr!.on('data', (d: Buffer) => err.push(d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      closeSync(out);
      const stdout = readFileSync(outFile, 'utf8');
      rmSync(dir, { recursive: true, force: true });
      const stderr = Buffer.concat(err).toString();
      const m = /@@time (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({
        wallMs, code, stdout, stderr: stderr.replace(/@@time.*\n?/, ''),
        peakRss: m ? Number(m[1]) * 1024 : null,
        cpuSeconds: m ? Number(m[2]) + Number(m[3]) : null,
      });
    });
  });
}

/** Peak RSS so far of a running process (VmHWM), in bytes; null where /proc is missing. */
export function peakRssOf(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system, seconds) used so far by a running process; null where /proc is missing. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks.
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return null;
  }
}

let ticks: number | null = null;

function clockTicks(): number {
  try {
    ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    ticks = 100;
  }
  return ticks;
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}
