/**
 * Each response row carries `chk`, a check over its values that SQLite computes as it stores the
 * row (a generated column, so every writer keeps it right, sqlite3 included). SQLite has no page
 * checksums: a flipped bit in a token count reads back as another number without an error, and
 * only this check finds it, row by row, so that a recovery can leave such a row out.
 *
 * The sum of each value (mod a prime) times its own weight: a change of one value by ±2^k is never
 * a multiple of the prime, so every single flipped bit in a checked value changes the check.
 * Frozen: the schema's migration 2 stores this expression in the file; never edit it.
 */
export const CHECK_MODULUS = 8388593;

/** The checked values: the numbers, the names' ids, and what can be measured of the three strings. */
const TERMS = [
  'time', 'key_hash', 'machine', 'file', 'session', 'cwd', 'model', 'sidechain', 'fast',
  'coalesce(length(geo) * 65536 + unicode(geo), 0)', 'coalesce(CAST(cost_usd * 1000000 AS INTEGER) + 1, 0)',
  'input', 'output', 'cache_write', 'cache_write_5m', 'cache_write_1h', 'cache_read', 'web_searches', 'length(key)',
];

// Weights below 2^23 and values reduced below 2^23: the sum of 19 products stays under 2^63.
const WEIGHT = (i: number) => ((i + 1) * 1_000_003) % CHECK_MODULUS;

/** The check's SQL expression over a row of `responses`. */
export const ROW_CHECK = `(${TERMS.map((term, i) => `((${term}) % ${CHECK_MODULUS}) * ${WEIGHT(i)}`).join(' + ')}) % ${CHECK_MODULUS}`;

/** Every column the check covers; none ever holds a blob. */
const COLUMNS = [
  'time', 'key_hash', 'key', 'machine', 'file', 'session', 'cwd', 'model', 'sidechain', 'fast', 'geo', 'cost_usd',
  'input', 'output', 'cache_write', 'cache_write_5m', 'cache_write_1h', 'cache_read', 'web_searches',
];

/**
 * True for a row whose stored check no longer matches its values, or that holds a blob: one bit of
 * a record's serial type turns a text into a blob of the same length, and the check measures a
 * string only by its length (found by the bit-flip test once the schema grew a table).
 */
export const ROW_DAMAGED = `(chk IS NOT (${ROW_CHECK}) OR 'blob' IN (${COLUMNS.map((c) => `typeof(${c})`).join(', ')}))`;
