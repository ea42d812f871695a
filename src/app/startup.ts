import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { defaultRoots } from '../logs/discover.js';
import { Calendar } from '../usage/calendar.js';
import type { MetricsSettings } from '../usage/metrics.js';
import { bundledPriceTable, loadPriceTable, mergePriceTables, type PriceTable } from '../usage/pricing.js';
import { ConfigError, parseConfig, type ConfigFile } from './config.js';
import type { Options } from './options.js';

export interface Env {
  HOME?: string;
  XDG_CONFIG_HOME?: string;
  XDG_STATE_HOME?: string;
  CLAUDE_CONFIG_DIR?: string;
  NO_COLOR?: string;
}

function home(env: Env): string {
  return env.HOME ?? homedir();
}

/** `$XDG_CONFIG_HOME/cctop/config.json`, else `~/.config/cctop/config.json`. */
export function defaultConfigPath(env: Env): string {
  return join(env.XDG_CONFIG_HOME ?? join(home(env), '.config'), 'cctop', 'config.json');
}

/** `$XDG_STATE_HOME/cctop`, else `~/.local/state/cctop`: cctop's own state. */
export function stateDir(env: Env): string {
  return join(env.XDG_STATE_HOME ?? join(home(env), '.local', 'state'), 'cctop');
}

/** Reads the config file: the named one must exist; the default one may be absent. */
export function readConfig(path: string | null, env: Env): ConfigFile {
  const file = path ?? defaultConfigPath(env);
  if (!path && !existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
  }
  return parseConfig(json, file);
}

/** The bundled price table, with the user's file merged over it. */
export function readPriceTable(file: string | null): PriceTable {
  if (!file) return bundledPriceTable;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read pricing file ${file}: ${(err as Error).message}`);
  }
  return mergePriceTables(bundledPriceTable, loadPriceTable(json, file));
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
