import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { isValidTimeZone } from '../usage/zone.js';
import { canonicalPlan, PLAN_NAMES } from '../usage/plans.js';
import type { PlanName } from '../usage/metrics-types.js';
import { isRemoteHost, parseListenAddress } from './address.js';

// zod/mini (small enough for the statusline's start-up) ships no messages: use the English ones.
z.config(en());

// One message per key, for every way a value can be wrong: a flag's error quotes it as typed.
const between = (min: number, max: number, m: string) => z.number({ error: m }).check(z.gte(min, m), z.lte(max, m));
const above0 = (max: number, m: string) => z.number({ error: m }).check(z.positive(m), z.lte(max, m));
const whole = (min: number, max: number, m: string) => z.int({ error: m }).check(z.gte(min, m), z.lte(max, m));
const text = (m: string) => z.string({ error: m }).check(z.minLength(1, m));
const checked = (ok: (s: string) => boolean, m: string) => z.string({ error: m }).check(z.refine(ok, m));
const limitMessage = 'expected auto or a number above 0, at most 1e12';
const storeMessage = 'expected a file path or false';
const remoteMessage = 'expected an ssh host: host, user@host or ssh://[user@]host[:port][/path]';
const metricsMessage = 'expected host:port, [v6]:port or :port, with a port of 1–65535';

/** `~/.config/cctop/config.json`: every key optional; flags override it. Flags are checked by it too. */
function buildConfigSchema() {
  const limitSetting = z.union([above0(1e12, limitMessage), z.literal('auto', { error: limitMessage })], { error: limitMessage });
  return z.strictObject({
    // max5 and max20 (the plans' names before 2026-10-30) stay as aliases of max and ultra.
    plan: z.optional(z.pipe(
      z.enum([...PLAN_NAMES, 'max5', 'max20'], { error: 'expected pro, max, ultra, team, enterprise, api or custom' }),
      z.transform((name: PlanName | 'max5' | 'max20') => canonicalPlan(name)),
    )),
    fee: z.optional(between(0, 1e6, 'expected a monthly fee of 0–1000000 USD')),
    seats: z.optional(whole(1, 10_000, 'expected a whole number of seats, 1–10000')),
    windowLimit: z.optional(limitSetting),
    weeklyLimit: z.optional(limitSetting),
    limitBasis: z.optional(z.enum(['cost', 'tokens', 'io'], { error: 'expected cost, tokens or io' })),
    timeZone: z.optional(checked(isValidTimeZone, 'unknown time zone; expected an IANA name such as Europe/Berlin')),
    priceMultiplier: z.optional(above0(100, 'expected a number above 0, at most 100')),
    pricingFile: z.optional(text('expected a file path')),
    costMode: z.optional(z.enum(['calculate', 'auto', 'display'], { error: 'expected calculate, auto or display' })),
    roots: z.optional(z.array(text('expected a folder path'), { error: 'expected a list of folder paths' })),
    burnWindowMinutes: z.optional(whole(1, 60, 'expected a whole number of minutes, 1–60')),
    spikeFloor: z.optional(between(0, 1e9, 'expected 0–1000000000 tokens per minute')),
    spikeFactor: z.optional(between(1, 100, 'expected a multiple of 1–100')),
    bell: z.optional(z.boolean({ error: 'expected true or false' })),
    alertLog: z.optional(text('expected a file path')),
    store: z.optional(z.union([text(storeMessage), z.literal(false, { error: storeMessage })], { error: storeMessage })),
    remotes: z.optional(z.array(checked(isRemoteHost, remoteMessage), { error: 'expected a list of ssh hosts' })),
    sshCommand: z.optional(text('expected a command, such as "ssh -p 2222"')),
    metrics: z.optional(checked((s) => parseListenAddress(s) !== null, metricsMessage)),
    metricsLabels: z.optional(z.array(z.enum(['project'], { error: 'expected project' }), { error: 'expected a list of labels: project' })),
    metricsPublic: z.optional(z.boolean({ error: 'expected true or false' })),
    // When the 5-hour window is metered faster: weekdays 05:00–11:00 America/Los_Angeles unless set.
    peakHours: z.optional(z.strictObject({
      timeZone: checked(isValidTimeZone, 'unknown time zone; expected an IANA name such as America/Los_Angeles'),
      days: z.array(whole(0, 6, 'expected days of the week, 0 (Sunday) to 6'), { error: 'expected a list of days, 0 (Sunday) to 6' }),
      from: whole(0, 23, 'expected an hour, 0–23'),
      to: whole(1, 24, 'expected an hour, 1–24'),
    }, { error: 'expected {"timeZone": "America/Los_Angeles", "days": [1,2,3,4,5], "from": 5, "to": 11}' })),
    notify: z.optional(z.array(z.enum(['osc', 'tmux', 'desktop'], { error: 'expected osc, tmux or desktop' }), { error: 'expected a list: osc, tmux, desktop' })),
  });
}

let schema: ReturnType<typeof buildConfigSchema> | undefined;

/**
 * Built on first use: its ~40 checks cost a start several milliseconds, and the statusline
 * (run after every response) with no config file and no flags never needs them.
 */
export function configSchema(): ReturnType<typeof buildConfigSchema> {
  return (schema ??= buildConfigSchema());
}

export type ConfigFile = z.infer<ReturnType<typeof buildConfigSchema>>;

export class ConfigError extends Error {}

/** Validates a parsed config file; the error names the file and each bad field. */
export function parseConfig(json: unknown, source: string): ConfigFile {
  const result = configSchema().safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
  throw new ConfigError(`invalid config file ${source}:\n  ${problems.join('\n  ')}`);
}
