import { describe, expect, it } from 'vitest';
import { median, percentile } from './percentile.js';

describe('percentile (nearest rank)', () => {
  it('P90 picks the value at rank ceil(0.9 × n)', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9); // rank 9
    expect(percentile([50, 10, 40, 20, 30], 90)).toBe(50); // rank ceil(4.5) = 5
    expect(percentile([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 90)).toBe(11); // rank ceil(10.8) = 11
  });

  it('edge ranks and empty input', () => {
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 100)).toBe(3);
    expect(percentile([], 90)).toBeNull();
  });

  it('does not reorder the input', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('median', () => {
  it('odd, even and empty', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
