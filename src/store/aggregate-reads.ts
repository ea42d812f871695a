import type { UsageTokens } from '../logs/events.js';
import type { SqlDatabase } from './driver.js';
import { keyHash } from './key-hash.js';
import type { StoredResponse } from './types.js';

/** One stored sum of responses (aggregates.ts): a minute's, or a session's quarter hour's. */
export interface StoredSum {
  /** The minute's or the quarter's start. */
  start: number;
  /** Times of its first and last response. */
  first: number;
  last: number;
  machine: string;
  model: string;
  fast: boolean;
  /** Its responses ran in the US only (`inference_geo` "us"). */
  usGeo: boolean;
  /** The prompt band every one of its responses fell in (aggregates.ts PROMPT_BANDS). */
  band: number;
  /** Its responses' lines carried a legacy `costUSD`; `costUSD` is their sum. */
  costed: boolean;
  costUSD: number;
  tokens: UsageTokens;
  /** The cache writes beyond the split ones, priced at the 5-minute rate. */
  unsplitWrites: number;
}

/** A session's sum: with the session, its log file and its cwd. */
export interface StoredSessionSum extends StoredSum {
  session: string;
  file: string;
  cwd: string;
}

const SUMS = `s.first, s.last, m.name, o.name, s.fast, s.geo_us, s.band, s.costed, s.cost_usd, s.input, s.output, s.cache_write,
  s.cache_write_5m, s.cache_write_1h, s.cache_read, s.web_searches, s.cache_write_unsplit`;
type SumRow = [number, number, number, string, string, 0 | 1, 0 | 1, number, 0 | 1, number, number, number, number, number, number,
  number, number, number];

// One JSON text for all the rows: a driver would build an object per column per row (reads.ts).
const MINUTES = `SELECT json_group_array(json_array(s.minute, ${SUMS})) AS rows FROM (
  SELECT * FROM minute_usage WHERE minute >= ? AND minute < ? AND responses > 0 ORDER BY minute, first) s
  JOIN machines m ON m.id = s.machine JOIN models o ON o.id = s.model`;
const SESSIONS = `SELECT json_group_array(json_array(s.quarter, ${SUMS}, n.name, f.name, c.name)) AS rows FROM (
  SELECT * FROM session_usage WHERE quarter >= ? AND quarter < ? AND responses > 0 ORDER BY first, last) s
  JOIN machines m ON m.id = s.machine JOIN models o ON o.id = s.model JOIN sessions n ON n.id = s.session
  JOIN files f ON f.id = s.file JOIN cwds c ON c.id = s.cwd`;

/** The minutes' sums of `[from, to)`, by minute and first response. */
export function readMinuteSums(db: SqlDatabase, from: number, to: number): StoredSum[] {
  const rows = JSON.parse(String(db.prepare(MINUTES).get(from, to)?.rows ?? '[]')) as SumRow[];
  return rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(sumOf);
}

/** The sessions' sums of the quarter hours in `[from, to)`, by first response. */
export function readSessionSums(db: SqlDatabase, from: number, to: number): StoredSessionSum[] {
  const rows = JSON.parse(String(db.prepare(SESSIONS).get(from, to)?.rows ?? '[]')) as [...SumRow, string, string, string][];
  return rows.sort((a, b) => a[1] - b[1] || a[2] - b[2]).map((r) => ({ ...sumOf(r.slice(0, 18) as SumRow), session: r[18], file: r[19], cwd: r[20] }));
}

function sumOf(r: SumRow): StoredSum {
  return {
    start: r[0], first: r[1], last: r[2], machine: r[3], model: r[4], fast: r[5] === 1, usGeo: r[6] === 1, band: r[7], costed: r[8] === 1,
    costUSD: r[9],
    tokens: { input: r[10], output: r[11], cacheCreation: r[12], cacheCreation5m: r[13], cacheCreation1h: r[14], cacheRead: r[15], webSearchRequests: r[16] },
    unsplitWrites: r[17],
  };
}

/** The minutes in `[from, to)` with responses read from `file` (on `machine`). */
export function readFileMinutes(db: SqlDatabase, file: string, from: number, to: number): number[] {
  const sql = `SELECT minute FROM file_minutes WHERE file = (SELECT id FROM files WHERE name = ?) AND minute >= ? AND minute < ? ORDER BY minute`;
  return db.prepare(sql).all(file, from, to).map((r) => Number(r.minute));
}

/** The time of the newest stored response; null when none. */
export function readNewestTime(db: SqlDatabase): number | null {
  const row = db.prepare('SELECT max(time) AS last FROM responses').get();
  return row?.last === null || row?.last === undefined ? null : Number(row.last);
}

/** The newest response's row id (0 for none): what a read of the sums covered, taken in the same read. */
export function readMaxResponseId(db: SqlDatabase): number {
  const row = db.prepare('SELECT max(id) AS id FROM responses').get();
  return row?.id === null || row?.id === undefined ? 0 : Number(row.id);
}

/** The stored response of `key` among the rows up to `upToId`, as a warm start's ledger would have counted it; null when none. */
export function readResponseByKey(db: SqlDatabase, key: string, upToId = Number.MAX_SAFE_INTEGER): StoredResponse | null {
  const sql = `SELECT r.time, m.name AS machine, f.name AS file, s.name AS session, c.name AS cwd, o.name AS model, r.sidechain, r.fast,
    r.geo, r.cost_usd, r.input, r.output, r.cache_write, r.cache_write_5m, r.cache_write_1h, r.cache_read, r.web_searches
    FROM responses r JOIN machines m ON m.id = r.machine JOIN files f ON f.id = r.file JOIN sessions s ON s.id = r.session
    JOIN cwds c ON c.id = r.cwd JOIN models o ON o.id = r.model WHERE r.key_hash = ? AND r.key = ? AND r.id <= ?`;
  const r = db.prepare(sql).get(keyHash(key), key, upToId);
  if (!r) return null;
  return {
    key, timestamp: Number(r.time), sessionId: String(r.session), cwd: String(r.cwd), model: String(r.model), isSidechain: r.sidechain === 1,
    tokens: {
      input: Number(r.input), output: Number(r.output), cacheCreation: Number(r.cache_write), cacheCreation5m: Number(r.cache_write_5m),
      cacheCreation1h: Number(r.cache_write_1h), cacheRead: Number(r.cache_read), webSearchRequests: Number(r.web_searches),
    },
    speed: r.fast === 1 ? 'fast' : 'standard', inferenceGeo: r.geo === null ? null : String(r.geo),
    costUSD: r.cost_usd === null ? null : Number(r.cost_usd), file: String(r.file), machine: String(r.machine),
  };
}
