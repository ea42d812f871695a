/** JSON strings over bytes, validated four bytes at a time where nothing needs a look (see json-scan.ts). */

/** The result of a skip that the fast path cannot take (invalid JSON or a deferred case). */
export const NO = -1;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Bytes a string is read bytewise before words. */
const SHORT = 16;

/** 1 for the bytes that end the plain run of a string: `"`, `\` and the C0 controls. */
const STOPS = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) STOPS[c] = 1;
STOPS[QUOTE] = 1;
STOPS[BACKSLASH] = 1;

/** 1 for the characters a one-letter escape may name: `" \ / b f n r t`. */
const SHORT_ESCAPES = new Uint8Array(256);
for (const ch of '"\\/bfnrt') SHORT_ESCAPES[ch.charCodeAt(0)] = 1;

// The last buffer's word view and offset: `.buffer` and `.byteOffset` are getters too slow to
// call per string. Holding the last buffer keeps at most one read buffer alive.
let viewed: Uint8Array | null = null;
let words: Uint32Array = new Uint32Array(0);
let offset = 0;

/** Points the word view at `b`'s memory (aligned 32-bit words over its whole backing store). */
function view(b: Uint8Array): void {
  if (b === viewed) return;
  if (viewed === null || b.buffer !== viewed.buffer) words = new Uint32Array(b.buffer, 0, b.buffer.byteLength >>> 2);
  viewed = b;
  offset = b.byteOffset;
}

/**
 * From just after a string's opening quote to just after its closing quote, four bytes at a time
 * where the position is aligned: a word holds a `"`, `\` or control byte iff one of the classic
 * "has a zero byte" tests fires (no false negatives; a false positive costs a look at one byte).
 * A `\u` escape of a printable ASCII character is deferred: it could spell "limit reached" (or a
 * key) unseen by byte searches, and JSON.stringify never writes one.
 */
export function skipString(b: Uint8Array, i: number, end: number): number {
  // Most strings of a line are keys and ids that end within a few bytes: those need no words.
  const short = Math.min(end, i + SHORT);
  for (; i < short; i++) {
    const c = b[i]!;
    if (STOPS[c] === 0) continue;
    if (c === QUOTE) return i + 1;
    break;
  }
  return skipLongString(b, i, end);
}

function skipLongString(b: Uint8Array, i: number, end: number): number {
  view(b);
  const w = words;
  const off = offset;
  const last = (off + end) >>> 2;
  for (;;) {
    if (((off + i) & 3) === 0) {
      let k = (off + i) >>> 2;
      while (k < last) {
        const x = w[k]!;
        const q = x ^ 0x22222222;
        const s = x ^ 0x5c5c5c5c;
        if ((((q - 0x01010101) & ~q) | ((s - 0x01010101) & ~s) | ((x - 0x20202020) & ~x)) & 0x80808080) break;
        k++;
      }
      i = k * 4 - off;
    }
    if (i >= end) return NO;
    const c = b[i]!;
    if (STOPS[c] === 0) {
      i++;
    } else if (c === QUOTE) {
      return i + 1;
    } else if (c !== BACKSLASH || (i = skipEscape(b, i, end)) === NO) {
      return NO;
    }
  }
}

/** Past the escape at `i` (its backslash), or NO. */
function skipEscape(b: Uint8Array, i: number, end: number): number {
  if (i + 1 >= end) return NO;
  const e = b[i + 1]!;
  if (SHORT_ESCAPES[e] === 1) return i + 2;
  if (e !== 0x75) return NO;
  const code = hex4(b, i + 2, end);
  return code < 0 || (code >= 0x20 && code < 0x7f) ? NO : i + 6;
}

function hex4(b: Uint8Array, i: number, end: number): number {
  if (i + 4 > end) return NO;
  let code = 0;
  for (let k = i; k < i + 4; k++) {
    const c = b[k]!;
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
    if (d < 0) return NO;
    code = code * 16 + d;
  }
  return code;
}

