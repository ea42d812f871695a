import { z } from 'zod';

const limitSetting = z.union([z.number().positive(), z.literal('auto')]);

/** `~/.config/cctop/config.json`: every key optional; flags override it. */
export const configSchema = z.strictObject({
  plan: z.enum(['pro', 'max5', 'max20', 'api', 'custom']).optional(),
  fee: z.number().nonnegative().optional(),
  seats: z.number().int().positive().optional(),
  windowLimit: limitSetting.optional(),
  weeklyLimit: limitSetting.optional(),
  limitBasis: z.enum(['cost', 'tokens', 'io']).optional(),
  timeZone: z.string().min(1).optional(),
  priceMultiplier: z.number().positive().optional(),
  pricingFile: z.string().min(1).optional(),
  costMode: z.enum(['calculate', 'auto', 'display']).optional(),
  roots: z.array(z.string().min(1)).optional(),
  burnWindowMinutes: z.number().int().min(1).max(60).optional(),
  spikeFloor: z.number().nonnegative().optional(),
  spikeFactor: z.number().min(1).optional(),
  bell: z.boolean().optional(),
  alertLog: z.string().min(1).optional(),
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
