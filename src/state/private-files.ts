import { chmodSync, closeSync, constants, fchmodSync, fstatSync, lstatSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * How cctop writes its own files (the state folder's, the alert log): folders it creates are 0700
 * and files it creates 0600 whatever the umask, and a symbolic link where a file goes is refused,
 * never followed, since one planted there would have cctop create or write a file of its choosing.
 * The history store's folder is made by the same rule (store/private-path.ts imports it).
 */

/** The message of a refused link, after the name of the file it stands for. */
export const LINK_REFUSED = 'a symbolic link; cctop will not follow it';

const { O_WRONLY, O_CREAT, O_EXCL, O_APPEND, O_NOFOLLOW, O_NONBLOCK } = constants;

/** Creates the missing folders of `dir` one level at a time, each made 0700 before the next goes in (a umask of 0777 included). */
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

/** cctop's own state folder: made as above, and made 0700 when an older cctop left it open to others. */
export function makeStateFolder(dir: string): void {
  makePrivateFolder(dir);
  try {
    if ((statSync(dir).mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
  } catch {
    // Another user's folder: what goes in it is still 0600.
  }
}

/** Throws when `path` is a symbolic link. */
export function refuseLink(path: string): void {
  let link = false;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch {
    // Nothing there yet.
  }
  if (link) throw new Error(LINK_REFUSED);
}

/**
 * Appends `bytes` in one write, creating the file 0600 when missing; refuses a link, and anything
 * but a regular file. `tighten` makes a file that is there 0600 too (one of cctop's own files).
 */
export function appendPrivate(path: string, bytes: Buffer, options: { tighten?: boolean } = {}): void {
  refuseLink(path);
  const fd = openOwn(path, options.tighten ?? false);
  try {
    writeSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

/** Replaces `path` whole with `text` (a temporary file of its own, then a rename): a reader never sees half of it. */
export function replacePrivate(path: string, text: string): void {
  refuseLink(path);
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openTemp(temp);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** Opens for appending without following a link: creates the file (0600) when it is missing. */
function openOwn(path: string, tighten: boolean): number {
  try {
    const created = openSync(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK, 0o600);
    fchmodSync(created, 0o600);
    return created;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const fd = openSync(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw new Error('not a regular file');
    if (tighten) fchmodSync(fd, 0o600);
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * A new temporary file, 0600. Whatever is at its name (one a crash left, or a link planted there)
 * is removed, never followed: O_EXCL refuses any name that exists, a link included.
 */
function openTemp(temp: string): number {
  const create = () => openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
  let fd: number;
  try {
    fd = create();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    unlinkSync(temp);
    fd = create();
  }
  fchmodSync(fd, 0o600);
  return fd;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
