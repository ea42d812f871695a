/**
 * The one result shape of an operation that reports failure instead of throwing: its value, or
 * why not (a message for people unless a caller needs more). A leaf: it imports nothing.
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; reason: E };
