import { openBetterSqlite } from './driver-better.js';
import { openNodeSqlite } from './driver-node.js';
import type { DriverName, OpenDatabase } from './sql.js';

export type { DriverName, OpenDatabase, SqlDatabase, SqlRow, SqlStatement, SqlValue } from './sql.js';

/** A driver that loaded, or why none did. */
export type DriverChoice = { name: DriverName; open: OpenDatabase } | { name: null; reason: string };

const LOADERS: Record<DriverName, () => OpenDatabase> = { node: openNodeSqlite, better: openBetterSqlite };

/**
 * Picks the driver: the one asked for (`want`, else `CCTOP_SQLITE_DRIVER=node|better`), else
 * node:sqlite where the runtime has it, else better-sqlite3. Never throws.
 */
export function chooseDriver(want?: DriverName, env: NodeJS.ProcessEnv = process.env): DriverChoice {
  const asked = want ?? parseDriverName(env.CCTOP_SQLITE_DRIVER);
  const order: DriverName[] = asked ? [asked] : ['node', 'better'];
  const failures: string[] = [];
  for (const name of order) {
    try {
      return { name, open: LOADERS[name]() };
    } catch (error) {
      failures.push(`${name === 'node' ? 'node:sqlite' : 'better-sqlite3'}: ${firstLine(error)}`);
    }
  }
  return { name: null, reason: `no SQLite driver could be loaded (${failures.join('; ')})` };
}

function parseDriverName(value: string | undefined): DriverName | undefined {
  return value === 'node' || value === 'better' ? value : undefined;
}

const PRIMARY_CODES: Record<number, string> = {
  5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED', 8: 'SQLITE_READONLY', 10: 'SQLITE_IOERR', 11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 26: 'SQLITE_NOTADB',
};

/**
 * The primary SQLite result code of a driver error (`SQLITE_NOTADB`, `SQLITE_FULL`, …), or null:
 * better-sqlite3 names extended codes (`SQLITE_IOERR_WRITE`), node:sqlite gives a number.
 */
export function sqliteCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  if (typeof errcode === 'number') return PRIMARY_CODES[errcode & 0xff] ?? `SQLITE_${errcode & 0xff}`;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const primary = Object.values(PRIMARY_CODES).find((name) => code === name || code.startsWith(`${name}_`));
  return primary ?? code;
}

/** The first line of an error's message, for notices. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0] ?? text;
}
