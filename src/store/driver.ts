import { openNodeSqlite } from './driver-node.js';
import type { OpenDatabase } from './sql.js';

export type { OpenDatabase, SqlDatabase, SqlRow, SqlStatement, SqlValue } from './sql.js';

/** The SQLite opener, or why there is none. */
export type DriverChoice = { open: OpenDatabase } | { open: null; reason: string };

/** Loads `node:sqlite` (Node ≥ 22.13; the only driver: no native build to install). Never throws. */
export function loadDriver(): DriverChoice {
  try {
    return { open: openNodeSqlite() };
  } catch (error) {
    return { open: null, reason: `node:sqlite could not be loaded (${firstLine(error)}; cctop needs Node 22.13 or later)` };
  }
}

const PRIMARY_CODES: Record<number, string> = {
  5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED', 8: 'SQLITE_READONLY', 10: 'SQLITE_IOERR', 11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 26: 'SQLITE_NOTADB',
};

/**
 * The primary SQLite result code of an error (`SQLITE_NOTADB`, `SQLITE_FULL`, …), or null:
 * node:sqlite gives a number (`errcode`), an extended code name (`SQLITE_IOERR_WRITE`) is folded too.
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
