import { NO, skipString, skipValue, skipWs } from './json-scan.js';
import { Leaf, sameBytes } from './json-leaf.js';

/**
 * The byte fast path's reader: validates a whole line as JSON without decoding it, and builds
 * only the record's skeleton, the keys the parser reads (DESIGN.md §1), each with the value
 * JSON.parse would give it. Everything else (content, tool results) is validated and dropped.
 */

/** A key read at one level of a record; `child` null: its value is taken whole (a leaf). */
interface Field {
  name: string;
  bytes: Uint8Array;
  child: Level | null;
  leaf: Leaf;
}

/** The keys read at one level, by their length (most keys of a line are not read: one look rules them out). */
type Level = readonly (readonly Field[] | undefined)[];

/** Longer keys are never kept. A level is a full (packed) array: V8 reads out of bounds slowly. */
const LONGEST_KEY = 32;

function level(keys: Record<string, Level | null>): Level {
  const byLength: (Field[] | undefined)[] = Array.from({ length: LONGEST_KEY + 1 }, () => undefined);
  for (const [name, child] of Object.entries(keys)) (byLength[name.length] ??= []).push({ name, bytes: Buffer.from(name, 'latin1'), child, leaf: new Leaf() });
  return byLength;
}

const leaves = (...names: string[]) => Object.fromEntries(names.map((n) => [n, null]));
const TOKENS = ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'];
const USAGE = level({
  ...leaves(...TOKENS, 'speed', 'inference_geo'),
  cache_creation: level(leaves('ephemeral_5m_input_tokens', 'ephemeral_1h_input_tokens')),
  server_tool_use: level(leaves('web_search_requests')),
});
const MESSAGE = level({ ...leaves('id', 'model'), usage: USAGE });
const INNER = level({ ...leaves('timestamp', 'requestId'), message: MESSAGE });
const DATA = level({ ...leaves('type'), message: INNER });
const RECORD = level({
  ...leaves('type', 'timestamp', 'sessionId', 'requestId', 'cwd', 'isSidechain', 'costUSD', 'error', 'isApiErrorMessage'),
  message: MESSAGE,
  data: DATA,
});

/** Thrown (never escaping this module) where the bytes are not for the fast path. */
const DEFER = Symbol('defer');

/**
 * The skeleton of the record on `buf[start, end)`: a plain object holding the keys of RECORD
 * that the line has (nested levels as objects, leaves as JSON.parse gives them), or null when
 * the line is not one JSON object or holds something the fast path defers (see json-scan.ts).
 */
export function readSkeleton(buf: Buffer, start: number, end: number): Record<string, unknown> | null {
  const at = skipWs(buf, start, end);
  if (at >= end || buf[at] !== 0x7b) return null;
  try {
    const record = readObject(buf, at, end, RECORD);
    return skipWs(buf, next, end) === end ? record : null;
  } catch (err) {
    if (err === DEFER) return null;
    throw err;
  }
}

/** Where the last object or value read ended (the readers return their value). */
let next = 0;

/** The object at `i` (its `{`), keeping the keys of `level`; a repeated key keeps its last value, as in JSON.parse. */
function readObject(b: Buffer, i: number, end: number, level: Level): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  i = skipWs(b, i + 1, end);
  if (i < end && b[i] === 0x7d) return done(out, i);
  for (;;) {
    if (i >= end || b[i] !== 0x22) throw DEFER;
    const from = i + 1;
    i = skipString(b, from, end);
    if (i === NO) throw DEFER;
    const field = fieldOf(level, b, from, i - 1);
    i = skipWs(b, i, end);
    if (i >= end || b[i] !== 0x3a) throw DEFER;
    i = skipWs(b, i + 1, end);
    if (field === null) {
      i = skipValue(b, i, end);
      if (i === NO) throw DEFER;
    } else {
      out[field.name] = readValue(b, i, end, field);
      i = next;
    }
    i = skipWs(b, i, end);
    if (i < end && b[i] === 0x7d) return done(out, i);
    if (i >= end || b[i] !== 0x2c) throw DEFER;
    i = skipWs(b, i + 1, end);
  }
}

function done(out: Record<string, unknown>, closing: number): Record<string, unknown> {
  next = closing + 1;
  return out;
}

/**
 * The field of `level` named by the key `b[from, to)`, or null. With printable `\u` escapes
 * deferred, an escape yields a control, `"`, `\`, `/` or a non-ASCII character, none of which is
 * in a kept key: only the plain spelling can match.
 */
function fieldOf(level: Level, b: Buffer, from: number, to: number): Field | null {
  const fields = to - from <= LONGEST_KEY ? level[to - from] : undefined;
  if (fields === undefined) return null;
  for (const field of fields) if (sameBytes(b, from, field.bytes, field.bytes.length)) return field;
  return null;
}

/** The value at `i`: a kept level's object, or a leaf as JSON.parse gives it. */
function readValue(b: Buffer, i: number, end: number, field: Field): unknown {
  if (field.child && b[i] === 0x7b) return readObject(b, i, end, field.child);
  next = skipValue(b, i, end);
  if (next === NO) throw DEFER;
  return field.leaf.read(b, i, next);
}
