import { MINUTE } from './time.js';
import type { Block } from './blocks.js';
import type { LimitBasis } from './window-types.js';
import { minuteUsage } from './minute-sums.js';

/**
 * Usage in `basis` in each minute of the block, from its start through now's minute (the screen
 * draws the window's shape from it). Usage dated after now's minute (ahead of the clock) counts in
 * now's, so the minutes add up to the block's usage.
 */
export function usageByMinute(block: Block, now: number, basis: LimitBasis): number[] {
  const windowMinutes = Math.ceil((block.end - block.start) / MINUTE);
  const last = Math.min(Math.floor((now - block.start) / MINUTE), windowMinutes - 1);
  if (last < 0) return [];
  const minutes = new Array<number>(last + 1).fill(0);
  for (const m of block.minutes) {
    const i = Math.min(Math.max(0, Math.floor((m.start - block.start) / MINUTE)), last);
    minutes[i] = minutes[i]! + minuteUsage(basis, m);
  }
  return minutes;
}
