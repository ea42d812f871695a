import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** How many leading bytes identify a log file: a replaced file differs in its first line. */
export const HEAD_BYTES = 256;

/** What identifies one log file between runs: device, inode, size, mtime and its first bytes. */
export interface FileIdentity {
  device: number;
  inode: number;
  size: number;
  mtimeMs: number;
  /** `<n>:<sha1 of the first n bytes>`, n = min(size, HEAD_BYTES): comparable after the file grew. */
  headHash: string;
}

const scratch = Buffer.alloc(HEAD_BYTES);

/** The hash of the first `n` bytes of an open file (fewer if it is shorter now). */
export function headHashOf(fd: number, n: number): string {
  const read = fs.readSync(fd, scratch, 0, Math.min(n, HEAD_BYTES), 0);
  return `${read}:${createHash('sha1').update(scratch.subarray(0, read)).digest('hex')}`;
}

/** The identity of an open file, from its stat. */
export function identityOf(fd: number, stat: fs.Stats): FileIdentity {
  return { device: stat.dev, inode: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, headHash: headHashOf(fd, stat.size) };
}

/** Whether the file at `path` still starts with the bytes a stored `headHash` was made of. */
export function sameHead(path: string, headHash: string): boolean {
  const n = Number.parseInt(headHash, 10);
  if (!Number.isFinite(n)) return false;
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return false;
  }
  try {
    return headHashOf(fd, n) === headHash;
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

/** The identity of the file at `path` now; null when it cannot be read. */
export function identityAt(path: string): FileIdentity | null {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    return identityOf(fd, fs.fstatSync(fd));
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}
