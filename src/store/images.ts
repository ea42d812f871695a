import { closeSync, constants, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SqlDatabase } from './driver.js';

/**
 * A warm start's image (usage/ingest-image.ts): the in-memory ingest's state after the stored
 * responses and limit hits timed in [historyStart, cut) were fed to it, under one set of price
 * settings. A cache of what the rows say, never the only copy: it is saved only while its rows
 * are still those it was built from (`fingerprint`), any write of a row before its cut spends it
 * (`spendImages`), and a spent image is built again. Its row is in the store;
 * its bytes (~180 bytes a response) in a file beside it, read whole in a few milliseconds where
 * SQLite's chain of overflow pages takes ~50 ms, and kept out of the store's size.
 */
export interface StoredImage {
  historyStart: number;
  /** A hash of the price settings the costs in it were priced with. */
  prices: string;
  cut: number;
  /** `rowsFingerprint` of [historyStart, cut) when it was built. */
  fingerprint: string;
  /** The log files gone from disk when it was built (their minutes are marked as known from the store alone). */
  gone: string[];
  builtAt: number;
  /** A row before its cut was written since it was saved: it no longer stands for its rows. */
  spent: boolean;
  bytes: Uint8Array;
}

/** What the store's row says of an image, before its file is read. */
export type ImageMeta = Omit<StoredImage, 'bytes'>;

/** An image to save: its bytes whole, or in pieces written one after another (usage/image-codec.ts ImageWriter.pieces). */
export type NewImage = ImageMeta & { bytes: Uint8Array | readonly Uint8Array[] };

/** Images kept per store: the default history start's and one other. */
const KEPT = 2;

const TOKENS = 'input + output + cache_write + cache_write_5m + cache_write_1h + cache_read + web_searches';

// A full scan beats the time index here (~14 ms for 100,000 rows against ~28 ms): it reads each
// page once. Rows only grow in place (each token count keeps its largest value), so a changed row
// moves the token sum; one added or deleted moves the count and the sum of ids; every value is in
// the row check too (row-check.ts).
const RESPONSES = `SELECT count(*) AS n, total(id) AS ids, total(chk) AS chk, total(${TOKENS}) AS tokens
  FROM responses NOT INDEXED WHERE time >= ? AND time < ?`;
const HITS = 'SELECT count(*) AS n, total(time) AS times, total(length(text)) AS texts FROM limit_hits WHERE time >= ? AND time < ?';

/**
 * Marks spent the images a write changed: those with a cut after `earliest`, the earliest time of
 * a row written (or, with `before`, those whose history starts before it: rows timed before it
 * were deleted). In the write's transaction.
 */
export function spendImages(db: SqlDatabase, change: { earliest: number } | { before: number }): void {
  if ('earliest' in change) db.prepare('UPDATE images SET spent = 1 WHERE spent = 0 AND cut > ?').run(change.earliest);
  else db.prepare('UPDATE images SET spent = 1 WHERE spent = 0 AND history_start < ?').run(change.before);
}

/** What the rows of [from, cut) add up to: equal fingerprints, the same rows (see above). */
export function rowsFingerprint(db: SqlDatabase, from: number, cut: number): string {
  const r = db.prepare(RESPONSES).get(from, cut);
  const h = db.prepare(HITS).get(from, cut);
  return [r?.n, r?.ids, r?.chk, r?.tokens, h?.n, h?.times, h?.texts].map(String).join(':');
}

/**
 * The image of `historyStart` under `prices`; null when there is none, its row is not `wanted`
 * (judged before its file is read: 7 MB at 2 GiB of logs, 33 MB at 4 GiB), or its file is gone
 * or not the size recorded.
 */
export function readImage(
  db: SqlDatabase, storePath: string, historyStart: number, prices: string, wanted: (meta: ImageMeta) => boolean = () => true,
): StoredImage | null {
  const sql = 'SELECT cut, fingerprint, gone, built_at, spent, file, size FROM images WHERE history_start = ? AND prices = ?';
  const row = db.prepare(sql).get(historyStart, prices);
  const gone = row ? goneOf(row.gone) : null;
  if (!row || !gone || basename(String(row.file)) !== row.file) return null;
  const spent = Number(row.spent) !== 0;
  const meta = { historyStart, prices, cut: Number(row.cut), fingerprint: String(row.fingerprint), gone, builtAt: Number(row.built_at), spent };
  if (!wanted(meta)) return null;
  const bytes = readOwnFile(join(dirname(storePath), String(row.file)));
  return bytes && bytes.length === Number(row.size) ? { ...meta, bytes } : null;
}

/**
 * Writes the image's file (0600, a new name: a reader of the one before is never cut short), then
 * its row in the caller's write transaction, keeping the newest KEPT rows (`removeStaleImages`
 * deletes the files of the others once the transaction is in). False, nothing saved, when its
 * rows changed since it was built (a write between the read it was built in and this one: the
 * write could not spend an image not saved yet).
 */
export function saveImage(db: SqlDatabase, storePath: string, image: NewImage): boolean {
  if (rowsFingerprint(db, image.historyStart, image.cut) !== image.fingerprint) return false;
  const file = `${imagePrefix(storePath)}${process.getBuiltinModule('node:crypto').randomBytes(6).toString('hex')}`;
  const pieces = image.bytes instanceof Uint8Array ? [image.bytes] : image.bytes;
  writeNewFile(join(dirname(storePath), file), pieces);
  db.prepare(`INSERT OR REPLACE INTO images (history_start, prices, cut, fingerprint, gone, built_at, file, size)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
    image.historyStart, image.prices, image.cut, image.fingerprint, JSON.stringify(image.gone), image.builtAt, file,
    pieces.reduce((size, piece) => size + piece.length, 0),
  );
  db.prepare(`DELETE FROM images WHERE rowid NOT IN (SELECT rowid FROM images ORDER BY built_at DESC, rowid DESC LIMIT ${KEPT})`).run();
  return true;
}

/** Deletes the image files beside the store that no row names (replaced, or left by a crash). */
export function removeStaleImages(db: SqlDatabase, storePath: string): void {
  const named = new Set(db.prepare('SELECT file FROM images').all().map((r) => String(r.file)));
  const prefix = imagePrefix(storePath);
  const dir = dirname(storePath);
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix) && !named.has(name)) unlinkSync(join(dir, name));
  }
}

/** Image files are named `<store's name>.image-<random hex>`. */
function imagePrefix(storePath: string): string {
  return `${basename(storePath)}.image-`;
}

function writeNewFile(path: string, pieces: readonly Uint8Array[]): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    for (const piece of pieces) for (let at = 0; at < piece.length;) at += writeSync(fd, piece, at);
  } finally {
    closeSync(fd);
  }
}

function readOwnFile(path: string): Uint8Array | null {
  try {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const bytes = readFileSync(fd);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

function goneOf(text: unknown): string[] | null {
  try {
    const list: unknown = JSON.parse(String(text));
    return Array.isArray(list) && list.every((p) => typeof p === 'string') ? list : null;
  } catch {
    return null;
  }
}
