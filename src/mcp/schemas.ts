import { z } from 'zod';
import {
  burnRateSchema, costPerPercentSchema, daySchema, driftSchema, limitEstimateSchema, limitUsageSchema, modelShareSchema,
  monthSchema, officialWindowNowSchema, officialWindowSchema, planSchema, sessionSchema, spikeSchema, tokensSchema,
  valueSchema, windowRecordSchema,
} from '../snapshot/view.js';

/** Input and output schemas of the MCP tools; the outputs reuse the snapshot's own shapes. */

const instant = z.string().describe('ISO-8601 instant');
const ms = z.number().nullable().describe('milliseconds from now, null when unknown');
const tokensAndCost = z.object({ tokens: tokensSchema, costUSD: z.number() });

/** The reading a window is judged by: official when Anthropic's reading is current, else cctop's estimate. */
const primary = {
  source: z.enum(['official', 'estimate']),
  usedPercent: z.number().nullable().describe('0..100 of the limit used; null when no limit is known'),
  leftPercent: z.number().nullable().describe('100 − usedPercent, never below 0'),
  resetsAt: instant.nullable(),
  msToReset: ms,
  limitReachedAt: instant.nullable().describe('when the limit is reached at the current burn rate; null if not before the reset'),
  msToLimit: ms,
};

/** What a percentage point of a window buys in local spend, and its drift. */
const windowLimits = {
  costPerPercent: costPerPercentSchema.nullable()
    .describe('USD of local spend (the machines cctop reads) per percentage point: current, median, peak hours, off-peak; null before any reading of the window'),
  drift: driftSchema.nullable()
    .describe('what a point bought in the last 3 closed windows (after) against the 10 before (before), when it moved by more than 15 %'),
};

export const windowStatusOutput = z.object({
  now: instant,
  summary: z.string().describe('the answer in one paragraph'),
  plan: planSchema.pick({ name: true, label: true, windows: true }),
  windows: z.array(z.object({
    key: z.string().describe("Claude Code's key: five_hour, seven_day, seven_day_opus, ..."),
    name: z.string().describe('5-hour, 7-day, 7-day Opus, ...'),
    official: officialWindowNowSchema.nullable().describe("Anthropic's latest reading while the window has not reset"),
    msToReset: ms,
    ...windowLimits,
  })).describe("the account's windows in its order (the 7-day first without a 5-hour limit), then every other window Anthropic reports"),
  fiveHour: z.object({
    ...primary,
    official: officialWindowSchema.nullable(),
    estimate: z.object({
      active: z.boolean(), start: instant.nullable(), end: instant.nullable(), msToReset: ms,
      usage: limitUsageSchema, projectedUsed: z.number().nullable(), limitReachedAt: instant.nullable(),
      limit: limitEstimateSchema,
    }),
    ...windowLimits,
  }).nullable().describe('null when the account has no 5-hour limit (plan.windows lacks five_hour)'),
  sevenDay: z.object({
    ...primary,
    official: officialWindowSchema.nullable(),
    estimate: z.object({
      start: instant, end: instant, usage: limitUsageSchema, limit: limitEstimateSchema,
      all: tokensAndCost, opus: tokensAndCost, sonnet: tokensAndCost,
    }),
    ...windowLimits,
  }).nullable().describe('null when the account has official windows but no weekly one'),
  burnRate: z.object({ windowMinutes: z.number(), tokensPerMinute: z.number(), costPerHour: z.number() }),
});

export const windowHistoryOutput = z.object({
  now: instant,
  timeZone: z.string().describe('the zone the summary gives times in'),
  key: z.string().nullable().describe('the window key asked for; null for every key'),
  summary: z.string().describe('the windows in words, newest first, with the drift'),
  total: z.number().describe('recorded windows of the key (of every key without one)'),
  windows: z.array(windowRecordSchema).describe('the recorded official windows, newest first (by end), at most limit'),
  costPerPercent: z.record(z.string(), costPerPercentSchema).describe('by key: USD of local spend per percentage point'),
  drift: z.record(z.string(), driftSchema.nullable()).describe('by key: the drift of what a point buys, null when none'),
});

const sessionRate = z.object({
  sessionId: z.string(), project: z.string(), tokensPerMinute: z.number(), costPerHour: z.number(), spiking: z.boolean(),
});

export const burnRateOutput = z.object({
  now: instant,
  burnRate: burnRateSchema,
  projection: z.object({
    end: instant, projectedTokens: z.number().nullable(), projectedCostUSD: z.number().nullable(),
    projectedUsed: z.number().nullable(), basis: z.enum(['cost', 'tokens', 'io']),
  }).nullable().describe('the active 5-hour window at its end if the current rate holds; null without one'),
  sessions: z.array(sessionRate).describe('sessions burning now, fastest first'),
});

export const monthSummaryOutput = z.object({
  plan: planSchema,
  month: monthSchema,
  value: valueSchema,
  families: z.array(modelShareSchema).describe('model mix of the month by family'),
  models: z.array(modelShareSchema).describe('model mix of the month by model id'),
});

export const daysOutput = z.object({
  timeZone: z.string(),
  since: z.string().describe('first day of the loaded history'),
  from: z.string().nullable(),
  to: z.string().nullable(),
  days: z.array(daySchema).describe('days with usage in the range, ascending'),
  total: tokensAndCost,
});

export const sessionsOutput = z.object({
  now: instant,
  total: z.number().describe('sessions in the loaded history'),
  active: z.number().describe('sessions with activity in the last 30 minutes'),
  spiking: z.number().describe('sessions spiking now'),
  sessions: z.array(sessionSchema).describe('spiking first, then most recent'),
  spikes: z.array(spikeSchema),
});

const isCalendarDay = (text: string): boolean => {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
};

const dayArg = z.string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isCalendarDay, 'not a calendar date');

export const daysInput = {
  from: dayArg.optional().describe('first day, YYYY-MM-DD in the monitor\'s time zone (default: the history start)'),
  to: dayArg.optional().describe('last day, YYYY-MM-DD, inclusive (default: the latest day with usage)'),
};

/** Claude Code's window keys are word characters (state/official-record.ts WINDOW_KEY). */
export const windowHistoryInput = {
  key: z.string().regex(/^[a-z0-9_]{1,64}$/i, 'a window key such as five_hour, seven_day or seven_day_opus').optional()
    .describe('only this window key (five_hour, seven_day, seven_day_opus, ...); default: every key'),
  limit: z.number().int().min(1).max(200).optional().describe('at most this many windows, newest first (default 20)'),
};

export const sessionsInput = {
  limit: z.number().int().min(1).max(500).optional().describe('at most this many sessions (default 20)'),
  only: z.enum(['active', 'spiking']).optional().describe('only active sessions (last 30 min) or only spiking ones'),
};

export type WindowStatus = z.infer<typeof windowStatusOutput>;
export type WindowHistoryResult = z.infer<typeof windowHistoryOutput>;
export type BurnRateResult = z.infer<typeof burnRateOutput>;
export type MonthSummaryResult = z.infer<typeof monthSummaryOutput>;
export type DaysResult = z.infer<typeof daysOutput>;
export type SessionsResult = z.infer<typeof sessionsOutput>;
