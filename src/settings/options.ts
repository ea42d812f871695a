import { DEFAULT_PEAK_HOURS, type PeakHours } from '../usage/peak-hours.js';
import type { CostMode } from '../usage/ingest.js';
import { canonicalTimeZone } from '../usage/zone.js';
import { DEFAULT_SPIKE_SETTINGS } from '../usage/spikes.js';
import type { LimitSetting } from '../usage/limits.js';
import type { LimitBasis } from '../usage/window-types.js';
import type { PlanName } from '../usage/metrics-types.js';
import { PLAN_PRESETS } from '../usage/plans.js';
import { isLoopbackHost, parseListenAddress, type ListenAddress } from './address.js';
import { commandName, modeOf, type Mode } from './commands.js';
import type { ConfigFile } from './config.js';
import { notAfterToday, parseDay, parseInstant } from './dates.js';
import { flagConfig, parseFlags, UsageError, type Flags } from './flags.js';
import { defaultStorePath, type Env } from './user-files.js';

// The settings' entry point: every program parses its command line through these.
export { parseFlags, UsageError, type Flags, type Mode };

/** Everything a run needs to know, from flags over the config file over defaults. */
export interface Options {
  mode: Mode;
  demo: boolean;
  /** Roots given by `--dir` or the config; null means the default roots. */
  roots: string[] | null;
  /** YYYY-MM-DD, not after today, or null for the first day of the previous month. */
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
  /** When the 5-hour window is metered faster (config `peakHours`). */
  peakHours: PeakHours;
  spikeFloor: number;
  spikeFactor: number;
  bell: boolean;
  alertLog: string | null;
  color: boolean;
  /** `statusline --print-config` or `mcp --print-config`. */
  printConfig: boolean;
  configFile: string | null;
  /** The history store's file (`--store`, default under `$XDG_DATA_HOME`), or null with `--no-store`. */
  store: string | null;
  /** `--remote` machines, read over ssh: checked as ssh destinations (src/remote reads them in full). */
  remotes: string[];
  /** The ssh client to run (`--ssh-command`, default `ssh`). */
  sshCommand: string;
  /** Where `/metrics` is served, or null when off. */
  metrics: ListenAddress | null;
  /** Extra Prometheus labels (`project` exposes project paths). */
  metricsLabels: 'project'[];
  /** `--metrics-public`: the user means `/metrics` to be reachable from other machines. */
  metricsPublic: boolean;
  /** `--notify`: where an alert is also told (the terminal's OSC notifications, tmux's message line, the desktop). */
  notify: ('osc' | 'tmux' | 'desktop')[];
  /** `store export --csv|--json`. */
  exportFormat: 'csv' | 'json' | null;
  /** `store prune --before`: YYYY-MM-DD, not after today. */
  pruneBefore: string | null;
  /** `feed --cursor`: where the feed resumes, or null for the start. */
  cursor: string | null;
}

/** Merges flags over the config file over defaults; throws UsageError on a bad value. */
export function resolveOptions(flags: Flags, config: ConfigFile, env: Env, systemZone: string, wallClock = Date.now): Options {
  const v = flags.values;
  const mode = modeOf(flags);
  const c: ConfigFile = { ...config, ...flagConfig(v) };
  const plan = c.plan ?? 'max';
  if (plan === 'custom' && c.fee === undefined) throw new UsageError('--plan custom needs its monthly fee: --fee USD (or "fee" in the config file)');
  if (plan === 'enterprise' && c.fee === undefined) throw new UsageError('--plan enterprise is priced per contract: give the monthly fee per seat, --fee USD (or "fee" in the config file)');
  const timeZone = canonicalTimeZone(c.timeZone ?? systemZone);
  const now = v.now === undefined ? null : parseInstant(v.now, '--now');
  const day = (text: string | undefined, flag: string) =>
    text === undefined ? null : notAfterToday(parseDay(text, flag), flag, timeZone, now ?? wallClock());
  const options: Options = {
    mode, demo: v.demo ?? false, roots: c.roots ?? null, since: day(v.since, '--since'), timeZone, now, plan,
    feeUSD: c.fee ?? (plan === 'custom' ? 0 : (PLAN_PRESETS[plan].feeUSD ?? 0)),
    seats: c.seats ?? 1,
    windowLimit: c.windowLimit ?? null,
    weeklyLimit: c.weeklyLimit ?? null,
    limitBasis: c.limitBasis ?? 'cost',
    priceMultiplier: c.priceMultiplier ?? 1,
    pricingFile: c.pricingFile ?? null,
    costMode: c.costMode ?? 'calculate',
    burnWindowMinutes: c.burnWindowMinutes ?? 10,
    peakHours: c.peakHours ?? DEFAULT_PEAK_HOURS,
    spikeFloor: c.spikeFloor ?? DEFAULT_SPIKE_SETTINGS.floorTokensPerMinute,
    spikeFactor: c.spikeFactor ?? DEFAULT_SPIKE_SETTINGS.factor,
    bell: c.bell ?? false,
    alertLog: c.alertLog ?? null,
    color: !(v['no-color'] ?? false) && !env.NO_COLOR,
    printConfig: v['print-config'] ?? false,
    configFile: v.config ?? null,
    store: c.store === false ? null : (c.store ?? defaultStorePath(env)),
    remotes: c.remotes ?? [],
    sshCommand: c.sshCommand ?? 'ssh',
    metrics: c.metrics === undefined ? null : parseListenAddress(c.metrics),
    metricsLabels: c.metricsLabels ?? [],
    metricsPublic: c.metricsPublic ?? false,
    notify: c.notify ?? [],
    exportFormat: v.csv ? 'csv' : mode === 'store-export' ? 'json' : null,
    pruneBefore: day(v.before, '--before'),
    cursor: v.cursor === undefined ? null : cursor(v.cursor),
  };
  return checkCommand(options);
}

function cursor(text: string): string {
  if (text === '') throw new UsageError('--cursor: bad value "" (expected a cursor printed by cctop feed)');
  return text;
}

/** What a command needs beyond its own flags (checked in modeOf). */
function checkCommand(o: Options): Options {
  if (o.mode === 'serve' && !o.metrics) throw new UsageError('serve needs --metrics ADDR (or "metrics" in the config file)');
  if (o.metrics && o.metricsLabels.includes('project') && !isLoopbackHost(o.metrics.host) && !o.metricsPublic) {
    throw new UsageError(`--metrics-labels project on ${o.metrics.host}, which other machines can reach, would publish your project paths: add --metrics-public if you mean it`);
  }
  if (o.demo && o.metrics) throw new UsageError('--demo is not served to Prometheus: drop --metrics (or "metrics" in the config file)');
  if (o.mode.startsWith('store-') && o.store === null) {
    throw new UsageError(`${commandName(o.mode)} needs the history store, which --no-store (or "store": false) turns off`);
  }
  return o;
}
