import type { SqlDatabase } from './driver.js';
import { ROW_CHECK } from './row-check.js';

const RESPONSE_COLUMNS = `id, key_hash, key, time, machine, file, session, cwd, model, sidechain, fast, geo, cost_usd,
    input, output, cache_write, cache_write_5m, cache_write_1h, cache_read, web_searches`;

const RESPONSE_ROWS_VIEW = `
  -- For people querying the file with sqlite3: the responses with their names joined in.
  CREATE VIEW response_rows AS
    SELECT r.key, r.time, strftime('%Y-%m-%dT%H:%M:%fZ', r.time / 1000.0, 'unixepoch') AS utc,
      m.name AS machine, s.name AS session, c.name AS cwd, o.name AS model, f.name AS file,
      r.sidechain, r.fast, r.geo, r.cost_usd, r.input, r.output, r.cache_write, r.cache_write_5m,
      r.cache_write_1h, r.cache_read, r.web_searches
    FROM responses r JOIN machines m ON m.id = r.machine JOIN sessions s ON s.id = r.session
      JOIN cwds c ON c.id = r.cwd JOIN models o ON o.id = r.model JOIN files f ON f.id = r.file;`;

/**
 * Schema migrations by version: MIGRATIONS[n] takes a store from version n to n + 1 (version 0
 * is an empty file). Add a step at the end for each change; never edit a released one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE machines (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  CREATE TABLE files (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  CREATE TABLE sessions (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  CREATE TABLE cwds (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  CREATE TABLE models (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  -- One row per API response. Tokens, not cost: prices apply at read time. Unique on a 53-bit
  -- hash of the key (see key-hash.ts); the key itself is kept for export and the live dedupe.
  CREATE TABLE responses (
    id INTEGER PRIMARY KEY,
    key_hash INTEGER NOT NULL UNIQUE,
    key TEXT NOT NULL,
    time INTEGER NOT NULL,
    machine INTEGER NOT NULL REFERENCES machines(id),
    file INTEGER NOT NULL REFERENCES files(id),
    session INTEGER NOT NULL REFERENCES sessions(id),
    cwd INTEGER NOT NULL REFERENCES cwds(id),
    model INTEGER NOT NULL REFERENCES models(id),
    sidechain INTEGER NOT NULL,
    fast INTEGER NOT NULL,
    geo TEXT,
    cost_usd REAL,
    input INTEGER NOT NULL,
    output INTEGER NOT NULL,
    cache_write INTEGER NOT NULL,
    cache_write_5m INTEGER NOT NULL,
    cache_write_1h INTEGER NOT NULL,
    cache_read INTEGER NOT NULL,
    web_searches INTEGER NOT NULL
  );
  CREATE INDEX responses_by_time ON responses(time);
  -- Where the next read of each log file starts, and what identifies the file.
  CREATE TABLE positions (
    machine INTEGER NOT NULL REFERENCES machines(id),
    file INTEGER NOT NULL REFERENCES files(id),
    device INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ms REAL NOT NULL,
    read_offset INTEGER NOT NULL,
    line INTEGER NOT NULL,
    head_hash TEXT NOT NULL,
    PRIMARY KEY (machine, file)
  ) WITHOUT ROWID;
  CREATE TABLE limit_hits (
    time INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    resets_at INTEGER,
    session INTEGER NOT NULL REFERENCES sessions(id),
    file INTEGER NOT NULL REFERENCES files(id),
    PRIMARY KEY (time, text)
  ) WITHOUT ROWID;
  -- For people querying the file with sqlite3: the responses with their names joined in.
  CREATE VIEW response_rows AS
    SELECT r.key, r.time, strftime('%Y-%m-%dT%H:%M:%fZ', r.time / 1000.0, 'unixepoch') AS utc,
      m.name AS machine, s.name AS session, c.name AS cwd, o.name AS model, f.name AS file,
      r.sidechain, r.fast, r.geo, r.cost_usd, r.input, r.output, r.cache_write, r.cache_write_5m,
      r.cache_write_1h, r.cache_read, r.web_searches
    FROM responses r JOIN machines m ON m.id = r.machine JOIN sessions s ON s.id = r.session
      JOIN cwds c ON c.id = r.cwd JOIN models o ON o.id = r.model JOIN files f ON f.id = r.file;
  `,
  // 2: each response carries its row check (row-check.ts), and the key-hash index is named. The
  // table is copied (a generated column cannot be added in place); the indexes are built anew.
  `
  CREATE TABLE responses_v2 (
    id INTEGER PRIMARY KEY,
    key_hash INTEGER NOT NULL,
    key TEXT NOT NULL,
    time INTEGER NOT NULL,
    machine INTEGER NOT NULL REFERENCES machines(id),
    file INTEGER NOT NULL REFERENCES files(id),
    session INTEGER NOT NULL REFERENCES sessions(id),
    cwd INTEGER NOT NULL REFERENCES cwds(id),
    model INTEGER NOT NULL REFERENCES models(id),
    sidechain INTEGER NOT NULL,
    fast INTEGER NOT NULL,
    geo TEXT,
    cost_usd REAL,
    input INTEGER NOT NULL,
    output INTEGER NOT NULL,
    cache_write INTEGER NOT NULL,
    cache_write_5m INTEGER NOT NULL,
    cache_write_1h INTEGER NOT NULL,
    cache_read INTEGER NOT NULL,
    web_searches INTEGER NOT NULL,
    chk INTEGER GENERATED ALWAYS AS (${ROW_CHECK}) STORED
  );
  INSERT INTO responses_v2 (${RESPONSE_COLUMNS}) SELECT ${RESPONSE_COLUMNS} FROM responses ORDER BY id;
  DROP VIEW response_rows;
  DROP TABLE responses;
  ALTER TABLE responses_v2 RENAME TO responses;
  CREATE UNIQUE INDEX responses_by_key ON responses(key_hash);
  CREATE INDEX responses_by_time ON responses(time);
  ${RESPONSE_ROWS_VIEW}
  -- Each file's bad lines before its offset (count, quoted samples as a JSON array): a warm start shows them too.
  ALTER TABLE positions ADD COLUMN bad_lines INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE positions ADD COLUMN bad_samples TEXT NOT NULL DEFAULT '[]';
  `,
  // 3: Anthropic's official window readings (the statusline's state file rotates at 1 MB): one row
  // per window key and time, kept when the percentage or the reset changed (readings.ts).
  `
  CREATE TABLE readings (
    window TEXT NOT NULL,
    time INTEGER NOT NULL,
    used_percent REAL NOT NULL,
    resets_at INTEGER NOT NULL,
    PRIMARY KEY (window, time)
  ) WITHOUT ROWID;
  CREATE INDEX readings_by_time ON readings(time);
  `,
  // 4: warm-start images (images.ts): an ingest's state after the responses before a cut, per history
  // start and price settings, with the fingerprint of the rows it was built from. A cache, kept in a
  // file of its own beside the store (the file named here) and rebuilt whenever its rows changed.
  `
  CREATE TABLE images (
    history_start INTEGER NOT NULL,
    prices TEXT NOT NULL,
    cut INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    gone TEXT NOT NULL,
    built_at INTEGER NOT NULL,
    file TEXT NOT NULL,
    size INTEGER NOT NULL,
    UNIQUE (history_start, prices)
  );
  `,
  // 5: an image is spent once a row timed before its cut is written (writes.ts marks it in that
  // write's own transaction): a warm start reads the mark where it compared fingerprints, a scan of
  // every response. Images built before this step were not watched: they are spent.
  `
  ALTER TABLE images ADD COLUMN spent INTEGER NOT NULL DEFAULT 0;
  UPDATE images SET spent = 1;
  `,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Thrown when the file was written by a newer cctop: it is left as it is, never downgraded or moved. */
export class NewerSchemaError extends Error {
  constructor(readonly found: number) {
    super(`schema version ${found} is newer than this cctop's ${SCHEMA_VERSION}`);
  }
}

/** Brings the schema to SCHEMA_VERSION in one write transaction; returns the version found. */
export function migrate(db: SqlDatabase, steps: readonly string[] = MIGRATIONS): number {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value ANY) WITHOUT ROWID');
    const found = readVersion(db);
    if (found > steps.length) throw new NewerSchemaError(found);
    for (let version = found; version < steps.length; version++) db.exec(steps[version]!);
    if (found !== steps.length) {
      db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)").run(steps.length);
    }
    db.exec('COMMIT');
    return found;
  } catch (error) {
    rollback(db);
    throw error;
  }
}

/** The schema version the file records, read without writing anything: 0 for a file without one (new). */
export function storedVersion(db: SqlDatabase): number {
  const meta = db.prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  return meta ? readVersion(db) : 0;
}

function readVersion(db: SqlDatabase): number {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get();
  const value = Number(row?.value ?? 0);
  return Number.isInteger(value) && value >= 0 ? value : Number.MAX_SAFE_INTEGER;
}

/** ROLLBACK, ignoring "no transaction is active" (SQLite rolls back by itself on some errors). */
export function rollback(db: SqlDatabase): void {
  try {
    db.exec('ROLLBACK');
  } catch {
    // Nothing was left to roll back.
  }
}
