import { describe, expect, it } from 'vitest';
import { freezeYoungGeneration, youngGenerationBytes } from './young-generation.js';

describe('freezeYoungGeneration', () => {
  it('keeps the young generation at its size while much is allocated and some of it survives', () => {
    freezeYoungGeneration();
    const before = youngGenerationBytes();
    expect(before).toBeGreaterThan(0);
    // ~300 MB of small objects, one in 40 kept for a while: without the freeze V8 doubles the
    // young generation several times over this (to 32 MB on Node 22, 64 MB on Node 24 and 26).
    // With it, it may still take a semi-space page or two (Node 26 under vitest: 6.75 → 8 MB).
    const kept: object[][] = [];
    for (let round = 0; round < 300; round++) {
      const batch: object[] = [];
      for (let i = 0; i < 20_000; i++) batch.push({ round, i, text: `event ${i}` });
      kept.push(batch.filter((_, i) => i % 40 === 0));
      if (kept.length > 50) kept.shift();
    }
    expect(kept.length).toBe(50);
    expect(youngGenerationBytes()).toBeLessThanOrEqual(before + 2 * 2 ** 20);
  });
});
