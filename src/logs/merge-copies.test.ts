import { describe, expect, it } from 'vitest';
import type { UsageEvent } from './events.js';
import { mergeCopies } from './merge-copies.js';

function event(key: string | null, timestamp: number, output: number, cacheRead = 0): UsageEvent {
  return {
    key, timestamp, sessionId: 's', cwd: '/w', model: 'm', isSidechain: false, speed: 'standard', inferenceGeo: null, costUSD: null, file: 'f',
    tokens: { input: 1, output, cacheCreation: 0, cacheCreation5m: 0, cacheCreation1h: 0, cacheRead, webSearchRequests: 0 },
  };
}

describe('mergeCopies', () => {
  it('folds the copies of a response into its first copy, each field at its largest', () => {
    const merged = mergeCopies([event('a', 10, 1, 50), event('b', 11, 5), event('a', 12, 300, 20)], 0, 100);
    expect(merged.map((e) => [e.key, e.timestamp, e.tokens.output, e.tokens.cacheRead])).toEqual([['a', 10, 300, 50], ['b', 11, 5, 0]]);
  });

  it('leaves events without ids and events outside the window alone', () => {
    const events = [event(null, 10, 1), event(null, 10, 1), event('a', 200, 1), event('a', 201, 2), event('c', 5, 1), event('c', 50, 2)];
    expect(mergeCopies(events, 10, 100).map((e) => [e.key, e.tokens.output])).toEqual([[null, 1], [null, 1], ['a', 1], ['a', 2], ['c', 1], ['c', 2]]);
  });
});
