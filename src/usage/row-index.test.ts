import { describe, expect, it } from 'vitest';
import { RowIndex } from './row-index.js';

describe('RowIndex', () => {
  it('finds every row by its key through growth, for any number a Map would take', () => {
    const keys: number[] = [];
    const index = new RowIndex((row) => keys[row]!);
    const add = (key: number) => index.add(key, keys.push(key) - 1);
    for (let i = 0; i < 3_000; i++) add(Date.UTC(2026, 0, 1) + (i * 7 - 5_000) * 60_000);
    for (const odd of [-120_000, 8.64e15, -8.64e15, 0.5, 2 ** 53, NaN, 0]) add(odd);
    expect(keys.map((k) => index.get(k))).toEqual(keys.map((_, row) => row));
    expect(index.get(-0)).toBe(keys.length - 1);
    expect(index.get(Date.UTC(2026, 0, 1) + 60_000)).toBe(-1);
    expect(index.size).toBe(3_007);
  });
});
