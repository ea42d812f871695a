import { promises as fsp } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fsReason } from '../logs/fs-errors.js';
import { watchLogs, type WatchOptions } from '../logs/watch.js';
import type { BurnRate } from '../usage/metrics-types.js';
import { parseOfficialRecords, type OfficialReading } from '../state/official-record.js';
import { writeBurnCache } from '../state/burn-cache.js';
import { rotatedStateFilePath, STATE_FILE, stateFilePath } from '../state/state-file.js';

/** How often a running monitor refreshes `burn.json` for the statusline. */
export const BURN_CACHE_INTERVAL_MS = 5000;

/**
 * Every reading of the state file, the rotated one first; none when neither exists. Never throws:
 * a file that cannot be read counts as empty, and is reported through `onProblem` when given.
 */
export async function readOfficialReadings(dir: string, onProblem?: (text: string) => void): Promise<OfficialReading[]> {
  const read = (file: string) => readText(file).catch((err: unknown) => {
    onProblem?.(officialProblem(err));
    return '';
  });
  const [old, current] = await Promise.all([read(rotatedStateFilePath(dir)), read(stateFilePath(dir))]);
  return [...parseOfficialRecords(old), ...parseOfficialRecords(current)];
}

/**
 * Keeps the readings of the state file up to date: reads what was appended since the last read
 * (whole lines only), and everything again after a rotation.
 */
export class StateFileFollower {
  private readings: OfficialReading[] = [];
  private offset = 0;
  private inode = -1;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string) {}

  get all(): readonly OfficialReading[] {
    return this.readings;
  }

  /** Reads what is new; resolves true when the readings changed. Calls never overlap. */
  refresh(): Promise<boolean> {
    const next = this.queue.then(() => this.readNew());
    this.queue = next.then(() => undefined, () => undefined);
    return next;
  }

  private async readNew(): Promise<boolean> {
    const file = stateFilePath(this.dir);
    const stat = await unlessMissing(fsp.stat(file), null);
    if (!stat || stat.ino !== this.inode || stat.size < this.offset) return this.reload(stat?.ino ?? -1);
    if (stat.size === this.offset) return false;
    const handle = await fsp.open(file, 'r');
    try {
      const buffer = Buffer.alloc(stat.size - this.offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.offset);
      const end = buffer.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
      if (end === 0) return false;
      this.offset += end;
      const fresh = parseOfficialRecords(buffer.toString('utf8', 0, end));
      this.readings = [...this.readings, ...fresh];
      return fresh.length > 0;
    } finally {
      await handle.close();
    }
  }

  private async reload(inode: number): Promise<boolean> {
    const [old, current] = await Promise.all([readText(rotatedStateFilePath(this.dir)), readText(stateFilePath(this.dir))]);
    const end = current.lastIndexOf('\n') + 1;
    const before = this.readings.length;
    this.readings = [...parseOfficialRecords(old), ...parseOfficialRecords(current.slice(0, end))];
    this.offset = Buffer.byteLength(current.slice(0, end));
    this.inode = inode;
    return before > 0 || this.readings.length > 0;
  }
}

export interface Closable {
  close(): Promise<void>;
}

/**
 * Watches the state folder (created if missing) and passes all readings on at once and after
 * every change. It is watched as the logs are (logs/watch.ts): one OS watch, and when the OS has
 * none left, the same polling fallback and notice. A failure here costs the live official
 * figures, never the monitor: it is reported through `onProblem` and the rest keeps working.
 */
export async function followOfficialReadings(
  dir: string, onReadings: (readings: readonly OfficialReading[]) => void, onProblem: (text: string) => void,
  watchOptions: Omit<WatchOptions, 'baseline'> = {},
): Promise<Closable> {
  await fsp.mkdir(dir, { recursive: true });
  const follower = new StateFileFollower(dir);
  const report = (err: unknown) => onProblem(officialProblem(err));
  const refresh = () => void follower.refresh().then((changed) => changed && onReadings(follower.all), report);
  // The state file, or the rotated one (whose name ends in .1, so only its removal is heard).
  const folder = resolve(dir);
  const isStateFile = (path: string) => dirname(path) === folder && basename(path).startsWith(STATE_FILE);
  const watcher = watchLogs([folder], {
    onFile: (path) => isStateFile(path) && refresh(),
    onRemoved: (path) => isStateFile(path) && refresh(),
    // The same words as the logs' watcher: the diagnostics show the notice once.
    onNotice: onProblem,
  }, watchOptions);
  // A state file unreadable at start is reported; the watch stays, for when it can be read.
  await follower.refresh().then(() => onReadings(follower.all), report);
  return watcher;
}

export interface OfficialSink {
  setOfficialReadings(readings: readonly OfficialReading[]): void;
  /** A problem with cctop's own state files, for the diagnostics. */
  notice(text: string): void;
  /** The monitor's clock (injected: a fixed one in tests and reports). */
  now(): number;
  /** The current burn rate (cheap: the cache is written every 5 s, also when the monitor is idle). */
  burnRate(): BurnRate;
}

export interface OfficialConnection extends Closable {
  /** Starts writing `burn.json` (call once the first frame is in, so the rate is not a partial one). */
  startBurnCache(): void;
}

/**
 * The monitor's side of the statusline: follows the state file into the monitor, and, when asked,
 * writes the monitor's burn rate to `burn.json` every 5 s for the statusline to show. Never
 * rejects: a state folder that cannot be followed is a notice, and the monitor runs without it.
 */
export async function connectOfficial(sink: OfficialSink, dir: string, opts: { burnCache: boolean }): Promise<OfficialConnection> {
  const onProblem = (text: string) => sink.notice(text);
  const closables: Closable[] = [];
  await followOfficialReadings(dir, (readings) => sink.setOfficialReadings(readings), onProblem)
    .then((c) => closables.push(c), (err: unknown) => onProblem(officialProblem(err)));
  return {
    startBurnCache: () => {
      if (opts.burnCache) closables.push(startBurnCache(dir, () => sink.burnRate(), () => sink.now(), onProblem));
    },
    close: async () => {
      await Promise.allSettled(closables.map((c) => c.close()));
    },
  };
}

/** Writes `burn.json` now and every 5 s until closed; a failed write is reported and tried again next time. */
export function startBurnCache(
  dir: string, burn: () => BurnRate, clock: () => number, onProblem: (text: string) => void, intervalMs = BURN_CACHE_INTERVAL_MS,
): Closable {
  const write = () => {
    try {
      const { costPerHour, tokensPerMinute } = burn();
      writeBurnCache(dir, { at: clock(), costPerHour, tokensPerMinute });
    } catch (err) {
      onProblem(`burn rate for the statusline (burn.json): ${fsReason(err)}`);
    }
  };
  write();
  const timer = setInterval(write, intervalMs);
  timer.unref();
  return { close: async () => clearInterval(timer) };
}

function officialProblem(err: unknown): string {
  return `official readings (${STATE_FILE}): ${fsReason(err)}`;
}

/** A state file that does not exist reads as empty; any other failure is thrown on, to be reported. */
function readText(file: string): Promise<string> {
  return unlessMissing(fsp.readFile(file, 'utf8'), '');
}

async function unlessMissing<T>(pending: Promise<T>, fallback: T): Promise<T> {
  try {
    return await pending;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw err;
  }
}
