import type { LimitHit } from '../logs/events.js';
import type { SqlDatabase, SqlStatement } from './driver.js';
import { loadNamesOf, type NameTable } from './intern.js';
import { keyHash } from './key-hash.js';
import type { FilePosition, StoredResponse } from './types.js';

/** Rows fetched per query: reads never hold a statement open while the caller runs. */
const PAGE = 4096;

const COLUMNS = `id, time, key, machine, file, session, cwd, model, sidechain, fast, geo, cost_usd,
  input, output, cache_write, cache_write_5m, cache_write_1h, cache_read, web_searches`;

/** A response as one JSON array, in COLUMNS order. */
type Row = [number, number, string, number, number, number, number, number, 0 | 1, 0 | 1, string | null, number | null,
  number, number, number, number, number, number, number];

// A page comes back as one JSON text: a driver builds a JS object per column per row, which
// costs three times as much as SQLite writing the page and V8 parsing it.
const RESPONSES = `
  SELECT json_group_array(json_array(${COLUMNS})) AS page FROM (
    SELECT ${COLUMNS} FROM responses
    WHERE time >= ? AND time <= ? AND (time > ? OR id > ?)
    ORDER BY time, id LIMIT ${PAGE})`;

/** The side tables' names by id, as far as a read has needed them. */
type Names = Record<NameTable, string[]>;

/** Each row's column of each side table's id. */
const NAME_COLUMNS: readonly [number, NameTable][] = [[3, 'machines'], [4, 'files'], [5, 'sessions'], [6, 'cwds'], [7, 'models']];

/**
 * Loads the names a page's rows use that the read does not know yet: a read of a few hours
 * needs a few of them, not every one (16,000 files at 4 GiB: ~45 ms of a warm start).
 */
function learnNames(db: SqlDatabase, rows: readonly Row[], known: Names): void {
  for (const [column, table] of NAME_COLUMNS) {
    const missing = new Set<number>();
    for (const row of rows) if (known[table][row[column] as number] === undefined) missing.add(row[column] as number);
    loadNamesOf(db, table, [...missing], known[table]);
  }
}

/**
 * Yields the responses timed in `[from, to]` ordered by time, a page at a time, keyed on
 * (time, id) so that each page is one short query and the caller may write between pages.
 */
export function* readResponses(db: SqlDatabase, from: number, to: number): Generator<StoredResponse> {
  const statement = db.prepare(RESPONSES);
  const known: Names = { machines: [], files: [], sessions: [], cwds: [], models: [] };
  let last: Row | undefined;
  for (;;) {
    const after = last ? [last[1], last[0]] : [from, -1];
    const rows = inOrder(JSON.parse(String(statement.get(after[0]!, to, after[0]!, after[1]!)?.page)) as Row[]);
    // Per page: the caller may write between pages, names too.
    learnNames(db, rows, known);
    for (const row of rows) yield toResponse(row, known);
    if (rows.length < PAGE) return;
    last = rows[rows.length - 1];
  }
}

// The names joined in: a lookup is one prepared query, where learning them takes five.
const BY_KEY = `SELECT json_array(r.id, r.time, r.key, 0, 1, 2, 3, 4, r.sidechain, r.fast, r.geo, r.cost_usd,
    r.input, r.output, r.cache_write, r.cache_write_5m, r.cache_write_1h, r.cache_read, r.web_searches,
    m.name, f.name, s.name, c.name, o.name) AS row
  FROM responses r LEFT JOIN machines m ON m.id = r.machine LEFT JOIN files f ON f.id = r.file LEFT JOIN sessions s ON s.id = r.session
    LEFT JOIN cwds c ON c.id = r.cwd LEFT JOIN models o ON o.id = r.model
  WHERE r.key_hash = ? AND r.key = ?`;

/** Each connection's BY_KEY, prepared once: a live run looks up every new response's key. */
const byKey = new WeakMap<SqlDatabase, SqlStatement>();

/** The stored response of `key` (its copies folded: each token count the largest) and its row id, or null. */
export function readResponseByKey(db: SqlDatabase, key: string): (StoredResponse & { id: number }) | null {
  let statement = byKey.get(db);
  if (!statement) byKey.set(db, (statement = db.prepare(BY_KEY)));
  const found = statement.get(keyHash(key), key);
  if (!found) return null;
  // A row whose side-table ids are 0–4, with those names at 0–4.
  const row = JSON.parse(String(found.row)) as [...Row, string, string, string, string, string];
  const names = row.splice(19, 5) as string[];
  return { ...toResponse(row as unknown as Row, { machines: names, files: names, sessions: names, cwds: names, models: names }), id: row[0] };
}

/** The largest row id of the responses (0 when there are none): rows added later have larger ones. */
export function readLastResponseId(db: SqlDatabase): number {
  return Number(db.prepare('SELECT coalesce(max(id), 0) AS last FROM responses').get()?.last ?? 0);
}

/** The page in (time, id) order: SQLite aggregates a subquery in its order, but does not promise to. */
function inOrder(rows: Row[]): Row[] {
  const before = (a: Row, b: Row) => a[1] - b[1] || a[0] - b[0];
  for (let i = 1; i < rows.length; i++) if (before(rows[i - 1]!, rows[i]!) > 0) return rows.sort(before);
  return rows;
}

function toResponse(r: Row, n: Names): StoredResponse {
  return {
    key: r[2],
    timestamp: r[1],
    sessionId: n.sessions[r[5]] ?? '',
    cwd: n.cwds[r[6]] ?? '',
    model: n.models[r[7]] ?? '',
    isSidechain: r[8] === 1,
    tokens: {
      input: r[12],
      output: r[13],
      cacheCreation: r[14],
      cacheCreation5m: r[15],
      cacheCreation1h: r[16],
      cacheRead: r[17],
      webSearchRequests: r[18],
    },
    speed: r[9] === 1 ? 'fast' : 'standard',
    inferenceGeo: r[10],
    costUSD: r[11],
    file: n.files[r[4]] ?? '',
    machine: n.machines[r[3]] ?? '',
  };
}

/** Every stored file position. */
export function readPositions(db: SqlDatabase): FilePosition[] {
  const sql = `SELECT f.name AS path, m.name AS machine, device, inode, size, mtime_ms, read_offset, line, head_hash,
    bad_lines, bad_samples FROM positions p JOIN files f ON f.id = p.file JOIN machines m ON m.id = p.machine ORDER BY m.name, f.name`;
  return db.prepare(sql).rows().map(([path, machine, device, inode, size, mtimeMs, offset, line, headHash, badLines, badSamples]) => ({
    path: String(path),
    machine: String(machine),
    device: Number(device),
    inode: Number(inode),
    size: Number(size),
    mtimeMs: Number(mtimeMs),
    offset: Number(offset),
    line: Number(line),
    headHash: String(headHash),
    ...badOf(Number(badLines), badSamples),
  }));
}

/** A position's bad lines, when it has any; samples that do not read back as a list of text are dropped. */
function badOf(lines: number, samples: unknown): Pick<FilePosition, 'bad'> {
  if (!(lines > 0)) return {};
  let list: unknown;
  try {
    list = JSON.parse(String(samples));
  } catch {
    list = [];
  }
  return { bad: { lines, samples: Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string').slice(0, 5) : [] } };
}

/** The limit hits timed at or after `from`, oldest first. */
export function readLimitHits(db: SqlDatabase, from: number): LimitHit[] {
  const sql = `SELECT time, text, kind, resets_at, s.name AS session, f.name AS file FROM limit_hits h
    JOIN sessions s ON s.id = h.session JOIN files f ON f.id = h.file WHERE time >= ? ORDER BY time, text`;
  return db.prepare(sql).all(from).map((r) => ({
    timestamp: Number(r.time),
    kind: r.kind === 'five_hour' || r.kind === 'weekly' ? r.kind : 'unknown',
    resetsAt: r.resets_at === null ? null : Number(r.resets_at),
    text: String(r.text),
    sessionId: String(r.session),
    file: String(r.file),
  }));
}

/** The times of the responses from `files` timed in [from, to). */
export function readTimesOf(db: SqlDatabase, files: readonly string[], from: number, to: number): number[] {
  const sql = `SELECT r.time FROM responses r JOIN files f ON f.id = r.file
    WHERE f.name IN (SELECT value FROM json_each(?)) AND r.time >= ? AND r.time < ?`;
  return db.prepare(sql).all(JSON.stringify(files), from, to).map((r) => Number(r.time));
}
