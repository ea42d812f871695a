import { crc32 } from 'node:zlib';
import type { PagedArray } from './paged.js';

/**
 * The byte form of an in-memory image (ingest-image.ts). Each class writes its parts in an order
 * of its own and reads them back in the same order: small values (counts, strings, flags) go into
 * one JSON array, numbers that may be fractional into a Float64 stream (bit-exact, unlike
 * decimal text), and typed-array rows as their raw bytes (only the rows in use).
 *
 * Layout: the format version (u32), a checksum of all that follows it (u32), the JSON part's
 * length in bytes (u32), the number of floats (u32); the JSON part; the floats; the rows, in the
 * order written; zero bytes up to a multiple of 4. Numbers are in the machine's byte order: an
 * image is read back where it was made, and on a machine of the other order the version reads
 * wrong and the image is refused.
 */

/** Bumped whenever any class changes what it writes. */
export const IMAGE_VERSION = 3;
const HEADER_BYTES = 16;
/** The most rows or items any count may claim (an Int32 holds every row number). */
const MAX_COUNT = 0x7fff_ffff;

type Value = number | string | boolean | null;

/** A damaged image, found while reading it. */
export class ImageError extends Error {}

export class ImageWriter {
  private readonly values: Value[] = [];
  private readonly floats: number[] = [];
  private readonly chunks: Uint8Array[] = [];

  /** A whole number up to 2^53 (counts, row numbers, the store's version). */
  int(value: number): void {
    this.values.push(value);
  }

  string(value: string): void {
    this.values.push(value);
  }

  nullableString(value: string | null): void {
    this.values.push(value);
  }

  bool(value: boolean): void {
    this.values.push(value);
  }

  float(value: number): void {
    this.floats.push(value);
  }

  rows(paged: PagedArray<Float64Array | Uint32Array | Int32Array | Uint8Array>, rows: number): void {
    for (const bytes of paged.bytesOf(rows)) this.chunks.push(bytes);
  }

  /**
   * The image in pieces, in order: header (checksum included), parts, padding. Written out one
   * after another, never joined: the rows are views of the tables' own pages, and a joined
   * image is one more copy of them (33 MB at 4 GiB of logs).
   */
  pieces(): Uint8Array[] {
    const json = new TextEncoder().encode(JSON.stringify(this.values));
    const floats = new Uint8Array(new Float64Array(this.floats).buffer);
    const body = [json, floats, ...this.chunks];
    const length = body.reduce((sum, piece) => sum + piece.length, HEADER_BYTES);
    const pieces = [new Uint8Array(HEADER_BYTES), ...body, new Uint8Array(roundUp4(length) - length)];
    const header = new Uint32Array(pieces[0]!.buffer);
    header[0] = IMAGE_VERSION;
    header[2] = json.length;
    header[3] = this.floats.length;
    header[1] = pieces.reduce((crc, piece, i) => crc32(i === 0 ? piece.subarray(8) : piece, crc), 0);
    return pieces;
  }

  /** The image as one array. */
  bytes(): Uint8Array {
    return joined(this.pieces());
  }
}

export class ImageReader {
  private next = 0;
  private nextFloat = 0;

  private constructor(
    private readonly values: readonly unknown[],
    private readonly floats: Float64Array,
    private readonly image: Uint8Array,
    private at: number,
  ) {}

  /** A reader of `bytes`; null when they are not a whole image of this version (checksum, lengths, JSON). */
  static open(bytes: Uint8Array): ImageReader | null {
    if (bytes.length < HEADER_BYTES || bytes.length % 4 !== 0) return null;
    // A copy where the words are not aligned (`new Uint8Array` copies: a Buffer's `slice` would not).
    const image = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
    const header = new Uint32Array(image.buffer, image.byteOffset, 4);
    if (header[0] !== IMAGE_VERSION || header[1] !== checksumOf(image)) return null;
    const jsonEnd = HEADER_BYTES + header[2]!;
    const floatsEnd = jsonEnd + header[3]! * 8;
    if (floatsEnd > image.length) return null;
    const values = parseValues(image.subarray(HEADER_BYTES, jsonEnd));
    if (!values) return null;
    const floats = new Float64Array(header[3]!);
    new Uint8Array(floats.buffer).set(image.subarray(jsonEnd, floatsEnd));
    return new ImageReader(values, floats, image, floatsEnd);
  }

  check(condition: boolean, what: string): asserts condition {
    if (!condition) throw new ImageError(`damaged image: ${what}`);
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    const value = this.values[this.next++];
    this.check(Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max, 'a number out of range');
    return value as number;
  }

  /** A count of rows or items. */
  count(): number {
    return this.int(0, MAX_COUNT);
  }

  string(): string {
    const value = this.values[this.next++];
    this.check(typeof value === 'string', 'a string expected');
    return value;
  }

  nullableString(): string | null {
    const value = this.values[this.next++];
    this.check(value === null || typeof value === 'string', 'a string or null expected');
    return value;
  }

  bool(): boolean {
    const value = this.values[this.next++];
    this.check(typeof value === 'boolean', 'a flag expected');
    return value;
  }

  float(): number {
    this.check(this.nextFloat < this.floats.length, 'floats end early');
    return this.floats[this.nextFloat++]!;
  }

  /** Fills the empty `paged` with the next `rows` rows. */
  rows(paged: PagedArray<Float64Array | Uint32Array | Int32Array | Uint8Array>, rows: number): void {
    const length = rows * paged.rowBytes;
    this.check(length <= this.image.length - this.at, 'rows end early');
    paged.load(rows, this.image.subarray(this.at, this.at + length));
    this.at += length;
  }

  /** Checks that every part was read, nothing left over but the zero padding. */
  end(): void {
    this.check(this.next === this.values.length && this.nextFloat === this.floats.length, 'values left over');
    this.check(roundUp4(this.at) === this.image.length, 'rows left over');
    for (let at = this.at; at < this.image.length; at++) this.check(this.image[at] === 0, 'padding');
  }
}

function parseValues(json: Uint8Array): readonly unknown[] | null {
  try {
    const values: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
    return Array.isArray(values) ? values : null;
  } catch {
    return null;
  }
}

/** `pieces` one after another, in one array. */
export function joined(pieces: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    all.set(piece, at);
    at += piece.length;
  }
  return all;
}

function roundUp4(n: number): number {
  return (n + 3) & ~3;
}

/**
 * The CRC-32 of the image after its version and checksum words: it sees every change of up to 32
 * bits in a row (so any one flipped byte), and zlib computes it natively (~6 ms for 17 MB, where a
 * JavaScript sum of the words took ~30 ms of a warm start).
 */
function checksumOf(image: Uint8Array): number {
  return crc32(image.subarray(8));
}

/** Writes the checksum of an image whose bytes were changed (tests forge damaged but well-summed images with it). */
export function sealImage(image: Uint8Array): void {
  new Uint32Array(image.buffer, image.byteOffset, 2)[1] = checksumOf(image);
}
