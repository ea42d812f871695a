/**
 * A strict JSON validator over bytes that builds nothing: each `skip…` returns the position
 * just after what it read, or NO (-1) when the bytes are not valid JSON, or are a case the byte
 * fast path leaves to JSON.parse. It accepts only what JSON.parse
 * would accept once the bytes are decoded (bytes ≥ 0x80 are valid only inside strings, where
 * they decode to characters or U+FFFD, so their UTF-8 validity never matters).
 */
import { NO, skipString } from './json-string.js';

export { NO, skipString };

const QUOTE = 0x22;
const MAX_DEPTH = 256;

/** JSON whitespace (what JSON.parse skips): space, tab, LF, CR. */
export function skipWs(b: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = b[i]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
  return i;
}

/** `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` from its first byte. */
function skipNumber(b: Uint8Array, i: number, end: number): number {
  if (i < end && b[i] === 0x2d) i++;
  if (i >= end) return NO;
  if (b[i] === 0x30) i++;
  else if (isDigit(b[i]!)) i = digits(b, i, end);
  else return NO;
  if (i < end && b[i] === 0x2e) {
    if (i + 1 >= end || !isDigit(b[i + 1]!)) return NO;
    i = digits(b, i + 1, end);
  }
  if (i < end && (b[i] === 0x65 || b[i] === 0x45)) {
    i++;
    if (i < end && (b[i] === 0x2b || b[i] === 0x2d)) i++;
    if (i >= end || !isDigit(b[i]!)) return NO;
    i = digits(b, i, end);
  }
  return i;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function digits(b: Uint8Array, i: number, end: number): number {
  while (i < end && isDigit(b[i]!)) i++;
  return i;
}

const LITERALS: Record<number, readonly number[]> = {
  0x74: [...'true'].map((c) => c.charCodeAt(0)),
  0x66: [...'false'].map((c) => c.charCodeAt(0)),
  0x6e: [...'null'].map((c) => c.charCodeAt(0)),
};

/** A scalar (string, number, true, false, null) from its first byte, or NO. */
function skipScalar(b: Uint8Array, i: number, end: number): number {
  const c = b[i]!;
  if (c === QUOTE) return skipString(b, i + 1, end);
  if (c === 0x2d || isDigit(c)) return skipNumber(b, i, end);
  const word = LITERALS[c];
  if (!word || i + word.length > end) return NO;
  for (let k = 1; k < word.length; k++) if (b[i + k] !== word[k]) return NO;
  return i + word.length;
}

/** A string key, the whitespace after it and its colon, from the opening quote: the value's position. */
function skipKey(b: Uint8Array, i: number, end: number): number {
  if (i >= end || b[i] !== QUOTE) return NO;
  i = skipString(b, i + 1, end);
  if (i === NO) return NO;
  i = skipWs(b, i, end);
  if (i >= end || b[i] !== 0x3a) return NO;
  return skipWs(b, i + 1, end);
}

const OBJECT = 1;
const ARRAY = 2;
const stack = new Uint8Array(MAX_DEPTH);

/** Any value from its first byte (no leading whitespace), without recursion; deeper than 256 levels: NO. */
export function skipValue(b: Uint8Array, i: number, end: number): number {
  let depth = 0;
  for (;;) {
    if (i >= end) return NO;
    const c = b[i]!;
    if (c === 0x7b || c === 0x5b) {
      const close = c === 0x7b ? 0x7d : 0x5d;
      i = skipWs(b, i + 1, end);
      if (i < end && b[i] === close) {
        i++;
      } else {
        if (depth === MAX_DEPTH) return NO;
        stack[depth++] = c === 0x7b ? OBJECT : ARRAY;
        if (c === 0x7b && (i = skipKey(b, i, end)) === NO) return NO;
        continue;
      }
    } else if ((i = skipScalar(b, i, end)) === NO) {
      return NO;
    }
    // After a value: close containers until one continues with a comma, or the outer value ends.
    for (;;) {
      if (depth === 0) return i;
      i = skipWs(b, i, end);
      if (i >= end) return NO;
      const kind = stack[depth - 1];
      if (b[i] === 0x2c) {
        i = skipWs(b, i + 1, end);
        if (kind === OBJECT && (i = skipKey(b, i, end)) === NO) return NO;
        break;
      }
      if (b[i] !== (kind === OBJECT ? 0x7d : 0x5d)) return NO;
      i++;
      depth--;
    }
  }
}
