import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistorySync } from './history-sync.js';
import { openStore, type HistoryStore } from '../store/index.js';
import { UsageIngest } from '../usage/ingest.js';
import { bundledPriceTable } from '../usage/pricing.js';
import { removeTempDirs, storeEvent, tempDir } from '../../test/support/store-fixtures.js';

afterEach(removeTempDirs);

const NOW = Date.UTC(2026, 10, 20, 12);
const DAY = 86_400_000;

function open(path: string): HistoryStore {
  const store = openStore({ path }).store;
  if (!store) throw new Error('no store');
  return store;
}

const totalTokens = (ingest: UsageIngest) => ingest.store.sortedMinutes().reduce((n, m) => n + m.tokens.total, 0);

describe('two cctops on one store', () => {
  it('a response another process stores after the sums were read is counted from the log, not taken as already counted', () => {
    const path = join(tempDir(), 'history.sqlite');
    const other = open(path);
    // Stored by the other process first: an old response (summed) and a recent one (replayed).
    other.upsert([storeEvent({ key: 'm1:r1', timestamp: NOW - 5 * DAY }), storeEvent({ key: 'm2:r2', timestamp: NOW - 3_600_000 })], 'local');

    const store = open(path);
    const ingest = new UsageIngest({ table: bundledPriceTable, priceMultiplier: 1, costMode: 'calculate' });
    new HistorySync(store, 'local').load(ingest, NOW - 30 * DAY, NOW);
    expect(totalTokens(ingest)).toBe(2 * 110);

    // Meanwhile the other process stores an old response this one is about to read from its log.
    const late = storeEvent({ key: 'm3:r3', timestamp: NOW - 4 * DAY, tokens: { input: 1000, output: 7 } });
    other.upsert([late], 'local');
    ingest.addEvent({ ...late, machine: 'local' });
    expect(totalTokens(ingest)).toBe(2 * 110 + 1007);
    other.close();
    store.close();
  });
});
