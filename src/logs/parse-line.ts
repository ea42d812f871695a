import type { LimitHit, UsageEvent } from './events.js';
import { detectLimitHit, isObject } from './limit-hit.js';
import type { Result } from './result.js';
import { sanitize } from './sanitize.js';
import { readUsageRecord, toUsageEvent } from './usage-record.js';

export const USAGE_MARKER = '"usage"';
/** The prefilter's markers: only lines holding one of them are ever decoded and parsed. */
export const PREFILTER_MARKERS: readonly Buffer[] = [USAGE_MARKER, '"rate_limit"', 'isApiErrorMessage'].map((m) => Buffer.from(m));
/** The longest marker's length: a marker split across two reads lies within this many bytes of the seam. */
export const LONGEST_MARKER = Math.max(...PREFILTER_MARKERS.map((m) => m.length));

/** The prefilter: only lines holding one of the markers are ever decoded and parsed. */
export function lineMayMatter(buf: Buffer, start: number, end: number): boolean {
  const line = buf.subarray(start, end);
  return PREFILTER_MARKERS.some((marker) => line.indexOf(marker) !== -1);
}

/** What a legacy limit message's text says; a line without these bytes holds no such text. */
export const LIMIT_WORDS = 'limit reached';

export type LineResult =
  | { kind: 'usage'; event: UsageEvent }
  | { kind: 'limit'; hit: LimitHit }
  | { kind: 'ignored' }
  | { kind: 'bad'; reason: string };

/** What one log line holds. Never throws; a damaged line yields what can be recovered plus one `bad`. */
export function parseLine(text: string, file: string, timeZone: string): LineResult[] {
  // A byte order mark (an editor's save puts one at a file's start) is not part of the line.
  const line = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = tryJson(line);
  if (parsed.ok) return resultsForRecord(parsed.value, file, timeZone);
  // JSON never holds a raw NUL, so only a line that failed to parse can need stripping.
  const stripped = line.includes('\u0000') ? line.replaceAll('\u0000', '') : line;
  if (stripped.trim() === '') return [{ kind: 'ignored' }];
  const again = stripped === line ? parsed : tryJson(stripped);
  if (again.ok) return resultsForRecord(again.value, file, timeZone);
  return recoverRecords(stripped, again.reason, file, timeZone);
}

/** What one parsed record holds (a skeleton from json-skeleton.ts gives the same, see parse-bytes.ts). */
export function resultsForRecord(record: unknown, file: string, timeZone: string): LineResult[] {
  if (!isObject(record)) return [{ kind: 'bad', reason: 'not a JSON object' }];
  const results: LineResult[] = [];
  const hit = mayBeLimitHit(record) ? detectLimitHit(record, file, timeZone) : null;
  if (hit) results.push({ kind: 'limit', hit });
  const usage = usageResult(record, file);
  if (usage) results.push(usage);
  return results.length > 0 ? results : [{ kind: 'ignored' }];
}

/**
 * Spares joining the message text of every usage line: a limit message says so in its fields,
 * or one of its text blocks carries the legacy "… limit reached|<epoch>" (what limit-hit reads).
 */
export function mayBeLimitHit(record: Record<string, unknown>): boolean {
  if (record.error === 'rate_limit' || record.isApiErrorMessage === true) return true;
  const content = isObject(record.message) ? record.message.content : record.content;
  if (typeof content === 'string') return content.includes(LIMIT_WORDS);
  return Array.isArray(content) && content.some((b) => isObject(b) && typeof b.text === 'string' && b.text.includes(LIMIT_WORDS));
}

function usageResult(record: Record<string, unknown>, file: string): LineResult | null {
  const agentCopy = agentProgressCopy(record);
  if (agentCopy) return usageFrom(agentCopy, file, 'agent copy ');
  const message = record.message;
  if (isObject(message)) return message.usage == null ? null : usageFrom(record, file, '');
  if (message !== undefined && record.type === 'assistant') {
    return { kind: 'bad', reason: `message: expected an object, got ${jsonType(message)}` };
  }
  return null;
}

function usageFrom(record: unknown, file: string, label: string): LineResult {
  const read = readUsageRecord(record);
  if (!read.ok) return { kind: 'bad', reason: sanitize(`${label}${read.reason}`) };
  return { kind: 'usage', event: toUsageEvent(read.value, file) };
}

/**
 * Since 2.1.x a parent session's `progress` line with `data.type: "agent_progress"` holds a copy of
 * a subagent's API response at `data.message`. Rebuilt as a usage record of the parent session.
 */
function agentProgressCopy(record: Record<string, unknown>): Record<string, unknown> | null {
  if (record.type !== 'progress' || !isObject(record.data)) return null;
  if (record.data.type !== 'agent_progress') return null;
  const inner = record.data.message;
  if (!isObject(inner) || !isObject(inner.message) || inner.message.usage == null) return null;
  return {
    timestamp: inner.timestamp,
    sessionId: record.sessionId,
    cwd: record.cwd,
    requestId: inner.requestId,
    isSidechain: true,
    message: inner.message,
  };
}

function tryJson(text: string): Result<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * A line that is not JSON: usually a truncated record with a complete one spliced after it.
 * Splits at record starts (`{"` not inside a value), parses each piece, and reports one `bad`.
 */
function recoverRecords(text: string, error: string, file: string, timeZone: string): LineResult[] {
  const results: LineResult[] = [];
  let broken = 0;
  for (const piece of splitAtRecordStarts(text)) {
    const parsed = tryJson(piece);
    const value = parsed.ok ? parsed.value : parsableSuffix(piece);
    if (!parsed.ok) broken++;
    if (value !== undefined) results.push(...resultsForRecord(value, file, timeZone));
  }
  if (broken === 0) return results;
  const recovered = results.filter((r) => r.kind === 'usage' || r.kind === 'limit').length;
  const reason = recovered > 0 ? `invalid JSON (recovered ${recovered} record(s))` : `invalid JSON: ${error}`;
  // V8's JSON errors quote the line, controls included.
  return [...results, { kind: 'bad', reason: sanitize(reason.slice(0, 200)) }];
}

/**
 * Inside valid JSON, `{"` only follows `:`, `,` or `[` (quotes inside strings are escaped), so any
 * other `{"` starts a new record: `{"type":"assistant","mess{"parentUuid":…}` splits in two.
 */
function splitAtRecordStarts(text: string): string[] {
  const pieces: string[] = [];
  let pieceStart = 0;
  for (let at = text.indexOf('{"', 1); at !== -1; at = text.indexOf('{"', at + 2)) {
    if (!/[:,[]/.test(previousNonSpace(text, at))) {
      pieces.push(text.slice(pieceStart, at));
      pieceStart = at;
    }
  }
  pieces.push(text.slice(pieceStart));
  return pieces;
}

function previousNonSpace(text: string, at: number): string {
  for (let i = at - 1; i >= 0; i--) {
    const ch = text[i] ?? '';
    if (!/\s/.test(ch)) return ch;
  }
  return '';
}

const MAX_SUFFIX_TRIES = 32;

/** The first suffix starting at `{"` that parses to a typed record (a stub cut after `:` or `,`). */
function parsableSuffix(piece: string): unknown {
  let tries = 0;
  for (let at = piece.indexOf('{"', 1); at !== -1 && tries < MAX_SUFFIX_TRIES; at = piece.indexOf('{"', at + 2)) {
    tries++;
    const parsed = tryJson(piece.slice(at));
    if (parsed.ok && isObject(parsed.value) && typeof parsed.value.type === 'string') return parsed.value;
  }
  return undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}
