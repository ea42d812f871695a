import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRoots } from '../logs/discover.js';
import { Calendar } from '../usage/calendar.js';
import type { MetricsSettings } from '../usage/metrics.js';
import type { PriceTable } from '../usage/pricing.js';
import type { Options } from '../settings/options.js';
import { home, type Env } from '../settings/user-files.js';


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

export function metricsSettings(options: Options, table: PriceTable, now: number): MetricsSettings {
  const calendar = new Calendar(options.timeZone);
  return {
    timeZone: options.timeZone,
    historyStart: options.since ? calendar.parseDay(options.since) : calendar.startOfPreviousMonth(now),
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
