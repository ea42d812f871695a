import type { StoredResponse } from './types.js';

/** The export columns, in order: one per stored field (tokens, not cost). */
const COLUMNS: readonly [string, (r: StoredResponse) => string | number | boolean | null][] = [
  ['time', (r) => new Date(r.timestamp).toISOString()],
  ['timestamp_ms', (r) => r.timestamp],
  ['machine', (r) => r.machine],
  ['session_id', (r) => r.sessionId],
  ['cwd', (r) => r.cwd],
  ['model', (r) => r.model],
  ['input_tokens', (r) => r.tokens.input],
  ['output_tokens', (r) => r.tokens.output],
  ['cache_creation_tokens', (r) => r.tokens.cacheCreation],
  ['cache_creation_5m_tokens', (r) => r.tokens.cacheCreation5m],
  ['cache_creation_1h_tokens', (r) => r.tokens.cacheCreation1h],
  ['cache_read_tokens', (r) => r.tokens.cacheRead],
  ['web_search_requests', (r) => r.tokens.webSearchRequests],
  ['speed', (r) => r.speed],
  ['inference_geo', (r) => r.inferenceGeo],
  ['cost_usd', (r) => r.costUSD],
  ['is_sidechain', (r) => r.isSidechain],
  ['file', (r) => r.file],
  ['key', (r) => r.key],
];

/** CSV (RFC 4180 quoting, "\n" line ends for Unix tools): a header line, then one line per response. */
export function* csvLines(rows: Iterable<StoredResponse>): Generator<string> {
  yield `${COLUMNS.map(([name]) => name).join(',')}\n`;
  for (const row of rows) yield `${COLUMNS.map(([, value]) => csvField(value(row))).join(',')}\n`;
}

/** One field: empty for null, quoted (quotes doubled) when it holds a comma, quote or line break. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** NDJSON: one JSON object per response per line, with the UTC time first. */
export function* ndjsonLines(rows: Iterable<StoredResponse>): Generator<string> {
  for (const row of rows) yield `${JSON.stringify({ time: new Date(row.timestamp).toISOString(), ...row })}\n`;
}
