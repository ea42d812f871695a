/**
 * Which numbers of a value are instants, as a spec the compiler checks against the value's type:
 * every key that holds a number somewhere below it must be in the spec, so a new number field
 * does not compile until someone says whether it is an instant.
 */

/** An instant (epoch ms, written as an ISO-8601 string) or any other number (written as it is). */
export type NumberKind = 'instant' | 'number';

/** The spec of a value of type T: a kind for a number, the element's spec for an array, a spec per numeric key for an object. */
export type InstantSpec<T> = SpecOf<NonNullable<T>>;

type SpecOf<T> = [T] extends [number] ? NumberKind
  : [T] extends [readonly (infer E)[]] ? InstantSpec<E>
  : [T] extends [object] ? (string extends keyof T ? { '*': InstantSpec<T[string & keyof T]> } : FieldSpec<T>)
  : never;

/** An object's spec by field; a record (string keys) has one spec for every value, under `*`. */
type FieldSpec<T> = { [K in keyof T as HoldsNumber<T[K]> extends true ? K : never]-?: InstantSpec<T[K]> };

type HoldsNumber<T> = HoldsOf<NonNullable<T>>;

type HoldsOf<T> = [T] extends [never] ? false
  : [T] extends [number] ? true
  : [T] extends [readonly (infer E)[]] ? HoldsNumber<E>
  : [T] extends [object] ? (true extends { [K in keyof T]-?: HoldsNumber<T[K]> }[keyof T] ? true : false)
  : false;

/** The value with its instants as ISO-8601 strings and its non-finite numbers as null (as JSON writes them). */
export function writeInstants<T>(value: T, spec: InstantSpec<T>): unknown {
  return write(value, spec);
}

/** An instant as a snapshot writes it (ISO-8601); null for none, or for a number no Date holds (non-finite, past ±8.64e15 ms), never a throw. */
export function instantText(ms: number | null): string | null {
  return ms !== null && Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : null;
}

const MAX_DATE_MS = 8.64e15;

function write(value: unknown, spec: unknown): unknown {
  if (typeof value === 'number') {
    if (spec === 'instant') return instantText(value);
    return Number.isFinite(value) ? value : null;
  }
  if (Array.isArray(value)) return value.map((v) => write(v, spec));
  if (value !== null && typeof value === 'object') return writeObject(value as Record<string, unknown>, (spec ?? NO_SPEC) as Record<string, unknown>);
  return value;
}

const NO_SPEC: Record<string, unknown> = {};

/**
 * A copy of the object with its values written, keys in their order. Built key by key, not with
 * Object.fromEntries over Object.entries: a snapshot of 3,400 sessions is ~20,000 objects, and the
 * entry arrays took half of each `--json --follow` line's time (~18 of ~37 ms at 2 GiB).
 */
function writeObject(value: Record<string, unknown>, kinds: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // Own keys of the spec only: a record's key "constructor" must not find Object's.
    const written = write(value[key], Object.hasOwn(kinds, key) ? kinds[key] : kinds['*']);
    // A key from the logs (a session, a model) may be "__proto__": an own property, as fromEntries makes it.
    if (key === '__proto__') Object.defineProperty(out, key, { value: written, enumerable: true, writable: true, configurable: true });
    else out[key] = written;
  }
  return out;
}
