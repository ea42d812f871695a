import { z } from 'zod';
import { RESPONSE_BOUNDS, type UsageEvent } from './events.js';
import type { Result } from './result.js';
import { repeatSanitizer } from './sanitize.js';

const { maxTokens, maxCostUSD, earliest } = RESPONSE_BOUNDS;
const tokenCount = z.number().int().min(0).max(maxTokens, `more than ${maxTokens.toExponential()} tokens`).nullish();

/**
 * An ISO-8601 date (a bare number such as "1" would parse, as 2001) from 2023 on; the reader
 * refuses one more than a day after its clock (it has the clock).
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/;
const isTimestamp = (text: string): boolean => ISO_DATE.test(text) && timeOf(text) >= earliest;

// Plain (stripping) objects: only the declared keys are read and copied, never a record's
// content or its other fields, which is what keeps validation cheap on long lines.
const usageSchema = z.object({
  input_tokens: tokenCount,
  output_tokens: tokenCount,
  cache_creation_input_tokens: tokenCount,
  cache_read_input_tokens: tokenCount,
  cache_creation: z
    .object({ ephemeral_5m_input_tokens: tokenCount, ephemeral_1h_input_tokens: tokenCount })
    .nullish(),
  server_tool_use: z.object({ web_search_requests: tokenCount }).nullish(),
  speed: z.string().nullish(),
  inference_geo: z.string().nullish(),
});

/** The fields of a usage line that cctop reads (DESIGN.md §1); everything else is left unread. */
export const usageRecordSchema = z.object({
  timestamp: z.string().refine(isTimestamp, 'not an ISO-8601 time from 2023 on'),
  sessionId: z.string().nullish(),
  requestId: z.string().nullish(),
  cwd: z.string().nullish(),
  isSidechain: z.boolean().nullish(),
  message: z.object({
    id: z.string().nullish(),
    model: z.string().nullish(),
    usage: usageSchema,
  }),
  costUSD: z.number().min(0, 'negative').max(maxCostUSD, `over $${maxCostUSD.toExponential()}`).nullish(),
});

export type UsageRecord = z.infer<typeof usageRecordSchema>;

/** Validates a record that has `message.usage`; a reason naming the first bad field otherwise. */
export function readUsageRecord(record: unknown): Result<UsageRecord> {
  if (isValidRecord(record)) return { ok: true, value: record };
  const result = usageRecordSchema.safeParse(record);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || '(record)';
  return { ok: false, reason: `${field}: ${issue?.message ?? 'invalid'}` };
}

type Fields = Record<string, unknown>;

/**
 * The schema's checks by hand, several times cheaper than zod on valid records: true only for a
 * record the schema accepts as is (it strips unknown keys and transforms nothing, so its output
 * reads the same); anything else goes to zod, for its verdict and its reason.
 */
function isValidRecord(r: unknown): r is UsageRecord {
  if (!isFields(r) || typeof r.timestamp !== 'string' || !isTimestamp(r.timestamp)) return false;
  if (!optString(r.sessionId) || !optString(r.requestId) || !optString(r.cwd)) return false;
  if (!(r.isSidechain == null || typeof r.isSidechain === 'boolean')) return false;
  if (!(r.costUSD == null || (typeof r.costUSD === 'number' && r.costUSD >= 0 && r.costUSD <= maxCostUSD))) return false;
  const m = r.message;
  return isFields(m) && optString(m.id) && optString(m.model) && isValidUsage(m.usage);
}

function isValidUsage(u: unknown): boolean {
  if (!isFields(u) || !optString(u.speed) || !optString(u.inference_geo)) return false;
  if (!optCount(u.input_tokens) || !optCount(u.output_tokens)) return false;
  if (!optCount(u.cache_creation_input_tokens) || !optCount(u.cache_read_input_tokens)) return false;
  const cc = u.cache_creation;
  if (!(cc == null || (isFields(cc) && optCount(cc.ephemeral_5m_input_tokens) && optCount(cc.ephemeral_1h_input_tokens)))) return false;
  const stu = u.server_tool_use;
  return stu == null || (isFields(stu) && optCount(stu.web_search_requests));
}

function isFields(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optString(v: unknown): boolean {
  return v == null || typeof v === 'string';
}

/** zod's `int()` is a safe integer; `min(0)` lets -0 through, as this does. */
function optCount(v: unknown): boolean {
  return v == null || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= maxTokens);
}

let lastStamp = '';
let lastTime = NaN;

/** Date.parse remembering its last answer: a record's timestamp is parsed to validate it, then to read it. */
function timeOf(text: string): number {
  if (text !== lastStamp) {
    lastTime = Date.parse(text);
    lastStamp = text;
  }
  return lastTime;
}

const cleanSessionId = repeatSanitizer();
const cleanCwd = repeatSanitizer();
const cleanModel = repeatSanitizer();
const cleanGeo = repeatSanitizer();

/** The event of a validated record; its strings are sanitised here (the key stays exact: it is only compared). */
export function toUsageEvent(record: UsageRecord, file: string): UsageEvent {
  const usage = record.message.usage;
  const id = record.message.id;
  const requestId = record.requestId;
  return {
    key: id && requestId ? `${id}:${requestId}` : null,
    timestamp: timeOf(record.timestamp),
    sessionId: cleanSessionId(record.sessionId ?? ''),
    cwd: cleanCwd(record.cwd ?? ''),
    model: record.message.model ? cleanModel(record.message.model) : '<unknown>',
    isSidechain: record.isSidechain ?? false,
    tokens: {
      input: usage.input_tokens ?? 0,
      output: usage.output_tokens ?? 0,
      cacheCreation: usage.cache_creation_input_tokens ?? 0,
      cacheCreation5m: usage.cache_creation?.ephemeral_5m_input_tokens ?? 0,
      cacheCreation1h: usage.cache_creation?.ephemeral_1h_input_tokens ?? 0,
      cacheRead: usage.cache_read_input_tokens ?? 0,
      webSearchRequests: usage.server_tool_use?.web_search_requests ?? 0,
    },
    speed: usage.speed === 'fast' ? 'fast' : 'standard',
    inferenceGeo: usage.inference_geo == null ? null : cleanGeo(usage.inference_geo),
    costUSD: record.costUSD ?? null,
    file,
  };
}
