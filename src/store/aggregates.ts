import { TOKEN_FIELDS, type UsageTokens } from '../logs/events.js';
import type { SqlDatabase, SqlStatement } from './driver.js';

/**
 * The store's answers beside its rows (schema 4): token sums per minute and per session, kept in
 * the same transaction as the responses they come from, so that a warm start loads a number of
 * rows bounded by time rather than by responses. Costs are not stored: prices apply at read time.
 * A sum is split by everything a response's price depends on (model, speed, the US-only geo, the
 * prompt's size band for the per-response long-context tier, whether the line carried a cost), so
 * that pricing a sum is pricing its responses.
 */

/** Minutes and quarter hours (sessions are summed per quarter: every time zone's day starts on one). */
export const AGGREGATE_MINUTE = 60_000;
export const AGGREGATE_QUARTER = 15 * AGGREGATE_MINUTE;

/**
 * The prompt sizes (input + cache writes + cache reads) where a price table's long-context tier
 * may start: a response's band is how many of these its prompt exceeds. A table whose thresholds
 * are all listed here prices a sum exactly; another is priced from the responses (history-sync).
 */
export const PROMPT_BANDS: readonly number[] = [100_000, 200_000];

/** The prompt band of a response: 0 up to 100k, 1 up to 200k, 2 above. */
export function promptBandOf(t: UsageTokens): number {
  const prompt = t.input + t.cacheCreation + t.cacheRead;
  let band = 0;
  while (band < PROMPT_BANDS.length && prompt > PROMPT_BANDS[band]!) band++;
  return band;
}

/** The band's bounds: every prompt in it is in (low, high]. */
export function promptBandBounds(band: number): readonly [number, number] {
  return [band === 0 ? 0 : PROMPT_BANDS[band - 1]!, PROMPT_BANDS[band] ?? Number.POSITIVE_INFINITY];
}

/** The cache writes priced at the 5-minute rate beyond the split ones (pricing.ts tokenCost): additive over responses. */
export function unsplitWrites(t: UsageTokens): number {
  const split = t.cacheCreation5m + t.cacheCreation1h;
  return split > 0 ? Math.max(0, t.cacheCreation - split) : t.cacheCreation;
}

const SUMS = `responses INTEGER NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,
    input INTEGER NOT NULL, output INTEGER NOT NULL, cache_write INTEGER NOT NULL, cache_write_5m INTEGER NOT NULL,
    cache_write_1h INTEGER NOT NULL, cache_write_unsplit INTEGER NOT NULL, cache_read INTEGER NOT NULL,
    web_searches INTEGER NOT NULL, cost_usd REAL NOT NULL`;
const VARIANT = 'model INTEGER NOT NULL, fast INTEGER NOT NULL, geo_us INTEGER NOT NULL, band INTEGER NOT NULL, costed INTEGER NOT NULL';
const MINUTE_KEY = ['minute', 'machine', 'model', 'fast', 'geo_us', 'band', 'costed'];
const SESSION_KEY = ['quarter', 'session', 'machine', 'file', 'cwd', 'model', 'fast', 'geo_us', 'band', 'costed'];
const SUM_COLUMNS = ['responses', 'first', 'last', 'input', 'output', 'cache_write', 'cache_write_5m', 'cache_write_1h',
  'cache_write_unsplit', 'cache_read', 'web_searches', 'cost_usd'];

/** Schema 4's new tables. */
export const AGGREGATE_TABLES = `
  CREATE TABLE minute_usage (minute INTEGER NOT NULL, machine INTEGER NOT NULL, ${VARIANT}, ${SUMS},
    PRIMARY KEY (${MINUTE_KEY.join(', ')})) WITHOUT ROWID;
  CREATE TABLE session_usage (quarter INTEGER NOT NULL, session INTEGER NOT NULL, machine INTEGER NOT NULL,
    file INTEGER NOT NULL, cwd INTEGER NOT NULL, ${VARIANT}, ${SUMS},
    PRIMARY KEY (${SESSION_KEY.join(', ')})) WITHOUT ROWID;
  -- Which log files had responses in which minutes: the minutes of a deleted log are marked as history.
  CREATE TABLE file_minutes (file INTEGER NOT NULL, minute INTEGER NOT NULL, PRIMARY KEY (file, minute)) WITHOUT ROWID;`;

// The same classification as the TypeScript below, in SQL, for the migration and the rebuilds.
const BAND_SQL = `(CASE WHEN input + cache_write + cache_read > ${PROMPT_BANDS[1]} THEN 2
  WHEN input + cache_write + cache_read > ${PROMPT_BANDS[0]} THEN 1 ELSE 0 END)`;
const UNSPLIT_SQL = `(CASE WHEN cache_write_5m + cache_write_1h > 0 THEN max(0, cache_write - cache_write_5m - cache_write_1h) ELSE cache_write END)`;
const GEO_SQL = `(CASE WHEN lower(geo) = 'us' THEN 1 ELSE 0 END)`;
const COSTED_SQL = '(cost_usd IS NOT NULL)';
const SUMS_SQL = `count(*), min(time), max(time), sum(input), sum(output), sum(cache_write), sum(cache_write_5m),
  sum(cache_write_1h), sum(${UNSPLIT_SQL}), sum(cache_read), sum(web_searches), total(cost_usd)`;

/** Fills the aggregate tables from the stored responses (the migration, a rebuild, a recovery, a prune). */
export const FILL_AGGREGATES = `
  DELETE FROM minute_usage; DELETE FROM session_usage; DELETE FROM file_minutes;
  INSERT INTO minute_usage (${MINUTE_KEY.join(', ')}, ${SUM_COLUMNS.join(', ')})
    SELECT (time / ${AGGREGATE_MINUTE}) * ${AGGREGATE_MINUTE} AS m, machine, model, fast, ${GEO_SQL} AS g, ${BAND_SQL} AS b,
      ${COSTED_SQL} AS c, ${SUMS_SQL} FROM responses GROUP BY m, machine, model, fast, g, b, c;
  INSERT INTO session_usage (${SESSION_KEY.join(', ')}, ${SUM_COLUMNS.join(', ')})
    SELECT (time / ${AGGREGATE_QUARTER}) * ${AGGREGATE_QUARTER} AS q, session, machine, file, cwd, model, fast, ${GEO_SQL} AS g,
      ${BAND_SQL} AS b, ${COSTED_SQL} AS c, ${SUMS_SQL} FROM responses GROUP BY q, session, machine, file, cwd, model, fast, g, b, c;
  INSERT INTO file_minutes (file, minute) SELECT DISTINCT file, (time / ${AGGREGATE_MINUTE}) * ${AGGREGATE_MINUTE} FROM responses;`;

/** A stored response as the aggregates see it: names as ids. */
export interface AggregatedRow {
  time: number;
  machine: number;
  session: number;
  file: number;
  cwd: number;
  model: number;
  fast: boolean;
  geo: string | null;
  costUSD: number | null;
  tokens: UsageTokens;
}

interface Sums {
  key: number[];
  responses: number;
  first: number;
  last: number;
  /** input, output, cache_write, cache_write_5m, cache_write_1h, cache_write_unsplit, cache_read, web_searches, cost_usd. */
  values: number[];
}

const upsertOf = (table: string, key: string[]) => `INSERT INTO ${table} (${key.join(', ')}, ${SUM_COLUMNS.join(', ')})
  VALUES (${Array(key.length + SUM_COLUMNS.length).fill('?').join(', ')})
  ON CONFLICT (${key.join(', ')}) DO UPDATE SET responses = responses + excluded.responses,
    first = min(first, excluded.first), last = max(last, excluded.last),
    ${SUM_COLUMNS.slice(3).map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

/**
 * Gathers the changes one write transaction makes to the aggregates (a response added, or one
 * counted again after a copy grew it: its old sums out, its new ones in) and writes each sum once
 * at the end of the transaction.
 */
export class AggregateWriter {
  private readonly minutes = new Map<string, Sums>();
  private readonly sessions = new Map<string, Sums>();
  private readonly files = new Set<string>();
  private readonly upsertMinute: SqlStatement;
  private readonly upsertSession: SqlStatement;
  private readonly addFileMinute: SqlStatement;

  constructor(db: SqlDatabase) {
    this.upsertMinute = db.prepare(upsertOf('minute_usage', MINUTE_KEY));
    this.upsertSession = db.prepare(upsertOf('session_usage', SESSION_KEY));
    this.addFileMinute = db.prepare('INSERT OR IGNORE INTO file_minutes (file, minute) VALUES (?, ?)');
  }

  /** Counts a response in (`sign` 1) or out (-1, before it is counted again grown). */
  add(row: AggregatedRow, sign: 1 | -1): void {
    const t = row.tokens;
    const variant = [row.model, row.fast ? 1 : 0, row.geo?.toLowerCase() === 'us' ? 1 : 0, promptBandOf(t), row.costUSD === null ? 0 : 1];
    const minute = Math.floor(row.time / AGGREGATE_MINUTE) * AGGREGATE_MINUTE;
    const quarter = Math.floor(row.time / AGGREGATE_QUARTER) * AGGREGATE_QUARTER;
    const values = [t.input, t.output, t.cacheCreation, t.cacheCreation5m, t.cacheCreation1h, unsplitWrites(t), t.cacheRead,
      t.webSearchRequests, row.costUSD ?? 0].map((v) => v * sign);
    addTo(this.minutes, [minute, row.machine, ...variant], row.time, sign, values);
    addTo(this.sessions, [quarter, row.session, row.machine, row.file, row.cwd, ...variant], row.time, sign, values);
    if (sign === 1) this.files.add(`${row.file}:${minute}`);
  }

  /** Writes the gathered sums (inside the caller's transaction) and starts afresh. */
  flush(): void {
    for (const sums of this.minutes.values()) this.upsertMinute.run(...sums.key, sums.responses, sums.first, sums.last, ...sums.values);
    for (const sums of this.sessions.values()) this.upsertSession.run(...sums.key, sums.responses, sums.first, sums.last, ...sums.values);
    for (const pair of this.files) {
      const [file, minute] = pair.split(':');
      this.addFileMinute.run(Number(file), Number(minute));
    }
    this.discard();
  }

  /** Forgets the gathered sums (their transaction rolled back). */
  discard(): void {
    this.minutes.clear();
    this.sessions.clear();
    this.files.clear();
  }
}

function addTo(map: Map<string, Sums>, key: number[], time: number, sign: number, values: number[]): void {
  const id = key.join(',');
  let sums = map.get(id);
  if (!sums) map.set(id, (sums = { key, responses: 0, first: time, last: time, values: values.map(() => 0) }));
  sums.responses += sign;
  sums.first = Math.min(sums.first, time);
  sums.last = Math.max(sums.last, time);
  for (let i = 0; i < values.length; i++) sums.values[i]! += values[i]!;
}

/** The token fields of a stored row in TOKEN_FIELDS order, for the copy-fold rule. */
export function tokensOfColumns(values: readonly number[]): UsageTokens {
  const tokens = {} as UsageTokens;
  TOKEN_FIELDS.forEach((field, i) => (tokens[field] = values[i]!));
  return tokens;
}
