import { existsSync, renameSync } from 'node:fs';

/** The files SQLite keeps beside a database; they belong to it and move with it. */
export const COMPANIONS = ['-wal', '-shm', '-journal'];

/**
 * Renames a store that cannot be used to `<path>.bad-<ISO time without colons>` (its WAL and
 * shared-memory files with it, so SQLite never replays them into a new file); returns the new
 * path. Throws when the folder cannot be written.
 */
export function moveAside(path: string, nowMs: number): string {
  const aside = `${path}.bad-${new Date(nowMs).toISOString().replace(/:/g, '')}`;
  renameSync(path, aside);
  for (const suffix of COMPANIONS) {
    if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  }
  return aside;
}
