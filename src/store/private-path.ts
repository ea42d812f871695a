import { closeSync, constants, fchmodSync, fstatSync, lstatSync, openSync } from 'node:fs';
import { COMPANIONS } from './aside.js';
export { makePrivateFolder } from '../state/private-files.js';

/**
 * The store's own file-system rules (its folders are made by state/private-files.ts, as cctop's
 * other files are): folders 0700 and files 0600 whatever the umask,
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
