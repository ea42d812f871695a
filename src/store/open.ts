import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { moveAside } from './aside.js';
import { firstLine, loadDriver, sqliteCode, type OpenDatabase, type SqlDatabase } from './driver.js';
import { HistoryStore } from './history.js';
import { migrate, NewerSchemaError, SCHEMA_VERSION, storedVersion } from './schema.js';

/** How long a writer waits for another process's transaction before giving up. */
const BUSY_TIMEOUT_MS = 5000;

/** Where and how to open the store. */
export interface OpenStoreOptions {
  path: string;
  /** Caps the database at about this many bytes: a write past it fails as on a full disk. */
  maxBytes?: number;
  /** The clock that names a moved-aside file (epoch ms). */
  now?: () => number;
}

/** An open store, or null with the reason in `notices`; the caller runs in memory then. */
export interface OpenStoreResult {
  store: HistoryStore | null;
  /** What the user should see (moved-aside files, why there is no store). */
  notices: string[];
  /** The file was made by a newer cctop (the schema version it records): it is left exactly as it is. */
  newer?: { schema: number; text: string };
}

/**
 * Opens (creating, migrating) the store: folder 0700, file 0600, WAL. A corrupt or unreadable
 * file is moved aside and a new one started, with a notice. A newer cctop's file is never
 * touched: its history is not ours to move or downgrade, and no log may be left to refill it.
 * Never throws.
 */
export function openStore(options: OpenStoreOptions): OpenStoreResult {
  const { path } = options;
  const driver = loadDriver();
  if (driver.open === null) return off(driver.reason);
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  } catch (error) {
    return off(`cannot create its folder (${firstLine(error)})`);
  }
  const first = attempt(driver.open, options);
  if ('store' in first) return { store: first.store, notices: [] };
  if (first.error instanceof NewerSchemaError) {
    closeQuietly(first.db);
    return newer(path, first.error.found);
  }
  const reason = firstLine(first.error);
  // Moved before the failed connection closes: closing deletes a WAL that SQLite could not use.
  const aside = isBadFile(first.error, path) ? tryMoveAside(path, (options.now ?? Date.now)()) : null;
  closeQuietly(first.db);
  if (aside === null) return off(reason);
  if (aside instanceof Error) return off(`${reason}, and it could not be moved aside (${firstLine(aside)})`);
  const moved = `history store: ${path} could not be used (${reason}); moved it to ${aside} and started a new one`;
  const second = attempt(driver.open, options);
  if ('store' in second) return { store: second.store, notices: [moved] };
  closeQuietly(second.db);
  return { store: null, notices: [moved, ...off(firstLine(second.error)).notices] };
}

function off(reason: string): OpenStoreResult {
  return { store: null, notices: [`history store off: ${reason}; running in memory`] };
}

function newer(path: string, schema: number): OpenStoreResult {
  const text = `${path} was made by a newer cctop (schema ${schema}; this one knows ${SCHEMA_VERSION}); upgrade cctop, or --store elsewhere`;
  return { ...off(text), newer: { schema, text } };
}

function tryMoveAside(path: string, nowMs: number): string | Error {
  try {
    return moveAside(path, nowMs);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** One try at opening a usable store; on failure the error, and the connection if one opened. */
function attempt(open: OpenDatabase, options: OpenStoreOptions): { store: HistoryStore } | { error: unknown; db?: SqlDatabase } {
  let db: SqlDatabase | undefined;
  try {
    closeSync(openSync(options.path, 'a', 0o600));
    db = open(options.path);
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Read before anything is written (the journal mode, the migration): a newer file stays as it is.
    const found = storedVersion(db);
    if (found > SCHEMA_VERSION) throw new NewerSchemaError(found);
    configure(db, options.maxBytes);
    migrate(db);
    return { store: new HistoryStore(db, options.path) };
  } catch (error) {
    return { error, db };
  }
}

function closeQuietly(db: SqlDatabase | undefined): void {
  try {
    db?.close();
  } catch {
    // The error that matters is the one that made us close it.
  }
}

function configure(db: SqlDatabase, maxBytes: number | undefined): void {
  const mode = db.prepare('PRAGMA journal_mode = WAL').get();
  if (String(mode?.journal_mode).toLowerCase() !== 'wal') throw new Error(`journal mode stays ${String(mode?.journal_mode)}`);
  // In WAL mode NORMAL loses no committed transaction on a process crash (only on power loss).
  db.exec('PRAGMA synchronous = NORMAL');
  if (maxBytes !== undefined) {
    const pageSize = Number(db.prepare('PRAGMA page_size').get()?.page_size);
    db.exec(`PRAGMA max_page_count = ${Math.max(1, Math.floor(maxBytes / pageSize))}`);
  }
}

/** A file that is not a usable database of ours, as opposed to a folder or disk in the way. */
function isBadFile(error: unknown, path: string): boolean {
  const code = sqliteCode(error);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return true;
  return existsSync(path) && !readable(path);
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
