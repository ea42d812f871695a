import fs from 'node:fs';

/** How many leading bytes identify a log file: a replaced file differs in its first line. */
export const HEAD_BYTES = 256;

/** What identifies one log file between runs: device, inode, size, mtime, its first bytes and those before the offset. */
export interface FileIdentity {
  device: number;
  inode: number;
  size: number;
  mtimeMs: number;
  /**
   * `<n>:<sha1 of the first n bytes>`, n = min(size, HEAD_BYTES): comparable after the file grew;
   * then `|<m>:<sha1 of the m bytes before the read offset>`: a rewrite that kept the size, the
   * inode and the first line changes those (positions stored by older versions lack the part).
   */
  headHash: string;
}

const scratch = Buffer.alloc(HEAD_BYTES);

/** The hash of the first `n` bytes of an open file (fewer if it is shorter now). */
export function headHashOf(fd: number, n: number): string {
  return hashAt(fd, 0, Math.min(n, HEAD_BYTES));
}

/** The hash of the (up to HEAD_BYTES) bytes just before `offset`. */
export function tailHashOf(fd: number, offset: number): string {
  const n = Math.min(offset, HEAD_BYTES);
  return hashAt(fd, offset - n, n);
}

function hashAt(fd: number, from: number, n: number): string {
  const read = fs.readSync(fd, scratch, 0, n, from);
  // Not imported: an ESM import of node:crypto also loads WebCrypto (~3 ms of every start).
  return `${read}:${process.getBuiltinModule('node:crypto').createHash('sha1').update(scratch.subarray(0, read)).digest('hex')}`;
}

/** The identity of an open file, from its stat, for a position at `offset`. */
export function identityOf(fd: number, stat: fs.Stats, offset: number): FileIdentity {
  const headHash = `${headHashOf(fd, stat.size)}|${tailHashOf(fd, offset)}`;
  return { device: stat.dev, inode: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, headHash };
}

/**
 * Whether the file at `path` still holds the bytes a stored `headHash` was made of: the same
 * first bytes and, where the hash has its second part, the same bytes before `offset`.
 */
export function sameHead(path: string, headHash: string, offset: number): boolean {
  const [head = '', tail] = headHash.split('|');
  const n = Number.parseInt(head, 10);
  if (!Number.isFinite(n)) return false;
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return false;
  }
  try {
    return headHashOf(fd, n) === head && (tail === undefined || tailHashOf(fd, offset) === tail);
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

/** The identity of the file at `path` now, for a position at `offset`; null when it cannot be read. */
export function identityAt(path: string, offset: number): FileIdentity | null {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    return identityOf(fd, fs.fstatSync(fd), offset);
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}
