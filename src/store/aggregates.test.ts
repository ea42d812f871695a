import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, removeTempDirs, storeEvent, T0 } from '../../test/support/store-fixtures.js';
import type { HistoryStore } from './history.js';

afterEach(removeTempDirs);

/**
 * Every stored sum without its times, by band, and each minute's first and last time. A response
 * that moves to another band leaves its time as a bound of the row it left (the min and max of a
 * row are not undone), which the minute's times, its rows' min and max, do not show.
 */
function sums(store: HistoryStore): unknown[] {
  const all = [...store.minuteSums(0, Number.MAX_SAFE_INTEGER), ...store.sessionSums(0, Number.MAX_SAFE_INTEGER)];
  const bounds = [Math.min(...all.map((s) => s.first)), Math.max(...all.map((s) => s.last))];
  return [bounds, ...all.map(({ first: _f, last: _l, ...rest }) => rest).sort((a, b) => a.start - b.start || a.band - b.band)];
}

describe('the stored sums', () => {
  it('kept write by write are the sums of the stored responses, and follow a copy that grows one past 200k of prompt', () => {
    const store = openTestStore();
    const short = { input: 10, output: 5, cacheCreation: 700, cacheCreation5m: 300, cacheCreation1h: 100, cacheRead: 99_000 };
    store.upsert([storeEvent({ key: 'a:1', tokens: short }), storeEvent({ key: 'b:1', timestamp: T0 + 10, tokens: { input: 1, output: 1 } })], 'local');
    // The copy grows response a past 100k of prompt: its sums move from band 0 to band 1.
    store.upsert([storeEvent({ key: 'a:1', tokens: { ...short, input: 2000 } })], 'local');
    const kept = sums(store);
    const minute = store.minuteSums(0, Number.MAX_SAFE_INTEGER);
    // Band 1 holds a (input 2,000 + writes 700 + reads 99,000 = 101,700 > 100k); band 0 holds b.
    expect(minute.map((s) => [s.band, s.tokens.input, s.tokens.cacheCreation, s.unsplitWrites])).toEqual([[0, 1, 0, 0], [1, 2000, 700, 300]]);
    expect(store.refillAggregates()).toBe(true);
    expect(sums(store)).toEqual(kept);
    store.close();
  });

  it('lose the pruned days with their responses', () => {
    const store = openTestStore();
    store.upsert([storeEvent({ key: 'a:1' }), storeEvent({ key: 'b:1', timestamp: T0 + 86_400_000 })], 'local');
    expect(store.prune(T0 + 3_600_000)).toBe(1);
    expect(store.minuteSums(0, Number.MAX_SAFE_INTEGER).map((s) => s.first)).toEqual([T0 + 86_400_000]);
    store.close();
  });
});
