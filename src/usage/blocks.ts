import { HOUR } from './time.js';
import type { MinuteBucket } from './store.js';
import { emptyTokens } from './tokens.js';
import { addMinuteTokens } from './minute-sums.js';
import type { BlockSummary } from './window-types.js';

export const BLOCK_LENGTH = 5 * HOUR;

/** A 5-hour block with the minutes it holds. */
export interface Block extends BlockSummary {
  minutes: MinuteBucket[];
}

/**
 * Splits time-ordered minutes into 5-hour blocks: a block starts at the first usage after the
 * previous block ended, floored to the UTC hour, and lasts 5 hours; usage at exactly its end
 * starts the next one. (A gap of more than 5 hours always lands past the end, so it too
 * starts a new block.)
 */
export function buildBlocks(minutes: readonly MinuteBucket[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const minute of minutes) {
    if (!current || minute.first >= current.end) {
      const start = Math.floor(minute.first / HOUR) * HOUR;
      current = {
        start, end: start + BLOCK_LENGTH, firstEventAt: minute.first, lastEventAt: minute.last,
        tokens: emptyTokens(), costUSD: 0, minutes: [],
      };
      blocks.push(current);
    }
    current.lastEventAt = Math.max(current.lastEventAt, minute.last);
    addMinuteTokens(current.tokens, minute);
    current.costUSD += minute.costUSD;
    current.minutes.push(minute);
  }
  return blocks;
}

/** The block whose end is still ahead of `now` and that has started; null when idle. */
export function activeBlockAt(blocks: readonly Block[], now: number, until = now): Block | null {
  const last = blocks[blocks.length - 1];
  if (!last || last.end <= now || last.start > until) return null;
  return last;
}

/** Completed blocks: those ended by `now`. */
export function completedBlocks(blocks: readonly Block[], now: number): Block[] {
  return blocks.filter((b) => b.end <= now);
}

/** Without the minute lists, for output. */
export function summarize(block: Block): BlockSummary {
  const { minutes: _minutes, ...summary } = block;
  return summary;
}
