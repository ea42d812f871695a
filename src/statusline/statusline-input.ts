import * as z from 'zod/mini';
import { sanitize } from '../logs/sanitize.js';
import { WINDOW_KEY, type OfficialReading, type OfficialWindowReading } from '../state/official-record.js';

/** Below this a numeric `resets_at` is Unix seconds (most reports); above it, milliseconds. */
const MS_THRESHOLD = 1e11;

/** The latest instant a Date can hold (epoch ms): past it there is no time to show or to write as ISO-8601. */
const MAX_DATE_MS = 8.64e15;

/** `resets_at` as epoch ms: Unix seconds (number or numeric string) or ISO-8601; null when neither, or past any date. */
export function resetTime(value: number | string): number | null {
  if (typeof value === 'number' || /^\d+(\.\d+)?$/.test(value.trim())) {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) return null;
    const ms = Math.round(n < MS_THRESHOLD ? n * 1000 : n);
    return ms <= MAX_DATE_MS ? ms : null;
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

/** A string of the input that may be shown or recorded: sanitised as it is read. */
const text = z.pipe(z.string(), z.transform(sanitize));

/**
 * Claude Code sends the utilisation × 100, rounded to 0.1 and capped at 100, so anything outside
 * 0–100 did not come from it: ignored, never recorded. Its statusline input builder (the binary of
 * @anthropic-ai/claude-code-linux-x64 2.1.337: `used_percentage: min(round(u × 1000) / 10, 100)`)
 * adds `five_hour` and `seven_day` only when the server reported them, and behind an LLM gateway
 * `spend_limit` (its percentage not capped: one over 100 is left out here).
 */
const percentSchema = z.number().check(z.gte(0), z.lte(100));

/** A session's cost above this is not a real session's (a million dollars): ignored, never recorded. */
export const MAX_SESSION_COST_USD = 1e6;

const rateWindowSchema = z.looseObject({
  used_percentage: percentSchema,
  resets_at: z.union([z.number(), z.string()]),
});

/** A field that is optional and, when malformed, read as absent rather than failing the whole input. */
function lenient<T extends z.ZodMiniType>(schema: T) {
  return z.catch(z.nullish(schema), null);
}

/**
 * The JSON Claude Code pipes to a `statusLine` command. Only `session_id` is required; every other
 * field is read when present and well-formed (`rate_limits` arrived in 2.1.80, after the first response).
 */
export const statuslineInputSchema = z.looseObject({
  session_id: text,
  // A path to open, never shown: kept as given.
  transcript_path: lenient(z.string()),
  model: lenient(z.looseObject({ id: lenient(text), display_name: lenient(text) })),
  cost: lenient(z.looseObject({ total_cost_usd: lenient(z.number().check(z.gte(0), z.lte(MAX_SESSION_COST_USD))) })),
  // Every other key is read too (otherWindowsOf): spend_limit now, and per-model weekly buckets
  // (seven_day_opus, seven_day_sonnet: in 2.1.337's usage schema, not yet in its statusline input).
  rate_limits: lenient(z.looseObject({ five_hour: lenient(rateWindowSchema), seven_day: lenient(rateWindowSchema) })),
});

export type StatuslineInput = z.infer<typeof statuslineInputSchema>;

/** Parses stdin text; null when it is empty, not JSON or not a statusline input. */
export function parseStatuslineInput(text: string): StatuslineInput | null {
  if (text.trim() === '') return null;
  try {
    const result = statuslineInputSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** The state-file record of one statusline call at `now`. */
export function readingOf(input: StatuslineInput, now: number): OfficialReading {
  return {
    at: now,
    sessionId: input.session_id,
    model: input.model?.id ?? input.model?.display_name ?? null,
    fiveHour: windowOf(input.rate_limits?.five_hour),
    sevenDay: windowOf(input.rate_limits?.seven_day),
    ...otherWindowsOf(input.rate_limits),
    sessionCostUSD: input.cost?.total_cost_usd ?? null,
  };
}

/** The windows besides the 5-hour and 7-day ones, by Claude Code's key; a malformed one is left out. */
function otherWindowsOf(limits: Record<string, unknown> | null | undefined): { otherWindows?: Record<string, OfficialWindowReading> } {
  const others: Record<string, OfficialWindowReading> = {};
  for (const [key, value] of Object.entries(limits ?? {})) {
    if (key === 'five_hour' || key === 'seven_day' || !WINDOW_KEY.test(key)) continue;
    const parsed = rateWindowSchema.safeParse(value);
    const w = parsed.success ? windowOf(parsed.data) : null;
    if (w) others[key] = w;
  }
  return Object.keys(others).length > 0 ? { otherWindows: others } : {};
}

function windowOf(w: z.infer<typeof rateWindowSchema> | null | undefined): OfficialWindowReading | null {
  if (!w) return null;
  const resetsAt = resetTime(w.resets_at);
  return resetsAt === null ? null : { usedPercent: w.used_percentage, resetsAt };
}
