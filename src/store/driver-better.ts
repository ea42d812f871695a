import { createRequire } from 'node:module';
import type { OpenDatabase, SqlDatabase, SqlRow, SqlStatement, SqlValue } from './sql.js';

/** The parts of better-sqlite3 12 used here (an optional dependency: typed locally). */
interface BetterStatement {
  run(...params: SqlValue[]): { changes: number };
  get(...params: SqlValue[]): unknown;
  all(...params: SqlValue[]): unknown[];
  iterate(...params: SqlValue[]): IterableIterator<unknown>;
}
interface BetterDatabase {
  exec(sql: string): void;
  prepare(sql: string): BetterStatement;
  close(): void;
}
type BetterConstructor = new (path: string) => BetterDatabase;

const requireHere = createRequire(import.meta.url);

/**
 * Loads better-sqlite3 (throws when it is missing or its native build does not fit this Node)
 * and returns its opener.
 */
export function openBetterSqlite(): OpenDatabase {
  const Database = requireHere('better-sqlite3') as BetterConstructor;
  // The native binding loads lazily, on the first open: open one now so a wrong ABI fails here.
  new Database(':memory:').close();
  return (path) => wrap(new Database(path));
}

function wrap(db: BetterDatabase): SqlDatabase {
  return {
    driver: 'better',
    exec: (sql) => db.exec(sql),
    prepare: (sql) => wrapStatement(db.prepare(sql)),
    close: () => db.close(),
  };
}

function wrapStatement(statement: BetterStatement): SqlStatement {
  return {
    run: (...params) => ({ changes: statement.run(...params).changes }),
    get: (...params) => statement.get(...params) as SqlRow | undefined,
    all: (...params) => statement.all(...params) as SqlRow[],
    iterate: (...params) => statement.iterate(...params) as IterableIterator<SqlRow>,
  };
}
