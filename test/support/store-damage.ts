import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { openNodeSqlite } from '../../src/store/driver-node.js';

/**
 * Damage for the history store's tests, done to the file's bytes as a disk or a stray program
 * would (the store must be closed). B-tree pages are found by walking them from their root page
 * (the file format: https://www.sqlite.org/fileformat2.html#b_tree_pages), since node:sqlite's
 * build may lack the dbstat table.
 */

const LEAF_TYPES = new Set([0x0a, 0x0d]);
const INTERIOR_TYPES = new Set([0x02, 0x05]);

/** The page size and one page's header offset (page 1 starts after the 100-byte file header). */
function layout(bytes: Buffer, page: number): { start: number; header: number } {
  const size = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
  const start = (page - 1) * size;
  return { start, header: start + (page === 1 ? 100 : 0) };
}

/** The b-tree root page of a table or index, read through SQLite. */
export function rootPage(path: string, name: string): number {
  const db = openNodeSqlite()(path);
  try {
    return Number(db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(name)?.rootpage);
  } finally {
    db.close();
  }
}

/** The leaf pages of the b-tree of `name` (a table or index), in key order. */
export function leafPages(path: string, name: string): number[] {
  const bytes = readFileSync(path);
  const leaves: number[] = [];
  const walk = (page: number): void => {
    const { start, header } = layout(bytes, page);
    const type = bytes[header]!;
    if (LEAF_TYPES.has(type)) return void leaves.push(page);
    if (!INTERIOR_TYPES.has(type)) throw new Error(`page ${page} is not a b-tree page (type ${type})`);
    const cells = bytes.readUInt16BE(header + 3);
    for (let i = 0; i < cells; i++) walk(bytes.readUInt32BE(start + bytes.readUInt16BE(header + 12 + 2 * i)));
    walk(bytes.readUInt32BE(header + 8));
  };
  walk(rootPage(path, name));
  return leaves;
}

/** The number of cells a b-tree page's header claims. */
export function cellCount(path: string, page: number): number {
  const bytes = readFileSync(path);
  return bytes.readUInt16BE(layout(bytes, page).header + 3);
}

/** Rewrites the cell count in a b-tree page's header (bytes 3-4), as the damaged leaf did. */
export function setCellCount(path: string, page: number, count: number): void {
  const { header } = layout(readFileSync(path), page);
  const value = Buffer.alloc(2);
  value.writeUInt16BE(count);
  writeAt(path, header + 3, value);
}

/**
 * Flips `count` bits at places a seeded generator picks anywhere in the file (its header too);
 * returns where, as `byte:bit`. The same seed flips the same bits of a file of the same size.
 */
export function flipBits(path: string, seed: number, count: number): string[] {
  const size = readFileSync(path).length;
  let state = (seed * 2654435761) >>> 0 || 1;
  const next = () => {
    // xorshift32: small, fixed, and the same everywhere.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const flipped: string[] = [];
  for (let i = 0; i < count; i++) {
    const offset = Math.floor(next() * size);
    const bit = Math.floor(next() * 8);
    const byte = Buffer.alloc(1);
    const fd = openSync(path, 'r');
    readSync(fd, byte, 0, 1, offset);
    closeSync(fd);
    byte[0] = byte[0]! ^ (1 << bit);
    writeAt(path, offset, byte);
    flipped.push(`${offset}:${bit}`);
  }
  return flipped;
}

function writeAt(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}
