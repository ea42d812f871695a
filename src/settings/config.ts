import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini (small enough for the statusline's start-up) ships no messages: use the English ones.
z.config(en());

const limitSetting = z.union([z.number().check(z.positive()), z.literal('auto')]);

/** `~/.config/cctop/config.json`: every key optional; flags override it. */
export const configSchema = z.strictObject({
  plan: z.optional(z.enum(['pro', 'max5', 'max20', 'api', 'custom'])),
  fee: z.optional(z.number().check(z.nonnegative())),
  seats: z.optional(z.int().check(z.positive())),
  windowLimit: z.optional(limitSetting),
  weeklyLimit: z.optional(limitSetting),
  limitBasis: z.optional(z.enum(['cost', 'tokens', 'io'])),
  timeZone: z.optional(z.string().check(z.minLength(1))),
  priceMultiplier: z.optional(z.number().check(z.positive())),
  pricingFile: z.optional(z.string().check(z.minLength(1))),
  costMode: z.optional(z.enum(['calculate', 'auto', 'display'])),
  roots: z.optional(z.array(z.string().check(z.minLength(1)))),
  burnWindowMinutes: z.optional(z.int().check(z.gte(1), z.lte(60))),
  spikeFloor: z.optional(z.number().check(z.nonnegative())),
  spikeFactor: z.optional(z.number().check(z.gte(1))),
  bell: z.optional(z.boolean()),
  alertLog: z.optional(z.string().check(z.minLength(1))),
});

export type ConfigFile = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Validates a parsed config file; the error names the file and each bad field. */
export function parseConfig(json: unknown, source: string): ConfigFile {
  const result = configSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
  throw new ConfigError(`invalid config file ${source}:\n  ${problems.join('\n  ')}`);
}
