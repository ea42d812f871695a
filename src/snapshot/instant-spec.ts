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

function write(value: unknown, spec: unknown): unknown {
  if (typeof value === 'number') {
    if (spec === 'instant') return new Date(value).toISOString();
    return Number.isFinite(value) ? value : null;
  }
  if (Array.isArray(value)) return value.map((v) => write(v, spec));
  if (value !== null && typeof value === 'object') {
    const kinds = (spec ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, write(v, kinds[k] ?? kinds['*'])]));
  }
  return value;
}
