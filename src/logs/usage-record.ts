import { z } from 'zod';
import type { UsageEvent } from './events.js';
import { repeatSanitizer } from './sanitize.js';

const tokenCount = z.number().int().min(0).nullish();

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
  timestamp: z.string().refine((s) => Number.isFinite(Date.parse(s)), 'not a date'),
  sessionId: z.string().nullish(),
  requestId: z.string().nullish(),
  cwd: z.string().nullish(),
  isSidechain: z.boolean().nullish(),
  message: z.object({
    id: z.string().nullish(),
    model: z.string().nullish(),
    usage: usageSchema,
  }),
  costUSD: z.number().nullish(),
});

export type UsageRecord = z.infer<typeof usageRecordSchema>;

/** Validates a record that has `message.usage`; a reason naming the first bad field otherwise. */
export function readUsageRecord(
  record: unknown,
): { ok: true; record: UsageRecord } | { ok: false; reason: string } {
  const result = usageRecordSchema.safeParse(record);
  if (result.success) return { ok: true, record: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || '(record)';
  return { ok: false, reason: `${field}: ${issue?.message ?? 'invalid'}` };
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
    timestamp: Date.parse(record.timestamp),
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
