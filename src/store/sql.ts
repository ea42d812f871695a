/** The synchronous SQLite interface the store uses, adapted from `node:sqlite` (Node ≥ 22.13). */

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
  /** Every row as its columns' values in the order selected: for many rows, without an object each. */
  rows(...params: SqlValue[]): SqlValue[][];
}

/** A synchronous SQLite connection. */
export interface SqlDatabase {
  exec(sql: string): void;
  prepare(sql: string): SqlStatement;
  close(): void;
}

/** Opens a database file (created when missing); throws what SQLite throws. */
export type OpenDatabase = (path: string) => SqlDatabase;
