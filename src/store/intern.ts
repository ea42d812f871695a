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

/** All names of a side table, indexed by id (for mapping rows back to strings). */
export function loadNames(db: SqlDatabase, table: NameTable): string[] {
  const names: string[] = [];
  for (const row of db.prepare(`SELECT id, name FROM ${table}`).all()) names[Number(row.id)] = String(row.name);
  return names;
}
