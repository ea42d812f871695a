import { decode } from './json-decode.js';

/**
 * A leaf of the byte fast path's skeleton: the value JSON.parse gives the valid JSON text
 * `b[start, end)`, built from the bytes for the common shapes (plain strings, literals, small
 * integers) and by JSON.parse of that text (only) for the rest.
 */
export class Leaf {
  // The last plain string read here, to hand out the same string while the bytes repeat (session
  // id, cwd, model, the ids of streamed copies): a comparison instead of a new string.
  private readonly lastBytes = new Uint8Array(64);
  private lastLength = -1;
  private lastText = '';

  /** The value of the valid JSON value `b[start, end)`. */
  read(b: Buffer, start: number, end: number): unknown {
    const first = b[start];
    if (first === 0x22) return this.string(b, start, end);
    if (first === 0x74) return true;
    if (first === 0x66) return false;
    if (first === 0x6e) return null;
    if (first !== 0x2d && end - start <= 15 && isDigits(b, start, end)) return digitsValue(b, start, end);
    return JSON.parse(decode(b.subarray(start, end))) as unknown;
  }

  private string(b: Buffer, start: number, end: number): string {
    const from = start + 1;
    const to = end - 1;
    const n = to - from;
    if (n === this.lastLength && sameBytes(b, from, this.lastBytes, n)) return this.lastText;
    if (!isPlain(b, from, to)) return JSON.parse(decode(b.subarray(start, end))) as string;
    this.lastText = b.toString('latin1', from, to);
    this.lastLength = n <= this.lastBytes.length ? n : -1;
    for (let i = 0; i < n && i < this.lastBytes.length; i++) this.lastBytes[i] = b[from + i]!;
    return this.lastText;
  }
}

/** Whether `b[from, from + n)` equals the first `n` bytes of `bytes`. */
export function sameBytes(b: Uint8Array, from: number, bytes: Uint8Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (b[from + i] !== bytes[i]) return false;
  return true;
}

function isDigits(b: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i]! < 0x30 || b[i]! > 0x39) return false;
  return true;
}

/** A plain integer of at most 15 digits (JSON allows no leading zeros): exact in a double, as JSON.parse reads it. */
function digitsValue(b: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (b[i]! - 0x30);
  return n;
}

/** No escape and no byte ≥ 0x80: the bytes are the string. */
function isPlain(b: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c === 0x5c || c >= 0x80) return false;
  }
  return true;
}
