// Import-free: the statusline, which loads as little as it can, decides by it too.

/**
 * Whether an official window reading speaks for now: its window has not reset yet. One rule for
 * the monitor's calibration (usage/official.ts) and the statusline's line.
 */
export function readingInForce<T extends { resetsAt: number }>(reading: T | null | undefined, now: number): T | null {
  return reading && reading.resetsAt > now ? reading : null;
}
