import { describe, expect, it } from 'vitest';
import { activeBlockAt, buildBlocks, completedBlocks, summarize } from './blocks.js';
import { minuteBucket } from '../../test/support/test-events.js';

const at = (hh: number, mm = 0, ss = 0) => Date.UTC(2026, 10, 24, hh, mm, ss);

describe('buildBlocks', () => {
  it('starts at the first usage floored to the UTC hour and lasts 5 hours', () => {
    const blocks = buildBlocks([minuteBucket(at(10, 37), 100, 1), minuteBucket(at(14, 59, 59), 50, 2)]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ start: at(10), end: at(15), firstEventAt: at(10, 37), lastEventAt: at(14, 59, 59), costUSD: 3 });
    expect(blocks[0]!.tokens.total).toBe(150);
  });

  it('usage at exactly start + 5 h starts a new block', () => {
    const blocks = buildBlocks([minuteBucket(at(10), 1), minuteBucket(at(15), 1)]);
    expect(blocks.map((b) => [b.start, b.end])).toEqual([[at(10), at(15)], [at(15), at(20)]]);
  });

  it('a gap of exactly 5 h between events starts a new block', () => {
    // 10:20 → block 10:00–15:00; 15:20 is past its end: new block floored to 15:00.
    const blocks = buildBlocks([minuteBucket(at(10, 20), 1), minuteBucket(at(15, 20), 1)]);
    expect(blocks.map((b) => b.start)).toEqual([at(10), at(15)]);
  });

  it('a gap of more than 5 h starts a new block at the next usage (floored), not at the previous end', () => {
    // 10:37 → 10:00–15:00; next usage 16:10 (gap 5 h 33 min) → 16:00–21:00 (not 15:00).
    const blocks = buildBlocks([minuteBucket(at(10, 37), 1), minuteBucket(at(16, 10), 1)]);
    expect(blocks.map((b) => [b.start, b.end])).toEqual([[at(10), at(15)], [at(16), at(21)]]);
  });

  it('a block continues through gaps shorter than its end', () => {
    const blocks = buildBlocks([minuteBucket(at(10, 5), 1), minuteBucket(at(11), 1), minuteBucket(at(14, 59), 1)]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.minutes).toHaveLength(3);
  });

  it('summarize drops the minute list', () => {
    const [block] = buildBlocks([minuteBucket(at(10, 5), 1)]);
    expect(summarize(block!)).not.toHaveProperty('minutes');
  });
});

describe('activeBlockAt / completedBlocks', () => {
  const blocks = buildBlocks([minuteBucket(at(3), 1), minuteBucket(at(10, 37), 1)]);

  it('the active block has started and ends in the future', () => {
    expect(activeBlockAt(blocks, at(12))?.start).toBe(at(10));
    expect(activeBlockAt(blocks, at(14, 59, 59))?.start).toBe(at(10));
  });

  it('no active block at or after the end', () => {
    expect(activeBlockAt(blocks, at(15))).toBeNull();
    expect(activeBlockAt(blocks, at(18))).toBeNull();
  });

  it('no active block before the last block started', () => {
    expect(activeBlockAt(blocks, at(9, 59))).toBeNull();
    expect(activeBlockAt([], at(12))).toBeNull();
  });

  it('completed blocks are those ended by now (end ≤ now)', () => {
    // blocks: 03:00–08:00 and 10:00–15:00
    expect(completedBlocks(blocks, at(8)).map((b) => b.start)).toEqual([at(3)]);
    expect(completedBlocks(blocks, at(7, 59)).map((b) => b.start)).toEqual([]);
    expect(completedBlocks(blocks, at(15)).map((b) => b.start)).toEqual([at(3), at(10)]);
  });
});
