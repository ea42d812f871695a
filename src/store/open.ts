import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { moveAside } from './aside.js';
import { firstLine, loadDriver, sqliteCode, type OpenDatabase, type SqlDatabase } from './driver.js';
import { HistoryStore } from './history.js';
import { checkOnOpen } from './integrity.js';
import { linkAmong, makePrivateFile, makePrivateFolder } from './private-path.js';
import { recoverRows, type Recovered } from './recover.js';
import { migrate, NewerSchemaError, SCHEMA_VERSION, storedVersion } from './schema.js';
import { Verifier } from './verify.js';

/** How long a writer waits for another process's transaction before giving up. */
const BUSY_TIMEOUT_MS = 5000;

/** Where and how to open the store. */
export interface OpenStoreOptions {
  path: string;
  /** Caps the database at about this many bytes: a write past it fails as on a full disk. */
  maxBytes?: number;
  /** The clock that names a moved-aside file (epoch ms). */
  now?: () => number;
  /**
   * `open` (the default) makes the cheap check of integrity.ts before anything is read; `full`
   * also runs the full check (verify.ts) first, for `cctop store rebuild`.
   */
  check?: 'open' | 'full';
  /** Runs the full check in the background this long after the open (see HistoryStore.verify); never when absent. */
  verifyAfterMs?: number;
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
 * Opens (creating, migrating) the store: folder 0700, file 0600, WAL; a symbolic link at its
 * path is refused. A damaged, corrupt or unreadable file is moved aside and a new one started
 * with every row that could still be read from it, with a notice. A newer cctop's file is never
 * touched: its history is not ours to move or downgrade, and no log may be left to refill it.
 * Never throws.
 */
export function openStore(options: OpenStoreOptions): OpenStoreResult {
  const { path } = options;
  const driver = loadDriver();
  if (driver.open === null) return off(driver.reason);
  const link = linkAmong(path);
  if (link !== null) return off(`${link} is a symbolic link; cctop will not follow it`);
  try {
    makePrivateFolder(dirname(path));
  } catch (error) {
    return off(`cannot create its folder (${firstLine(error)})`);
  }
  const first = attempt(driver.open, options);
  if ('db' in first) {
    const damage = checked(first.db, options.check ?? 'open', driver.open, path);
    if (damage === null) return { store: storeOf(first.db, driver.open, options), notices: [] };
    return recover(first.db, damage, driver.open, options);
  }
  if (first.error instanceof NewerSchemaError) {
    closeQuietly(first.failed);
    return newer(path, first.error.found);
  }
  if (isBadFile(first.error, path)) return recover(first.failed, firstLine(first.error), driver.open, options);
  closeQuietly(first.failed);
  return off(firstLine(first.error));
}

function storeOf(db: SqlDatabase, open: OpenDatabase, options: OpenStoreOptions): HistoryStore {
  return new HistoryStore(db, options.path, { open, verifyAfterMs: options.verifyAfterMs });
}

/** The damage the check finds, or null; a check that fails to read the file is damage too. */
function checked(db: SqlDatabase, check: 'open' | 'full', open: OpenDatabase, path: string): string | null {
  try {
    return checkOnOpen(db) ?? (check === 'full' ? new Verifier(open(path)).run() : null);
  } catch (error) {
    return firstLine(error);
  }
}

/**
 * Moves the file aside (before its failed connection closes: closing deletes a WAL that SQLite
 * could not use), starts a new store and copies into it every row that can still be read.
 */
function recover(failed: SqlDatabase | undefined, reason: string, open: OpenDatabase, options: OpenStoreOptions): OpenStoreResult {
  const { path } = options;
  const aside = tryMoveAside(path, (options.now ?? Date.now)());
  closeQuietly(failed);
  if (aside instanceof Error) return off(`${reason}, and it could not be moved aside (${firstLine(aside)})`);
  const fresh = attempt(open, options);
  if (!('db' in fresh)) {
    closeQuietly(fresh.failed);
    return { store: null, notices: [movedText(path, reason, aside, null), ...off(firstLine(fresh.error)).notices] };
  }
  const recovered = recoverRows(fresh.db, aside);
  return { store: storeOf(fresh.db, open, options), notices: [movedText(path, reason, aside, recovered)] };
}

function movedText(path: string, reason: string, aside: string, recovered: Recovered | null): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const rows = recovered && recovered.responses > 0 ? ` with the ${count(recovered.responses)} responses that could still be read` : '';
  const bad = recovered?.failedCheck ?? 0;
  const failed = bad > 0 ? ` (${count(bad)} more ${bad === 1 ? 'fails its row check and is' : 'fail their row check and are'} left out)` : '';
  return `history store: ${path} could not be used (${reason}); moved it to ${aside} and started a new one${rows}${failed}`;
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

/** One try at opening a usable database; on failure the error, and the connection if one opened. */
function attempt(open: OpenDatabase, options: OpenStoreOptions): { db: SqlDatabase } | { error: unknown; failed?: SqlDatabase } {
  let db: SqlDatabase | undefined;
  try {
    makePrivateFile(options.path);
    db = open(options.path);
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Read before anything is written (the journal mode, the migration): a newer file stays as it is.
    const found = storedVersion(db);
    if (found > SCHEMA_VERSION) throw new NewerSchemaError(found);
    configure(db, options.maxBytes);
    migrate(db);
    return { db };
  } catch (error) {
    return { error, failed: db };
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
