/** The synchronous SQLite interface both drivers are adapted to. */

/** The SQLite driver behind a store: `node:sqlite` (Node ≥ 22.13) or `better-sqlite3` 12. */
export type DriverName = 'node' | 'better';

/** A value SQLite can bind or return. */
export type SqlValue = number | bigint | string | null | Uint8Array;

/** One result row, by column name. */
export type SqlRow = Record<string, SqlValue>;

/** A prepared statement; parameters are positional (`?`). */
export interface SqlStatement {
  run(...params: SqlValue[]): { changes: number };
  get(...params: SqlValue[]): SqlRow | undefined;
  all(...params: SqlValue[]): SqlRow[];
  iterate(...params: SqlValue[]): IterableIterator<SqlRow>;
}

/** A synchronous SQLite connection, the same over both drivers. */
export interface SqlDatabase {
  readonly driver: DriverName;
  exec(sql: string): void;
  prepare(sql: string): SqlStatement;
  close(): void;
}

/** Opens a database file (created when missing) with one driver; throws what the driver throws. */
export type OpenDatabase = (path: string) => SqlDatabase;
