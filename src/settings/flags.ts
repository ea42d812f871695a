import { configSchema, type ConfigFile } from './config.js';
import { flagErrorText } from './flag-errors.js';

/** A bad command line: exit status 2 and a pointer to `--help`. */
export class UsageError extends Error {}

/** Every flag, for node:util's parseArgs (which hands values over as strings). */
export const FLAGS = {
  json: { type: 'boolean' }, follow: { type: 'boolean' }, demo: { type: 'boolean' },
  dir: { type: 'string', multiple: true }, since: { type: 'string' }, tz: { type: 'string' }, now: { type: 'string' },
  plan: { type: 'string' }, fee: { type: 'string' }, seats: { type: 'string' },
  'window-limit': { type: 'string' }, 'weekly-limit': { type: 'string' }, 'limit-basis': { type: 'string' },
  'price-multiplier': { type: 'string' }, pricing: { type: 'string' }, 'cost-mode': { type: 'string' },
  'burn-window': { type: 'string' }, 'spike-floor': { type: 'string' }, 'spike-factor': { type: 'string' },
  bell: { type: 'boolean' }, 'alert-log': { type: 'string' }, 'no-color': { type: 'boolean' },
  config: { type: 'string' }, 'print-config': { type: 'boolean' },
  store: { type: 'string' }, 'no-store': { type: 'boolean' },
  remote: { type: 'string', multiple: true }, 'ssh-command': { type: 'string' },
  metrics: { type: 'string' }, 'metrics-labels': { type: 'string' }, 'metrics-public': { type: 'boolean' }, notify: { type: 'string' },
  csv: { type: 'boolean' }, before: { type: 'string' }, cursor: { type: 'string' },
  help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' },
} as const;

type FlagName = keyof typeof FLAGS;
type Convert = (raw: string) => unknown;

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** A number when it reads as one (not `0x10`, not `''`), else the text itself for the schema to refuse. */
const num: Convert = (raw) => (NUMERIC.test(raw.trim()) ? Number(raw) : raw);
const limit: Convert = (raw) => (raw === 'auto' ? raw : num(raw));
const same: Convert = (raw) => raw;
const list: Convert = (raw) => raw.split(',').map((s) => s.trim());

/** The config key each flag sets, and how its text becomes the key's type. */
const CONFIG_KEYS: Partial<Record<FlagName, [keyof ConfigFile, Convert]>> = {
  plan: ['plan', same], fee: ['fee', num], seats: ['seats', num], 'window-limit': ['windowLimit', limit],
  'weekly-limit': ['weeklyLimit', limit], 'limit-basis': ['limitBasis', same], tz: ['timeZone', same],
  'price-multiplier': ['priceMultiplier', num], pricing: ['pricingFile', same], 'cost-mode': ['costMode', same],
  'burn-window': ['burnWindowMinutes', num], 'spike-floor': ['spikeFloor', num], 'spike-factor': ['spikeFactor', num],
  'alert-log': ['alertLog', same], store: ['store', same], 'ssh-command': ['sshCommand', same],
  metrics: ['metrics', same], 'metrics-labels': ['metricsLabels', list], notify: ['notify', list],
};
const LIST_KEYS: Partial<Record<FlagName, keyof ConfigFile>> = { dir: 'roots', remote: 'remotes' };

export type Flags = ReturnType<typeof parseFlags>;

/** The command line split into flag values (strings) and positionals; throws UsageError. */
export function parseFlags(argv: readonly string[]) {
  try {
    // Not imported: an ESM import of node:util evaluates all its lazy exports (~5 ms of every start).
    return process.getBuiltinModule('node:util').parseArgs({ args: joinDashValues(argv), options: FLAGS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(flagErrorText(err as { code?: string; message: string }, Object.keys(FLAGS)));
  }
}

/**
 * `--window-limit -5` → `--window-limit=-5`, so that the value gets the schema's message: parseArgs
 * calls any value starting with "-" ambiguous. `--flag --other` and `-h`/`-v` stay flags.
 */
function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const flag = Object.hasOwn(FLAGS, arg.slice(2)) ? (FLAGS[arg.slice(2) as FlagName] as { type: string }) : undefined;
    if (arg.startsWith('--') && flag?.type === 'string' && next && /^-[^-]/.test(next) && !/^-[hv]$/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** The flags that have a config key, as a config object checked by the config's own schema. */
export function flagConfig(values: Flags['values']): ConfigFile {
  const raw: Record<string, unknown> = {};
  const typed = new Map<string, [string, string]>();
  for (const [flag, [key, convert]] of Object.entries(CONFIG_KEYS) as [FlagName, [keyof ConfigFile, Convert]][]) {
    const value = values[flag];
    if (typeof value !== 'string') continue;
    raw[key] = convert(value);
    typed.set(key, [flag, value]);
  }
  for (const [flag, key] of Object.entries(LIST_KEYS) as [FlagName, keyof ConfigFile][]) {
    const value = values[flag];
    if (Array.isArray(value)) raw[key] = value;
  }
  if (values.bell) raw.bell = true;
  if (values['metrics-public']) raw.metricsPublic = true;
  if (values['no-store']) {
    if (values.store !== undefined) throw new UsageError('--store and --no-store exclude each other');
    raw.store = false;
  }
  if (Object.keys(raw).length === 0) return {};
  const result = configSchema().safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const [key, index] = issue.path as [string, number | undefined];
  const [flag, value] = typed.get(key) ?? listFlag(key, index, values);
  throw new UsageError(`--${flag}: bad value ${JSON.stringify(value)} (${issue.message})`);
}

/** The repeatable flag behind a list key, and the one value of it that failed. */
function listFlag(key: string, index: number | undefined, values: Flags['values']): [string, string] {
  const flag = (Object.keys(LIST_KEYS) as FlagName[]).find((f) => LIST_KEYS[f] === key)!;
  const list = values[flag] as string[];
  return [flag, list[index ?? 0] ?? ''];
}
