import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ReadingHistory } from './reading-history.js';
import { openStore } from '../store/index.js';
import { openTestStore, removeTempDirs, tempDir } from '../../test/support/store-fixtures.js';
import type { OfficialReading } from '../state/official-record.js';

afterEach(removeTempDirs);

const T = Date.UTC(2026, 11, 1, 10);
const RESET = Date.UTC(2026, 11, 1, 12);
const WEEK_RESET = Date.UTC(2026, 11, 5);

function reading(minute: number, fiveHour: number | null, sevenDay: number, opus?: number): OfficialReading {
  return {
    at: T + minute * 60_000, sessionId: 's', model: 'claude-opus-4-6', sessionCostUSD: 1,
    fiveHour: fiveHour === null ? null : { usedPercent: fiveHour, resetsAt: RESET },
    sevenDay: { usedPercent: sevenDay, resetsAt: WEEK_RESET },
    ...(opus === undefined ? {} : { otherWindows: { seven_day_opus: { usedPercent: opus, resetsAt: WEEK_RESET } } }),
  };
}

describe('official readings in the history store', () => {
  it('outlive the state file: a later run with limits.jsonl deleted still has every window\'s readings', () => {
    const path = join(tempDir(), 'history.sqlite');
    const file = [reading(0, 10, 40, 60), reading(1, 10, 40, 60), reading(2, 12.5, 40, 61), reading(3, null, 41)];
    const first = openStore({ path }).store!;
    new ReadingHistory(first).merge(file, 0);
    // Rows only where a window's percentage or reset moved: five_hour 10 → 12.5, seven_day 40 → 41, opus 60 → 61.
    expect(first.readings(0).map((r) => `${r.key} ${(r.at - T) / 60_000} ${r.usedPercent}`)).toEqual([
      'five_hour 0 10', 'seven_day 0 40', 'seven_day_opus 0 60', 'five_hour 2 12.5', 'seven_day_opus 2 61', 'seven_day 3 41',
    ]);
    first.close();

    const second = openStore({ path }).store!;
    const merged = new ReadingHistory(second).merge([], 0);
    expect(merged).toEqual([
      { at: T, sessionId: null, model: null, sessionCostUSD: null, fiveHour: { usedPercent: 10, resetsAt: RESET }, sevenDay: { usedPercent: 40, resetsAt: WEEK_RESET }, otherWindows: { seven_day_opus: { usedPercent: 60, resetsAt: WEEK_RESET } } },
      { at: T + 120_000, sessionId: null, model: null, sessionCostUSD: null, fiveHour: { usedPercent: 12.5, resetsAt: RESET }, sevenDay: null, otherWindows: { seven_day_opus: { usedPercent: 61, resetsAt: WEEK_RESET } } },
      { at: T + 180_000, sessionId: null, model: null, sessionCostUSD: null, fiveHour: null, sevenDay: { usedPercent: 41, resetsAt: WEEK_RESET } },
    ]);
    second.close();
  });

  it('joins the file to the store, the file\'s copy of a time winning, and saves only what is newer than the store', () => {
    const store = openTestStore();
    const history = new ReadingHistory(store);
    history.merge([reading(0, 10, 40)], 0);
    const merged = history.merge([reading(0, 10, 40), reading(5, 20, 42)], 0);
    expect(merged.map((r) => [r.at - T, r.sessionId])).toEqual([[0, 's'], [300_000, 's']]);
    // The file rotated: its older readings are gone from it, not from what the monitor sees.
    expect(history.merge([reading(9, 30, 43)], 0).map((r) => (r.at - T) / 60_000)).toEqual([0, 5, 9]);
    expect(store.readings(0)).toHaveLength(6);
    store.close();
  });
});
