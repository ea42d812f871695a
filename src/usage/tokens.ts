import type { UsageTokens } from '../logs/events.js';
import type { Tokens } from './types.js';

export function emptyTokens(): Tokens {
  return { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, total: 0 };
}

export function tokensOf(usage: UsageTokens): Tokens {
  const { input, output, cacheCreation, cacheRead } = usage;
  return { input, output, cacheCreation, cacheRead, total: input + output + cacheCreation + cacheRead };
}

/** Adds `b` into `a` in place and returns `a`. */
export function addInto(a: Tokens, b: Tokens): Tokens {
  a.input += b.input;
  a.output += b.output;
  a.cacheCreation += b.cacheCreation;
  a.cacheRead += b.cacheRead;
  a.total += b.total;
  return a;
}

export function sumTokens(list: Iterable<Tokens>): Tokens {
  const sum = emptyTokens();
  for (const t of list) addInto(sum, t);
  return sum;
}
