import { z } from 'zod';

const usdPerMillion = z.number().nonnegative();

/** USD per million tokens of each kind. */
export const ratesSchema = z.strictObject({
  input: usdPerMillion,
  output: usdPerMillion,
  cacheWrite5m: usdPerMillion,
  cacheWrite1h: usdPerMillion,
  cacheRead: usdPerMillion,
});

/** Requests whose input side (input + cache writes + cache reads) exceeds the threshold pay these rates on every token. */
export const longContextSchema = z.strictObject({
  thresholdTokens: z.number().int().positive(),
  rates: ratesSchema,
});

export const historyEntrySchema = z.strictObject({
  /** Last UTC day (inclusive) on which this entry's prices applied. */
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a YYYY-MM-DD date'),
  /** Rates that differed then; the others are the model's current ones. */
  rates: ratesSchema.partial().optional(),
  longContext: longContextSchema.optional(),
});

export const modelPriceSchema = z.strictObject({
  ...ratesSchema.shape,
  longContext: longContextSchema.optional(),
  fast: ratesSchema.optional(),
  /** Applied to the token cost when `inference_geo` is "us". */
  usOnlyMultiplier: z.number().positive().optional(),
  history: z.array(historyEntrySchema).optional(),
});

export const priceTableSchema = z.strictObject({
  /** Where the table came from, for people. */
  source: z.string().optional(),
  webSearchUSDPerRequest: z.number().nonnegative().optional(),
  models: z.record(z.string().min(1), modelPriceSchema),
});

export type Rates = z.infer<typeof ratesSchema>;
export type LongContext = z.infer<typeof longContextSchema>;
export type ModelPrice = z.infer<typeof modelPriceSchema>;
export type PriceTable = z.infer<typeof priceTableSchema>;

export class PriceTableError extends Error {
  override name = 'PriceTableError';
}

/** Validates a parsed price file; `source` names the file in the error. */
export function loadPriceTable(json: unknown, source: string): PriceTable {
  const result = priceTableSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 3).map((i) => `${formatPath(i.path)}: ${i.message}`);
  const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
  throw new PriceTableError(`invalid price table ${source}: ${problems.join('; ')}${more}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      const key = String(p);
      if (/^[A-Za-z_$][\w$]*$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}
