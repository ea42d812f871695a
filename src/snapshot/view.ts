import { z } from 'zod';

/**
 * The fields of the `cctop --json` snapshot that the Prometheus exporter and the MCP server
 * read, as zod schemas (unknown keys are dropped). Instants are ISO-8601 strings, tokens
 * integers, USD plain floats, durations milliseconds. Numbers that come from a division may
 * be `null` in a snapshot (it writes non-finite numbers as null), so those are nullable here.
 */

const num = z.number();
const ratio = z.number().nullable();
const instant = z.string();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const tokensSchema = z.object({
  input: num, output: num, cacheCreation: num, cacheRead: num, total: num,
});

export const limitUsageSchema = z.object({
  basis: z.enum(['cost', 'tokens', 'io']), used: num, limit: ratio, fraction: ratio,
});

export const limitEstimateSchema = z.object({
  basis: z.enum(['cost', 'tokens', 'io']), value: ratio, source: z.string(), label: z.string(),
});

export const planSchema = z.object({
  name: z.string(), label: z.string(), feeUSD: num, seats: num,
  limitBasis: z.enum(['cost', 'tokens', 'io']), priceMultiplier: num,
  windows: z.array(z.string()).describe('the official windows this account has, by Claude Code\'s key: the plan\'s unless a fresh reading shows which'),
});

export const burnRateSchema = z.object({
  windowMinutes: num, tokensPerMinute: num, costPerHour: num,
  previousTokensPerMinute: num, previousCostPerHour: num, trendRatio: ratio, sparkline: z.array(num),
});

export const activeBlockSchema = z.object({
  start: instant, end: instant, firstEventAt: instant, lastEventAt: instant,
  tokens: tokensSchema, costUSD: num, msToReset: num,
  projectedTokens: ratio, projectedCostUSD: ratio, usage: limitUsageSchema,
  projectedUsed: ratio, limitReachedAt: instant.nullable(),
});

export const officialWindowSchema = z.object({
  usedPercent: num, resetsAt: instant, recordedAt: instant, ageMs: num, stale: z.boolean(),
  impliedLimit: ratio, impliedLimitMedian: ratio, projectedFullAt: instant.nullable(),
});

export const officialWindowNowSchema = z.object({
  usedPercent: num, resetsAt: instant, recordedAt: instant, ageMs: num, stale: z.boolean(),
});

export const windowRecordSchema = z.object({
  key: z.string(), start: instant, end: instant, firstPercent: num, lastPercent: num, peakPercent: num,
  costUSD: num.describe('local spend in the window that counts toward the plan (fast mode excluded), on the machines cctop reads'),
  tokens: num, hit: z.boolean(), hitAt: instant.nullable(),
  costPerPercent: ratio.describe('USD of local spend per percentage point between the first and last reading; null under 5 points'),
  open: z.boolean(),
});

export const costPerPercentSchema = z.object({
  current: ratio, median: ratio, peak: ratio, offPeak: ratio, windows: num,
});

export const driftSchema = z.object({
  before: num, after: num, changePercent: num, since: instant, beforeFrom: instant, beforeTo: instant,
});

export const usageCreditsSchema = z.object({
  month: z.string(), fastModeUSD: num, pastLimitUSD: num, totalUSD: num,
});

export const daySchema = z.object({
  date: day, tokens: tokensSchema, costUSD: num,
  models: z.array(z.object({ model: z.string(), tokens: tokensSchema, costUSD: num })),
  topModel: z.string().nullable(), spike: z.boolean(),
  fromStore: z.boolean().describe('true when the day comes from the history store alone: its logs are gone'),
});

export const monthSchema = z.object({
  month: z.string(), tokens: tokensSchema, costUSD: num, projectedCostUSD: ratio, dailyAverageUSD: ratio,
  daysElapsed: num, daysInMonth: num, feeUSD: num,
  planCoveredUSD: num.describe('the month\'s cost less the usage credits (fast mode, past the limit): what the fee covers'),
  valueMultiplier: ratio, projectedValueMultiplier: ratio,
  breakEvenAt: instant.nullable(), daysToBreakEven: ratio,
  heaviestDay: z.object({ date: day, costUSD: num, feeMultiple: ratio }).nullable(),
  topDays: z.array(z.object({ date: day, costUSD: num })),
  byMachine: z.array(z.object({ machine: z.string(), costUSD: num })).describe('the month\'s cost by machine (local, or an ssh host)'),
});

export const modelShareSchema = z.object({
  name: z.string(), family: z.string(), tokens: tokensSchema, costUSD: num,
  tokenShare: ratio, costShare: ratio, priced: z.boolean(),
});

export const sessionSchema = z.object({
  sessionId: z.string(), project: z.string(), cwd: z.string(), model: z.string(),
  firstSeen: instant, lastSeen: instant, tokens: tokensSchema, costUSD: num,
  windowTokens: num, windowCostUSD: num, tokensPerMinute: num, costPerHour: num,
  active: z.boolean(), spiking: z.boolean(),
  projectDir: z.string().nullable().describe('the project folder, decoded, when the log has no cwd'),
  machine: z.string().describe('local, or the ssh host named with --remote'),
});

const tokensAndCostSchema = z.object({ tokens: tokensSchema, costUSD: num });

export const weekSchema = z.object({
  start: instant, end: instant, all: tokensAndCostSchema, opus: tokensAndCostSchema, sonnet: tokensAndCostSchema,
  limit: limitEstimateSchema, usage: limitUsageSchema,
});

export const valueSchema = z.object({
  feeUSD: num, monthCostUSD: num, meteredCostUSD: num, projectedMeteredCostUSD: ratio,
  cheaper: z.enum(['plan', 'api']).nullable(), breakEvenOutputTokens: ratio,
  breakEvenModel: z.string().nullable(), outputTokensMonth: num,
});

export const spikeSchema = z.object({
  sessionId: z.string(), project: z.string(), since: instant,
  tokensPerMinute: num, baselinePerMinute: ratio, threshold: ratio,
});

export const limitHitSchema = z.object({
  at: instant, kind: z.string(), resetsAt: instant.nullable(), usedAtHit: ratio, text: z.string(),
});

export const windowInForceSchema = z.object({
  source: z.enum(['official', 'stale', 'estimate']), usedPercent: ratio, fraction: ratio,
  resetsAt: instant.nullable(), limitAt: instant.nullable(), limitReached: z.boolean(),
}).describe('the window as decided once for every output: the official reading when fresh, else the local estimate');

export const snapshotViewSchema = z.object({
  now: instant,
  timeZone: z.string(),
  since: day,
  demo: z.boolean().describe('true when the numbers are the demo\'s made-up usage, not the user\'s'),
  plan: planSchema,
  loading: z.object({ done: z.boolean() }),
  lastEventAt: instant.nullable(),
  burnRate: burnRateSchema,
  activeBlock: activeBlockSchema.nullable(),
  windowLimit: limitEstimateSchema,
  days: z.array(daySchema),
  month: monthSchema,
  models: z.object({ window: z.array(modelShareSchema), month: z.array(modelShareSchema), monthByModel: z.array(modelShareSchema) }),
  sessions: z.array(sessionSchema),
  week: weekSchema,
  value: valueSchema,
  spikes: z.array(spikeSchema),
  limitHits: z.array(limitHitSchema),
  official: z.object({
    fiveHour: officialWindowSchema.nullable(), sevenDay: officialWindowSchema.nullable(),
    windows: z.record(z.string(), officialWindowNowSchema),
  }),
  windows: z.array(windowRecordSchema),
  limits: z.object({
    costPerPercent: z.record(z.string(), costPerPercentSchema),
    drift: z.record(z.string(), driftSchema.nullable()),
  }),
  usageCredits: usageCreditsSchema,
  inForce: z.object({ fiveHour: windowInForceSchema, sevenDay: windowInForceSchema }),
});

/** The snapshot fields cctop's exporters read. */
export type SnapshotView = z.infer<typeof snapshotViewSchema>;
export type Tokens = z.infer<typeof tokensSchema>;
export type OfficialWindow = z.infer<typeof officialWindowSchema>;
export type WindowInForce = z.infer<typeof windowInForceSchema>;
export type WindowRecordView = z.infer<typeof windowRecordSchema>;

/** What the exporters are given: a function returning the current snapshot (`toSnapshot(metrics)`). */
export type SnapshotSource = () => unknown;

/** Validates a snapshot; throws a short error naming the first bad field. */
export function parseSnapshot(value: unknown): SnapshotView {
  const result = snapshotViewSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`invalid snapshot: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown'}`);
}

/** Milliseconds between two ISO instants of a snapshot. */
export function msBetween(from: string, to: string): number {
  return Date.parse(to) - Date.parse(from);
}

