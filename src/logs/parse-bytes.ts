import { decode } from './json-decode.js';
import { readSkeleton } from './json-skeleton.js';
import { LIMIT_WORDS, mayBeLimitHit, parseLine, resultsForRecord, type LineResult } from './parse-line.js';

const LIMIT_BYTES = Buffer.from(LIMIT_WORDS, 'latin1');

/**
 * Lines shorter than this go straight to JSON.parse: measured per line length on the bench's tree,
 * the byte path costs more per byte than V8's native parser on key-dense short lines (~1.2–1.4×
 * below 4 KiB), breaks even at 4–8 KiB, and costs ~30% less on longer ones, whose content
 * strings it never decodes or builds.
 */
export const FAST_PATH_FROM = 8 * 1024;

/**
 * What the line `buf[start, end)` holds: for a long line the byte fast path where it is certain
 * (see `fastLineResults`), else the line decoded and read by `parseLine` (JSON.parse + zod).
 */
export function parseLineBytes(buf: Buffer, start: number, end: number, file: string, timeZone: string, fast = true): LineResult[] {
  // A UTF-8 byte order mark (an editor's save puts one at a file's start) is not part of the line.
  if (end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) start += 3;
  const results = fast && end - start >= FAST_PATH_FROM ? fastLineResults(buf, start, end, file, timeZone) : null;
  return results ?? parseLine(decode(buf.subarray(start, end)), file, timeZone);
}

/**
 * `parseLine`'s results without decoding the line, or null where only `parseLine` can tell: the
 * line is validated as JSON byte by byte and only the keys the parser reads are built (the
 * skeleton), which `resultsForRecord` then reads exactly as it reads the whole record. Deferred:
 * anything not one valid JSON object, printable `\u` escapes, a `limit reached` text anywhere
 * and a record flagged as a limit message (limit hits are read from the content the skeleton lacks).
 */
export function fastLineResults(buf: Buffer, start: number, end: number, file: string, timeZone: string): LineResult[] | null {
  if (buf.subarray(start, end).indexOf(LIMIT_BYTES) !== -1) return null;
  const record = readSkeleton(buf, start, end);
  if (record === null || mayBeLimitHit(record)) return null;
  return resultsForRecord(record, file, timeZone);
}
