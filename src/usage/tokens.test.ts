import { describe, expect, it } from 'vitest';
import { addInto, emptyTokens, sumTokens, tokensOf } from './tokens.js';
import { usageTokens } from '../../test/support/test-events.js';

describe('tokens', () => {
  it('tokensOf sums the four kinds and ignores the cache split and web searches', () => {
    const t = tokensOf(usageTokens({ input: 1, output: 20, cacheCreation: 300, cacheCreation5m: 300, cacheRead: 4_000, webSearchRequests: 2 }));
    expect(t).toEqual({ input: 1, output: 20, cacheCreation: 300, cacheRead: 4_000, total: 4_321 });
  });

  it('addInto adds in place and sumTokens sums a list', () => {
    const a = { input: 1, output: 2, cacheCreation: 3, cacheRead: 4, total: 10 };
    expect(addInto(a, { ...a })).toBe(a);
    expect(a).toEqual({ input: 2, output: 4, cacheCreation: 6, cacheRead: 8, total: 20 });
    expect(sumTokens([a, a])).toEqual({ input: 4, output: 8, cacheCreation: 12, cacheRead: 16, total: 40 });
    expect(sumTokens([])).toEqual(emptyTokens());
  });
});
