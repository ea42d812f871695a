import { firstLine, sqliteCode, type SqlDatabase } from './driver.js';

/** The meta key under which a damage found while running waits for the next open to recover it. */
const DAMAGE_KEY = 'damaged';
const LOWEST = '-9223372036854775808';

/**
 * The check made at every open, before anything is read: the two indexes of `responses` must
 * list as many rows as each other. A damaged index page (a leaf whose header claims 1 cell of
 * 153) hides its rows from every read by time without an error; counting the entries of each
 * index is the cheapest look that sees it. Measured (CPU, a connection's first reads): 11-14 ms
 * for a 32 MB store (200,000 responses, about what a 4 GB log tree leaves), 92-130 ms at 332 MB
 * (2 million), so ~1.2 s for a 4 GB store; `PRAGMA quick_check` takes ~110 ms at 32 MB. The row
 * checks and the indexes' contents are compared off the critical path (verify.ts).
 * Returns the damage, or null.
 */
export function checkOnOpen(db: SqlDatabase): string | null {
  const marked = db.prepare(`SELECT value FROM meta WHERE key = '${DAMAGE_KEY}'`).get();
  if (marked) return String(marked.value);
  // Each with a range on its index's column: a bare count(*) counts the smallest b-tree whatever INDEXED BY says.
  const counts = db.prepare(`SELECT
    (SELECT count(*) FROM responses INDEXED BY responses_by_time WHERE time >= ${LOWEST}) AS by_time,
    (SELECT count(*) FROM responses INDEXED BY responses_by_key WHERE key_hash >= ${LOWEST}) AS by_key`).get()!;
  if (counts.by_time === counts.by_key) return null;
  const byTime = Number(counts.by_time);
  return `its indexes disagree: ${byTime.toLocaleString('en-US')} ${byTime === 1 ? 'response' : 'responses'} by time, ` +
    `${Number(counts.by_key).toLocaleString('en-US')} by key hash`;
}

/** Records a damage found while running, for the next open to recover (best effort: the file is damaged). */
export function markDamaged(db: SqlDatabase, damage: string): boolean {
  try {
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(DAMAGE_KEY, damage);
    return true;
  } catch {
    return false;
  }
}

/** The damage an error of SQLite reveals, or null for an error that says nothing of the file. */
export function damageOf(error: unknown): string | null {
  const code = sqliteCode(error);
  const text = firstLine(error);
  // A column of a type cctop never writes (a flipped type byte) makes the JSON of a page fail.
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || text.includes('JSON cannot hold BLOB') ? text : null;
}
