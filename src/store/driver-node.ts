import { createRequire } from 'node:module';
import type { OpenDatabase, SqlDatabase, SqlRow, SqlStatement, SqlValue } from './sql.js';

/** The parts of `node:sqlite` used here (typed locally: it is loaded by require, see withoutSqliteWarning). */
interface NodeStatement {
  run(...params: SqlValue[]): { changes: number | bigint };
  get(...params: SqlValue[]): unknown;
  all(...params: SqlValue[]): unknown[];
  iterate(...params: SqlValue[]): IterableIterator<unknown>;
  /** Node ≥ 22.16 (and 24): rows as arrays. */
  setReturnArrays?(enabled: boolean): void;
}
interface NodeDatabaseSync {
  exec(sql: string): void;
  prepare(sql: string): NodeStatement;
  close(): void;
}
interface NodeSqliteModule {
  DatabaseSync: new (path: string) => NodeDatabaseSync;
}

const requireHere = createRequire(import.meta.url);

/** Loads `node:sqlite` (throws where the runtime has none) and returns its opener. */
export function openNodeSqlite(): OpenDatabase {
  const sqlite = withoutSqliteWarning(() => requireHere('node:sqlite') as NodeSqliteModule);
  if (typeof sqlite.DatabaseSync?.prototype.prepare !== 'function') throw new Error('node:sqlite has no DatabaseSync');
  return (path) => wrap(new sqlite.DatabaseSync(path));
}

/**
 * Loading node:sqlite emits "SQLite is an experimental feature" once, synchronously, through
 * process.emitWarning: drop that one warning and pass every other one through.
 */
function withoutSqliteWarning<T>(load: () => T): T {
  const original = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]): void {
    const text = typeof warning === 'string' ? warning : warning.message;
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    if (type === 'ExperimentalWarning' && text.startsWith('SQLite is an experimental feature')) return;
    return (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = original;
  }
}

function wrap(db: NodeDatabaseSync): SqlDatabase {
  return {
    exec: (sql) => db.exec(sql),
    prepare: (sql) => wrapStatement(db.prepare(sql)),
    close: () => db.close(),
  };
}

function wrapStatement(statement: NodeStatement): SqlStatement {
  return {
    run: (...params) => ({ changes: Number(statement.run(...params).changes) }),
    get: (...params) => statement.get(...params) as SqlRow | undefined,
    all: (...params) => statement.all(...params) as SqlRow[],
    iterate: (...params) => statement.iterate(...params) as IterableIterator<SqlRow>,
    rows: (...params) => rowsOf(statement, params),
  };
}

/**
 * Rows as arrays: node:sqlite makes them so itself from Node 22.16 (8,000 file positions in
 * ~10 ms, where an object a row takes ~25); before, the objects' values, in the columns' order.
 */
function rowsOf(statement: NodeStatement, params: SqlValue[]): SqlValue[][] {
  if (typeof statement.setReturnArrays !== 'function') return statement.all(...params).map((row) => Object.values(row as SqlRow));
  statement.setReturnArrays(true);
  try {
    return statement.all(...params) as SqlValue[][];
  } finally {
    statement.setReturnArrays(false);
  }
}
