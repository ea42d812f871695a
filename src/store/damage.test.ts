import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cellCount, leafPages, setCellCount } from '../../test/support/store-damage.js';
import { historyEvents, position, removeTempDirs, storeEvent, T0, tempDir } from '../../test/support/store-fixtures.js';
import type { HistoryStore } from './history.js';
import { openStore } from './open.js';
import type { KeyedEvent } from './types.js';

afterEach(removeTempDirs);

const NOW = Date.UTC(2026, 1, 3, 4, 5, 6, 789);
const ASIDE = '.bad-2026-02-03T040506.789Z';
const HIT = { timestamp: T0, kind: 'five_hour' as const, resetsAt: T0 + 3_600_000, text: 'limit reached', sessionId: 'session-a', file: '/logs/a.jsonl' };

/** What every view adds up: responses and the sums of their token kinds and times. */
function totalsOf(events: readonly KeyedEvent[]) {
  const t = { responses: events.length, input: 0, output: 0, cacheWrite: 0, cacheRead: 0, time: 0 };
  for (const e of events) {
    Object.assign(t, {
      input: t.input + e.tokens.input, output: t.output + e.tokens.output, cacheWrite: t.cacheWrite + e.tokens.cacheCreation,
      cacheRead: t.cacheRead + e.tokens.cacheRead, time: t.time + e.timestamp,
    });
  }
  return t;
}

function storedTotals(store: HistoryStore) {
  return totalsOf([...store.exportRows()]);
}

/** A closed store holding `events` (their log's position and a limit hit with them). */
function storeWith(events: readonly KeyedEvent[]): string {
  const path = join(tempDir(), 'history.sqlite');
  const { store } = openStore({ path });
  for (let i = 0; i < events.length; i += 5000) store!.upsert(events.slice(i, i + 5000), 'local');
  store!.commit({ positions: [position()], hits: [HIT], machine: 'local' });
  store!.close();
  return path;
}

/**
 * Flips the lowest bit of a 3-byte integer wherever the file holds it: in its row, and in any
 * stale copy a page split left in free space (which nothing reads).
 */
function flipStoredValue(path: string, value: number): void {
  const bytes = readFileSync(path);
  const pattern = Buffer.from([value >> 16, (value >> 8) & 0xff, value & 0xff]);
  let found = 0;
  for (let at = bytes.indexOf(pattern); at >= 0; at = bytes.indexOf(pattern, at + 3), found++) bytes[at + 2]! ^= 1;
  expect(found).toBeGreaterThan(0);
  writeFileSync(path, bytes);
}

describe('a damaged store', () => {
  it('whose time index has a leaf that claims 1 cell: seen at open, every row kept, the file moved aside', () => {
    const events = historyEvents(20_000);
    const path = storeWith(events);
    const leaves = leafPages(path, 'responses_by_time');
    const leaf = leaves[Math.floor(leaves.length / 2)]!;
    const cells = cellCount(path, leaf);
    setCellCount(path, leaf, 1);

    const { store, notices } = openStore({ path, now: () => NOW });
    const byTime = (20_000 - cells + 1).toLocaleString('en-US');
    expect(notices).toEqual([
      `history store: ${path} could not be used (its indexes disagree: ${byTime} responses by time, 20,000 by key hash); ` +
      `moved it to ${path}${ASIDE} and started a new one with the 20,000 responses that could still be read`,
    ]);
    expect(storedTotals(store!)).toEqual(totalsOf(events));
    expect(store!.limitHits(0)).toEqual([HIT]);
    // The logs are read again from their start (rows are upserted, so nothing counts twice).
    expect(store!.positions()).toEqual([{ ...position(), offset: 0, line: 0 }]);
    expect(existsSync(`${path}${ASIDE}`)).toBe(true);
  });

  it('with a token count changed inside a row: found by the full check, left out at the next open', async () => {
    const events = historyEvents(3000);
    events[1234] = storeEvent({ ...events[1234]!, tokens: { ...events[1234]!.tokens, output: 0x5a3c71 } });
    const path = storeWith(events);
    flipStoredValue(path, 0x5a3c71);

    const first = openStore({ path, verifyAfterMs: 0, now: () => NOW });
    expect(first.notices).toEqual([]);
    expect(await first.store!.verify()).toBe('1 response fails its row check');
    expect(first.store!.takeNotices()).toEqual([
      `history store: ${path} is damaged (1 response fails its row check); the next start moves it aside and keeps every row that can still be read`,
    ]);
    first.store!.close();

    const second = openStore({ path, now: () => NOW });
    expect(second.notices).toEqual([
      `history store: ${path} could not be used (1 response fails its row check); moved it to ${path}${ASIDE} ` +
      'and started a new one with the 2,999 responses that could still be read (1 more fails its row check and is left out)',
    ]);
    const kept = events.filter((_, i) => i !== 1234);
    expect(storedTotals(second.store!)).toEqual(totalsOf(kept));
    // Its log, read again, brings it back as it was.
    second.store!.upsert([events[1234]!], 'local');
    expect(storedTotals(second.store!)).toEqual(totalsOf(events));
  });

  it('is recovered at once when the full check runs at open (cctop store rebuild)', () => {
    const events = historyEvents(3000);
    events[7] = storeEvent({ ...events[7]!, tokens: { ...events[7]!.tokens, cacheRead: 0x4f8e27 } });
    const path = storeWith(events);
    flipStoredValue(path, 0x4f8e27);
    const { store, notices } = openStore({ path, check: 'full', now: () => NOW });
    expect(notices).toEqual([
      `history store: ${path} could not be used (1 response fails its row check); moved it to ${path}${ASIDE} ` +
      'and started a new one with the 2,999 responses that could still be read (1 more fails its row check and is left out)',
    ]);
    expect(storedTotals(store!)).toEqual(totalsOf(events.filter((_, i) => i !== 7)));
  });
});
