import { encodeKey, KEY_BYTES, NO_KEY } from './key-encoding.js';
import type { ImageReader, ImageWriter } from './image-codec.js';
import { PagedArray } from './paged.js';

const FIRST_INDEX = 1024;

/**
 * Numbers string keys 0, 1, 2, … in the order they are first seen, in fixed-size entries: an
 * open-addressing index (linear probing) over typed arrays keyed by a 64-bit hash, each key kept
 * as its hash and its encoded characters (key-encoding.ts), so that two keys with the same hash
 * are compared in full and never taken for one. A key that does not fit an entry (none of Claude
 * Code's) is kept whole in a Map instead.
 */
export class KeyTable {
  private readonly hash = new Uint32Array(2);
  private readonly encoded = new Uint8Array(KEY_BYTES);
  private index = new Int32Array(FIRST_INDEX);
  private readonly hashes = new PagedArray((n) => new Uint32Array(n), 2);
  private readonly chars = new PagedArray((n) => new Uint8Array(n), KEY_BYTES);
  private readonly others = new Map<string, number>();
  private count = 0;
  /** Whether the last `entryOf` saw its key for the first time. */
  added = false;

  /** `hashOf` is replaceable for tests (a constant one makes every key collide). */
  constructor(private readonly hashOf: KeyHash = hash64) {}

  get size(): number {
    return this.count;
  }

  /** The key's entry number; a new one (and `added` set) for a key not seen before. */
  entryOf(key: string): number {
    if (!encodeKey(key, this.encoded)) return this.other(key);
    this.hashOf(key, this.hash);
    const h1 = this.hash[0]!;
    const h2 = this.hash[1]!;
    const mask = this.index.length - 1;
    for (let at = h1 & mask; ; at = (at + 1) & mask) {
      const slot = this.index[at]!;
      if (slot === 0) return this.insert(at);
      const entry = slot - 1;
      if (this.hashes.get(entry, 0) === h1 && this.hashes.get(entry, 1) === h2 && this.holdsEncoded(entry)) {
        this.added = false;
        return entry;
      }
    }
  }

  private insert(at: number): number {
    const entry = this.newEntry();
    this.hashes.set(entry, 0, this.hash[0]!);
    this.hashes.set(entry, 1, this.hash[1]!);
    this.chars.pageOf(entry).set(this.encoded, this.chars.offsetOf(entry));
    this.index[at] = entry + 1;
    if (this.count * 4 > this.index.length * 3) this.growIndex();
    return entry;
  }

  private other(key: string): number {
    const known = this.others.get(key);
    this.added = known === undefined;
    if (known !== undefined) return known;
    const entry = this.newEntry();
    this.chars.set(entry, 0, NO_KEY);
    this.others.set(key, entry);
    return entry;
  }

  private newEntry(): number {
    const entry = this.count++;
    this.hashes.ensure(entry);
    this.chars.ensure(entry);
    this.added = true;
    return entry;
  }

  /** Whether the entry's key is the one just encoded. */
  private holdsEncoded(entry: number): boolean {
    const page = this.chars.pageOf(entry);
    const offset = this.chars.offsetOf(entry);
    for (let i = 0; i < KEY_BYTES; i++) if (page[offset + i] !== this.encoded[i]) return false;
    return true;
  }

  private growIndex(): void {
    this.index = this.indexOf(this.index.length * 2)!;
  }

  /** An index of every entry of a fixed-size key; null when two entries hold one key. */
  private indexOf(length: number): Int32Array<ArrayBuffer> | null {
    const index = new Int32Array(length);
    const mask = length - 1;
    // Rows are read from their pages here: PagedArray.get, shared by every kind of typed array, is slower in bulk.
    for (let entry = 0; entry < this.count; entry++) {
      if (this.chars.pageOf(entry)[this.chars.offsetOf(entry)] === NO_KEY) continue;
      let at = this.hashes.pageOf(entry)[this.hashes.offsetOf(entry)]! & mask;
      for (; index[at] !== 0; at = (at + 1) & mask) if (this.sameKey(index[at]! - 1, entry)) return null;
      index[at] = entry + 1;
    }
    return index;
  }

  private sameKey(a: number, b: number): boolean {
    const pageA = this.hashes.pageOf(a);
    const pageB = this.hashes.pageOf(b);
    const offsetA = this.hashes.offsetOf(a);
    const offsetB = this.hashes.offsetOf(b);
    return pageA[offsetA] === pageB[offsetB] && pageA[offsetA + 1] === pageB[offsetB + 1] && this.sameChars(a, b);
  }

  private sameChars(a: number, b: number): boolean {
    const pageA = this.chars.pageOf(a);
    const pageB = this.chars.pageOf(b);
    const offsetA = this.chars.offsetOf(a);
    const offsetB = this.chars.offsetOf(b);
    for (let i = 0; i < KEY_BYTES; i++) if (pageA[offsetA + i] !== pageB[offsetB + i]) return false;
    return true;
  }

  /**
   * A table of the entries `keep` chooses, in their order (so entry `n` of the new table is the
   * `n`th entry kept): each keeps its hash and characters, or its whole key.
   */
  retained(keep: (entry: number) => boolean): KeyTable {
    const next = new KeyTable(this.hashOf);
    const whole = new Map([...this.others].map(([key, entry]) => [entry, key]));
    for (let entry = 0; entry < this.count; entry++) {
      if (!keep(entry)) continue;
      const key = whole.get(entry);
      if (key !== undefined) {
        next.other(key);
        continue;
      }
      const to = next.newEntry();
      next.hashes.set(to, 0, this.hashes.get(entry, 0));
      next.hashes.set(to, 1, this.hashes.get(entry, 1));
      next.chars.pageOf(to).set(this.chars.pageOf(entry).subarray(this.chars.offsetOf(entry), this.chars.offsetOf(entry) + KEY_BYTES), next.chars.offsetOf(to));
    }
    // Distinct keys here stay distinct there: the index is whole.
    next.index = next.indexOf(indexLengthFor(next.count))!;
    next.added = false;
    return next;
  }

  /** Writes the keys; the index is not written (`readImage` builds it again). */
  writeImage(out: ImageWriter): void {
    out.int(this.count);
    out.rows(this.hashes, this.count);
    out.rows(this.chars, this.count);
    out.int(this.others.size);
    for (const [key, entry] of this.others) {
      out.string(key);
      out.int(entry);
    }
  }

  /** Reads what `writeImage` wrote into this empty table; throws ImageError when the image is damaged. */
  readImage(from: ImageReader): void {
    const count = from.count();
    from.rows(this.hashes, count);
    from.rows(this.chars, count);
    this.count = count;
    this.readOthers(from);
    const index = this.indexOf(indexLengthFor(count));
    from.check(index !== null, 'a key held twice');
    this.index = index;
  }

  /** The keys kept whole: each names its own entry, one whose characters are not kept (and only those). */
  private readOthers(from: ImageReader): void {
    const size = from.int(0, this.count);
    for (let i = 0; i < size; i++) {
      const key = from.string();
      const entry = from.int(0, this.count - 1);
      from.check(!encodeKey(key, this.encoded) && !this.others.has(key), 'a key kept whole twice, or that fits an entry');
      this.others.set(key, entry);
    }
    const entries = new Set(this.others.values());
    let unkept = 0;
    for (let entry = 0; entry < this.count; entry++) if (this.chars.pageOf(entry)[this.chars.offsetOf(entry)] === NO_KEY) unkept++;
    from.check(entries.size === size && unkept === size && [...entries].every((e) => this.chars.get(e) === NO_KEY), 'the keys kept whole');
  }
}

/** Writes a key's 64-bit hash as two 32-bit halves. */
export type KeyHash = (key: string, out: Uint32Array) => void;

/** Two independent 32-bit hashes (FNV-1a and a murmur-style mix) of the key's UTF-16 code units. */
export function hash64(key: string, out: Uint32Array): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  out[0] = a;
  out[1] = b ^ (b >>> 16);
}

/** An index's length for `count` keys: a power of two at most three quarters full. */
function indexLengthFor(count: number): number {
  let length = FIRST_INDEX;
  while (count * 4 > length * 3) length *= 2;
  return length;
}
