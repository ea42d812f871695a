import { parseArgs } from 'node:util';
import { isValidTimeZone } from '../usage/zone.js';
import type { CostMode } from '../usage/ingest.js';
import type { LimitSetting } from '../usage/limits.js';
import type { LimitBasis, PlanName } from '../usage/metrics-types.js';
import { PLAN_PRESETS } from '../usage/plans.js';
import { configSchema, type ConfigFile } from './config.js';

export type Mode = 'monitor' | 'json' | 'follow' | 'statusline' | 'help' | 'version';

/** Everything a run needs to know, from flags over the config file over defaults. */
export interface Options {
  mode: Mode;
  demo: boolean;
  /** Roots given by `--dir` or the config; null means the default roots. */
  roots: string[] | null;
  /** YYYY-MM-DD, or null for the first day of the previous month. */
  since: string | null;
  timeZone: string;
  /** Fixed clock (epoch ms) from `--now`, or null for the real one. */
  now: number | null;
  plan: PlanName;
  feeUSD: number;
  seats: number;
  windowLimit: LimitSetting;
  weeklyLimit: LimitSetting;
  limitBasis: LimitBasis;
  priceMultiplier: number;
  pricingFile: string | null;
  costMode: CostMode;
  burnWindowMinutes: number;
  spikeFloor: number;
  spikeFactor: number;
  bell: boolean;
  alertLog: string | null;
  color: boolean;
  /** `statusline --print-config`. */
  printConfig: boolean;
  configFile: string | null;
}

export class UsageError extends Error {}

const FLAGS = {
  json: { type: 'boolean' }, follow: { type: 'boolean' }, demo: { type: 'boolean' },
  dir: { type: 'string', multiple: true }, since: { type: 'string' }, tz: { type: 'string' }, now: { type: 'string' },
  plan: { type: 'string' }, fee: { type: 'string' }, seats: { type: 'string' },
  'window-limit': { type: 'string' }, 'weekly-limit': { type: 'string' }, 'limit-basis': { type: 'string' },
  'price-multiplier': { type: 'string' }, pricing: { type: 'string' }, 'cost-mode': { type: 'string' },
  'burn-window': { type: 'string' }, 'spike-floor': { type: 'string' }, 'spike-factor': { type: 'string' },
  bell: { type: 'boolean' }, 'alert-log': { type: 'string' }, 'no-color': { type: 'boolean' },
  config: { type: 'string' }, 'print-config': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' },
} as const;

export type Flags = ReturnType<typeof parseFlags>;

export function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export interface Environment {
  NO_COLOR?: string;
}

/** Merges flags over the config file over defaults; throws UsageError on a bad value. */
export function resolveOptions(flags: Flags, config: ConfigFile, env: Environment, systemZone: string): Options {
  const v = flags.values;
  const command = flags.positionals[0];
  if (command !== undefined && command !== 'statusline') throw new UsageError(`unknown command "${command}"`);
  const plan = pick(v.plan, config.plan, 'max5', (s) => configSchema.shape.plan.parse(s), '--plan') as PlanName;
  const timeZone = v.tz ?? config.timeZone ?? systemZone;
  if (!isValidTimeZone(timeZone)) throw new UsageError(`unknown time zone "${timeZone}"`);
  return {
    mode: modeOf(v, command),
    demo: v.demo ?? false,
    roots: v.dir ?? config.roots ?? null,
    since: v.since === undefined ? null : day(v.since),
    timeZone,
    now: v.now === undefined ? null : instant(v.now),
    plan,
    feeUSD: pick(v.fee, config.fee, plan === 'custom' ? 0 : PLAN_PRESETS[plan].feeUSD, nonNegative, '--fee'),
    seats: pick(v.seats, config.seats, 1, positiveInteger, '--seats'),
    windowLimit: pick(v['window-limit'], config.windowLimit, null, limitSetting, '--window-limit'),
    weeklyLimit: pick(v['weekly-limit'], config.weeklyLimit, null, limitSetting, '--weekly-limit'),
    limitBasis: pick(v['limit-basis'], config.limitBasis, 'cost', (s) => configSchema.shape.limitBasis.parse(s), '--limit-basis') as LimitBasis,
    priceMultiplier: pick(v['price-multiplier'], config.priceMultiplier, 1, positive, '--price-multiplier'),
    pricingFile: v.pricing ?? config.pricingFile ?? null,
    costMode: pick(v['cost-mode'], config.costMode, 'calculate', (s) => configSchema.shape.costMode.parse(s), '--cost-mode') as CostMode,
    burnWindowMinutes: pick(v['burn-window'], config.burnWindowMinutes, 10, positiveInteger, '--burn-window'),
    spikeFloor: pick(v['spike-floor'], config.spikeFloor, 50_000, nonNegative, '--spike-floor'),
    spikeFactor: pick(v['spike-factor'], config.spikeFactor, 3, positive, '--spike-factor'),
    bell: v.bell ?? config.bell ?? false,
    alertLog: v['alert-log'] ?? config.alertLog ?? null,
    color: !(v['no-color'] ?? false) && !env.NO_COLOR,
    printConfig: v['print-config'] ?? false,
    configFile: v.config ?? null,
  };
}

function modeOf(v: Flags['values'], command: string | undefined): Mode {
  if (v.help) return 'help';
  if (v.version) return 'version';
  if (command === 'statusline') return 'statusline';
  if (v.json) return v.follow ? 'follow' : 'json';
  if (v.follow) throw new UsageError('--follow goes with --json');
  return 'monitor';
}

/** The flag's value parsed, else the config's, else the default. */
function pick<T>(flag: string | undefined, config: T | undefined, fallback: T, parse: (s: string) => T, name: string): T {
  if (flag === undefined) return config ?? fallback;
  try {
    return parse(flag);
  } catch {
    throw new UsageError(`${name}: bad value "${flag}"`);
  }
}

function number(s: string): number {
  const n = Number(s);
  if (s.trim() === '' || !Number.isFinite(n)) throw new Error('not a number');
  return n;
}

function positive(s: string): number {
  const n = number(s);
  if (n <= 0) throw new Error('not positive');
  return n;
}

function nonNegative(s: string): number {
  const n = number(s);
  if (n < 0) throw new Error('negative');
  return n;
}

function positiveInteger(s: string): number {
  const n = positive(s);
  if (!Number.isInteger(n)) throw new Error('not an integer');
  return n;
}

function limitSetting(s: string): LimitSetting {
  return s === 'auto' ? 'auto' : positive(s);
}

function day(s: string): string {
  const compact = /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}` : s;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(compact) || Number.isNaN(Date.parse(compact))) {
    throw new UsageError(`--since: expected YYYY-MM-DD, got "${s}"`);
  }
  return compact;
}

function instant(s: string): number {
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new UsageError(`--now: expected an ISO-8601 time, got "${s}"`);
  return t;
}
