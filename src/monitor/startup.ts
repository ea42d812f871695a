import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { defaultRoots, hasJsonlBelow, resolveProjectsDirs } from '../logs/discover.js';
import { Calendar } from '../usage/calendar.js';
import { FUTURE_TOLERANCE_MS } from '../usage/time.js';
import type { MetricsSettings } from '../usage/metrics.js';
import type { PriceTable } from '../usage/pricing.js';
import type { Options } from '../settings/options.js';
import { home, type Env } from '../settings/user-files.js';
import type { Monitor } from './monitor.js';

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
    futureToleranceMs: options.now === null ? FUTURE_TOLERANCE_MS : 0,
    plan: options.plan,
    feeUSD: options.feeUSD,
    seats: options.seats,
    priceMultiplier: options.priceMultiplier,
    limitBasis: options.limitBasis,
    windowLimit: options.windowLimit,
    weeklyLimit: options.weeklyLimit,
    burnWindowMinutes: options.burnWindowMinutes,
    spike: { floorTokensPerMinute: options.spikeFloor, factor: options.spikeFactor },
    table,
  };
}

/** True when some root holds a `*.jsonl` log (else the screen shows the demo). */
export async function hasLogs(roots: readonly string[]): Promise<boolean> {
  const { dirs } = await resolveProjectsDirs([...roots]);
  for (const dir of dirs) if (await hasJsonlBelow(dir)) return true;
  return false;
}

/** What stderr says when the logs cannot be read: each unreadable root, and when none can be, that too. */
export function rootWarnings(roots: readonly string[], monitor: Pick<Monitor, 'projectsDirs' | 'diagnostics'>, lookedIn: readonly string[]): string[] {
  if (roots.length === 0) return [`no Claude Code logs in ${lookedIn.join(', ')}: use --dir PATH`];
  const unreadable = monitor.diagnostics.snapshot().unreadableRoots;
  const lines = unreadable.map(({ path, reason }) => `cannot read ${path}: ${reason}`);
  if (monitor.projectsDirs.length === 0) lines.push('none of the log folders could be read: there is no usage to show');
  return lines;
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
