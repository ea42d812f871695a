import type { SqlDatabase, SqlStatement } from './driver.js';

/** The side tables that hold each repeated string once. */
export type NameTable = 'machines' | 'files' | 'sessions' | 'cwds' | 'models';

/** Maps the strings of one side table to their ids, adding new ones; cached in memory. */
export class Interner {
  private readonly ids = new Map<string, number>();
  private readonly select: SqlStatement;
  private readonly insert: SqlStatement;

  constructor(db: SqlDatabase, table: NameTable) {
    this.select = db.prepare(`SELECT id FROM ${table} WHERE name = ?`);
    this.insert = db.prepare(`INSERT INTO ${table} (name) VALUES (?) RETURNING id`);
  }

  /** The id of `name`, added when new; call inside a write transaction. */
  id(name: string): number {
    const known = this.ids.get(name);
    if (known !== undefined) return known;
    const row = this.select.get(name) ?? this.insert.get(name);
    const id = Number(row!.id);
    this.ids.set(name, id);
    return id;
  }

  /** Forgets every cached id: those added by a rolled-back transaction do not exist. */
  reset(): void {
    this.ids.clear();
  }
}

/** The names of these ids of a side table, into `names` (indexed by id: mapping rows back to strings). */
export function loadNamesOf(db: SqlDatabase, table: NameTable, ids: readonly number[], names: string[]): void {
  if (ids.length === 0) return;
  const sql = `SELECT id, name FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`;
  for (const row of db.prepare(sql).all(JSON.stringify(ids))) names[Number(row.id)] = String(row.name);
}
