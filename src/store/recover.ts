import type { SqlDatabase, SqlStatement } from './driver.js';
import type { NameTable } from './intern.js';
import { rollback } from './schema.js';
import { ROW_DAMAGED } from './row-check.js';

/** What a recovery copied. */
export interface Recovered {
  responses: number;
  /** Rows that could be read but whose row check fails: their values are not what was stored. */
  failedCheck: number;
}

const NAMES: readonly NameTable[] = ['machines', 'files', 'sessions', 'cwds', 'models'];
const REFERENCES: Record<NameTable, string> = { machines: 'machine', files: 'file', sessions: 'session', cwds: 'cwd', models: 'model' };
const COLUMNS = `id, key_hash, key, time, machine, file, session, cwd, model, sidechain, fast, geo, cost_usd,
  input, output, cache_write, cache_write_5m, cache_write_1h, cache_read, web_searches`;
/** Rows read per query; around a page that cannot be read, rows are tried one at a time. */
const CHUNK = 1000;

/**
 * Copies every row that can still be read from the damaged store at `damaged` into `db`, a new
 * store: the names, the responses (by rowid, from the table itself: its indexes may be what is
 * damaged) whose row check holds, the limit hits, and the positions with their offsets at 0:
 * every log still on disk is read again from its start (rows are upserted: nothing counts twice)
 * and refills what could not be read; rows whose logs are gone exist nowhere else. Never throws:
 * what cannot be read is left behind.
 */
export function recoverRows(db: SqlDatabase, damaged: string): Recovered {
  const result: Recovered = { responses: 0, failedCheck: 0 };
  try {
    // Read-only: the moved-aside file (and its WAL) stays as it was found.
    db.prepare('ATTACH DATABASE ? AS bad').run(`file:${damaged.split('/').map(encodeURIComponent).join('/')}?mode=ro`);
  } catch {
    return result;
  }
  const tables = attempt(() => db.prepare("SELECT name FROM bad.sqlite_master WHERE type = 'table'").all().map((r) => String(r.name)));
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const table of NAMES) if (tables?.includes(table)) copyTable(db, table, 'id, name', '1');
    if (tables?.includes('responses')) {
      const copied = copyTable(db, 'responses', COLUMNS, hasRowCheck(db) ? `NOT ${ROW_DAMAGED}` : '1');
      Object.assign(result, { responses: copied.copied, failedCheck: copied.skipped });
    }
    if (tables?.includes('limit_hits')) {
      attempt(() => db.exec('INSERT OR IGNORE INTO main.limit_hits SELECT time, text, kind, resets_at, session, file FROM bad.limit_hits'));
    }
    if (tables?.includes('readings')) {
      attempt(() => db.exec('INSERT OR IGNORE INTO main.readings SELECT window, time, used_percent, resets_at FROM bad.readings'));
    }
    // Each log is read again from its first byte; a log that is gone stays known as gone (fromStore).
    if (tables?.includes('positions')) {
      attempt(() => db.exec(`INSERT OR IGNORE INTO main.positions (machine, file, device, inode, size, mtime_ms, read_offset, line, head_hash)
        SELECT machine, file, device, inode, size, mtime_ms, 0, 0, head_hash FROM bad.positions`));
    }
    nameTheUnnamed(db);
    db.exec('COMMIT');
  } catch {
    rollback(db);
    Object.assign(result, { responses: 0, failedCheck: 0 });
  }
  attempt(() => db.exec('DETACH DATABASE bad'));
  return result;
}

/** Consecutive chunks of rowids a copy skips past a b-tree page it cannot read before it gives up. */
const MAX_SKIPS = 100_000;

/**
 * Copies `table`'s rows that pass `filter`: first along the table by rowid, a chunk at a time,
 * skipping past a chunk that cannot be read; then the rows the table's indexes still name that
 * were not copied (those behind a page of the table that could not be read), one at a time.
 */
function copyTable(db: SqlDatabase, table: string, columns: string, filter: string): { copied: number; skipped: number } {
  const copier = new Copier(db, table, columns, filter);
  copier.alongTable();
  copier.namedByIndexes();
  return { copied: copier.copied, skipped: copier.skipped.size };
}

class Copier {
  copied = 0;
  readonly skipped = new Set<number>();
  private readonly chunk: SqlStatement;
  private readonly copy: SqlStatement;

  constructor(private readonly db: SqlDatabase, private readonly table: string, columns: string, filter: string) {
    this.chunk = db.prepare(`SELECT count(*) AS n, max(id) AS last, json_group_array(CASE WHEN ${filter} THEN NULL ELSE id END) AS failed
      FROM (SELECT * FROM bad.${table} WHERE id > ? AND id <= ? ORDER BY id LIMIT ${CHUNK})`);
    this.copy = db.prepare(`INSERT OR IGNORE INTO main.${table} (${columns})
      SELECT ${columns} FROM bad.${table} WHERE id > ? AND id <= ? AND ${filter}`);
  }

  alongTable(): void {
    for (let last = 0, skips = 0; skips < MAX_SKIPS;) {
      const chunk = attempt(() => this.take(last, Number.MAX_SAFE_INTEGER));
      if (chunk === 0) return;
      if (chunk === undefined || chunk <= last) {
        last += CHUNK;
        skips++;
      } else {
        last = chunk;
        skips = 0;
      }
    }
  }

  namedByIndexes(): void {
    const missing = new Set<number>();
    for (const index of this.indexes()) {
      attempt(() => {
        const named = this.db.prepare(`SELECT id FROM bad.${this.table} INDEXED BY "${index}" WHERE id NOT IN (SELECT id FROM main.${this.table})`);
        for (const row of named.iterate()) if (!this.skipped.has(Number(row.id))) missing.add(Number(row.id));
      });
    }
    for (const id of missing) attempt(() => this.take(id - 1, id));
  }

  /** Copies the rows in (after, upTo] (at most a chunk); returns the last rowid read, or 0 when none. */
  private take(after: number, upTo: number): number {
    const chunk = this.chunk.get(after, upTo)!;
    if (Number(chunk.n) === 0) return 0;
    const last = Number(chunk.last);
    this.copied += this.copy.run(after, last).changes;
    for (const id of JSON.parse(String(chunk.failed)) as (number | null)[]) if (id !== null) this.skipped.add(id);
    return last;
  }

  private indexes(): string[] {
    const rows = attempt(() => this.db.prepare('SELECT name FROM bad.sqlite_master WHERE type = ? AND tbl_name = ?').all('index', this.table));
    return (rows ?? []).map((r) => String(r.name));
  }
}

function hasRowCheck(db: SqlDatabase): boolean {
  const row = attempt(() => db.prepare("SELECT count(*) AS n FROM pragma_table_xinfo('responses', 'bad') WHERE name = 'chk'").get());
  return Number(row?.n ?? 0) > 0;
}

/** A row whose name could not be read gets a placeholder (shown, never priced) rather than being lost. */
function nameTheUnnamed(db: SqlDatabase): void {
  for (const table of NAMES) {
    const column = REFERENCES[table];
    const sources = [`SELECT ${column} AS id FROM main.responses`];
    if (table === 'sessions' || table === 'files') sources.push(`SELECT ${column} AS id FROM main.limit_hits`);
    db.exec(`INSERT OR IGNORE INTO main.${table} (id, name)
      SELECT DISTINCT id, '(unreadable ${column} ' || id || ')' FROM (${sources.join(' UNION ')})
      WHERE id NOT IN (SELECT id FROM main.${table})`);
  }
}

function attempt<T>(body: () => T): T | undefined {
  try {
    return body();
  } catch {
    return undefined;
  }
}
