export interface LineLimits {
  /** A line with no marker yet is dropped once it is this long. */
  skipWithoutMarker: number;
  /** Any line is dropped once it is this long. */
  dropAlways: number;
}

/**
 * No line with usage is anywhere near 16 MiB (a response's content is bounded by its output
 * tokens); a line that long is damage, and parsing it would cost ~3× its size in memory.
 */
export const DEFAULT_LIMITS: LineLimits = { skipWithoutMarker: 8 * 2 ** 20, dropAlways: 16 * 2 ** 20 };
