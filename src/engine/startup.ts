import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listRootsAside, type RootsListing } from '../logs/list-roots.js';
import type { Writable } from 'node:stream';
import { defaultRoots, hasJsonlBelow, resolveProjectsDirs } from '../logs/discover.js';
import { Calendar } from '../usage/calendar.js';
import type { MetricsSettings } from '../usage/metrics.js';
import type { PriceTable } from '../usage/pricing.js';
import type { Options } from '../settings/options.js';
import { home, type Env } from '../settings/user-files.js';

/**
 * Starts listing the logs in a worker thread, at once: the listing (~0.2 s for 8,000 logs in
 * 4,400 folders, all syscalls) runs on the other core while this thread loads the screen's
 * modules and the store (and a warm start's image). The scan workers' count does not take the
 * listing's core for a busy one (scan-workers.ts idleCores).
 */
export function listAhead(options: Options, env: Env): Promise<RootsListing> {
  return listRootsAside(rootsFor(options, env));
}

/** `--dir` roots, else the config's, else the default Claude Code folders that exist. */
export function rootsFor(options: Options, env: Env): string[] {
  if (options.roots) return options.roots;
  return defaultRoots({ CLAUDE_CONFIG_DIR: env.CLAUDE_CONFIG_DIR, XDG_CONFIG_HOME: env.XDG_CONFIG_HOME, HOME: home(env) }, existsSync);
}

/** Where Claude Code logs are looked for by default, existing or not (for the demo's banner). */
export function candidateRoots(env: Env): string[] {
  if (env.CLAUDE_CONFIG_DIR) return env.CLAUDE_CONFIG_DIR.split(',').map((s) => s.trim()).filter(Boolean);
  const h = home(env);
  const roots = [join(env.XDG_CONFIG_HOME ?? join(h, '.config'), 'claude'), join(h, '.claude')];
  return roots.map((r) => (r.startsWith(h + '/') ? `~${r.slice(h.length)}` : r));
}

/** The settings of the metrics, from the options, the price table and the clock at start. */
export function metricsSettings(options: Options, table: PriceTable, now: number): MetricsSettings {
  const calendar = new Calendar(options.timeZone);
  return {
    timeZone: options.timeZone,
    historyStart: options.since ? calendar.parseDay(options.since) : calendar.startOfPreviousMonth(now),
    // A report at a fixed clock counts nothing after it; the live clock allows a devbox's fast clock.
    clock: options.now === null ? 'live' : 'fixed',
    plan: options.plan,
    feeUSD: options.feeUSD,
    seats: options.seats,
    priceMultiplier: options.priceMultiplier,
    limitBasis: options.limitBasis,
    windowLimit: options.windowLimit,
    weeklyLimit: options.weeklyLimit,
    burnWindowMinutes: options.burnWindowMinutes,
    peakHours: options.peakHours,
    spike: { floorTokensPerMinute: options.spikeFloor, factor: options.spikeFactor },
    table,
  };
}

/** The roots to read, and whether the user has no logs at all: no `--dir`, no `--remote`, no `*.jsonl` in the default folders. */
export async function findLogs(options: Options, env: Env): Promise<{ roots: string[]; noLogs: boolean }> {
  const roots = rootsFor(options, env);
  const noLogs = options.roots === null && options.remotes.length === 0 && !(await hasLogs(roots));
  return { roots, noLogs };
}

async function hasLogs(roots: readonly string[]): Promise<boolean> {
  const { dirs } = await resolveProjectsDirs([...roots]);
  for (const dir of dirs) if (await hasJsonlBelow(dir)) return true;
  return false;
}

/**
 * A reader that went away (`cctop --json | head -1`, or the terminal of a closed pane: EIO) ends
 * the run at once, quietly and with status 0, as `cat` and `grep` do; Node would otherwise print
 * a stack trace.
 */
export function quietOnClosedPipe(stdout: Writable): void {
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'EIO') throw err;
    process.exit(0);
  });
}
