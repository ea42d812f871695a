import { statSync } from 'node:fs';
import type { SqlDatabase } from './driver.js';
import type { StoreInfo } from './types.js';

/** Sizes, counts and the stored date range, for `cctop store info`. */
export function readInfo(db: SqlDatabase, path: string): StoreInfo {
  const totals = db.prepare('SELECT count(*) AS n, min(time) AS first, max(time) AS last FROM responses').get()!;
  const files = db.prepare('SELECT count(*) AS n FROM positions').get()!;
  const images = db.prepare('SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes, max(cut) AS cut FROM images').get()!;
  const machines = db.prepare(`SELECT m.name AS machine, count(*) AS n FROM responses r
    JOIN machines m ON m.id = r.machine GROUP BY r.machine ORDER BY m.name`).all();
  return {
    path,
    sqliteVersion: String(db.prepare('SELECT sqlite_version() AS v').get()?.v),
    sizeBytes: fileSize(path) + fileSize(`${path}-wal`),
    responses: Number(totals.n),
    files: Number(files.n),
    firstDay: utcDay(totals.first),
    lastDay: utcDay(totals.last),
    machines: machines.map((r) => ({ machine: String(r.machine), responses: Number(r.n) })),
    images: { count: Number(images.n), bytes: Number(images.bytes), cut: images.cut === null ? null : Number(images.cut) },
  };
}

function utcDay(ms: unknown): string | null {
  return ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString().slice(0, 10);
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
