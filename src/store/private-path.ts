import { chmodSync, closeSync, constants, fchmodSync, fstatSync, lstatSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { COMPANIONS } from './aside.js';

/**
 * The store's own file-system rules (state/private-files.ts keeps the same ones for the state
 * folder; the layout forbids store/ to import it): folders 0700 and files 0600 whatever the umask,
 * and never a symbolic link followed, since a link planted at the path would have cctop write
 * its tables into, or create, a file of the link's choosing.
 */

/** The first of the store's paths (the database and the files SQLite keeps beside it) that is a symbolic link, or null. */
export function linkAmong(path: string): string | null {
  return [path, ...COMPANIONS.map((suffix) => path + suffix)].find(isLink) ?? null;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Creates the missing folders of `dir` one level at a time, each 0700 before the next goes in (a umask of 0777 included). */
export function makePrivateFolder(dir: string): void {
  const missing: string[] = [];
  for (let level = dir; !isFolder(level) && dirname(level) !== level; level = dirname(level)) missing.unshift(level);
  for (const level of missing) {
    try {
      mkdirSync(level, 0o700);
    } catch (error) {
      // Made meanwhile by another process: it is not ours to change.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && isFolder(level)) continue;
      throw error;
    }
    chmodSync(level, 0o700);
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Creates the database file if missing, or opens it, without following a link (O_NOFOLLOW), and
 * makes it 0600: SQLite gives its WAL and shared-memory files the mode of the database.
 */
export function makePrivateFile(path: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o600);
  try {
    if (!fstatSync(fd).isFile()) throw new Error(`${path} is not a regular file`);
    fchmodSync(fd, 0o600);
  } finally {
    closeSync(fd);
  }
}
