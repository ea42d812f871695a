import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prettyJsonPieces } from './json-pieces.js';

const joined = (value: unknown) => [...prettyJsonPieces(value)].join('');

describe('prettyJsonPieces', () => {
  it('joins to what JSON.stringify(value, null, 2) writes, for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => joined(value) === JSON.stringify(value, null, 2)), { numRuns: 2000 });
  });

  it('leaves out and writes null where JSON.stringify does: undefined and functions, as members and as elements', () => {
    const value = {
      gone: undefined, fn: () => 1, kept: [undefined, () => 2, 3], empty: [], emptyObject: {}, nested: { list: [{ a: [1, { b: null }] }] },
      at: new Date(0), text: 'line\nbreak "quoted"', 7: 'seven',
    };
    expect(joined(value)).toBe(JSON.stringify(value, null, 2));
    expect(joined({ gone: undefined })).toBe('{}');
    expect(joined([1, [2]])).toBe(JSON.stringify([1, [2]], null, 2));
  });

  it('gives a long array member element by element', () => {
    const sessions = Array.from({ length: 1000 }, (_, i) => ({ id: `s-${i}`, tokens: i }));
    const pieces = [...prettyJsonPieces({ n: 1, sessions })];
    expect(pieces.length).toBeGreaterThan(1000);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(100);
  });
});
