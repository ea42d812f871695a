import { HOUR, MINUTE } from './time.js';
import { describe, expect, it } from 'vitest';
import {
  calibratedLimit, calibrateWindow, officialBlock, officialCalibration, STALE_AFTER_MS, type OfficialContext,
} from './official.js';
import type { OfficialReading } from '../state/official-record.js';
import { UsageStore } from './store.js';

/** The latest reading of each window as the metrics carry it. */
function officialSummary(...args: Parameters<typeof officialCalibration>) {
  const c = officialCalibration(...args);
  return { fiveHour: c.fiveHour.current, sevenDay: c.sevenDay.current };
}

const at = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00Z`);
/** The hand-built window: 10:00–15:00 UTC. */
const RESET = at('15:00');

function storeWith(costs: Record<string, number>): UsageStore {
  const store = new UsageStore();
  for (const [hhmm, costUSD] of Object.entries(costs)) {
    store.add({
      timestamp: at(hhmm), sessionId: 's', cwd: '/p', model: 'claude-sonnet-4-5', priced: true, fast: false, costUSD, file: '/c/projects/-p/s.jsonl', machine: 'local',
      tokens: { input: 1000, output: 100, cacheCreation: 0, cacheRead: 0, total: 1100 },
    });
  }
  return store;
}

function context(store: UsageStore, over: Partial<OfficialContext> = {}): OfficialContext {
  return {
    minutes: store.sortedMinutes(), basis: 'cost', ratePerMs: 0, lastEventAt: store.lastEventAt,
    historyStart: at('00:00') - 30 * 24 * HOUR, ...over,
  };
}

function reading(hhmm: string, usedPercent: number, resetsAt = RESET, sevenDay: OfficialReading['sevenDay'] = null): OfficialReading {
  return { at: at(hhmm), sessionId: 's', model: 'claude-sonnet-4-5', fiveHour: { usedPercent, resetsAt }, sevenDay, sessionCostUSD: 1 };
}

// $12.00 up to the 12:00 reading (10:30 $5, 11:00 $4, 11:59 $3), then $1.50 at 12:30.
const store = storeWith({ '10:30': 5, '11:00': 4, '11:59': 3, '12:30': 1.5 });

describe('official calibration', () => {
  it('implies the window limit from local usage ÷ official fraction: $12.00 at 40 % → $30.00', () => {
    const summary = officialSummary([reading('12:00', 40)], at('12:05'), context(store));
    expect(summary.fiveHour?.impliedLimit).toBeCloseTo(30, 10);
    expect(summary.fiveHour).toMatchObject({ usedPercent: 40, resetsAt: RESET, recordedAt: at('12:00'), ageMs: 5 * MINUTE, stale: false });
    expect(summary.sevenDay).toBeNull();
  });

  it('projects 100 % from the reading, the usage since and a fixed burn rate', () => {
    // At 12:40: 40 % of $30 = $12 + $1.50 since = $13.50; $16.50 left at $36/h (0.00001 $/ms) = 1,650,000 ms.
    const ctx = context(store, { ratePerMs: 36 / HOUR });
    const summary = officialSummary([reading('12:00', 40)], at('12:40'), ctx);
    expect(summary.fiveHour?.projectedFullAt).toBe(at('12:40') + 1_650_000);
  });

  it('projects no 100 % when the burn does not reach it before the reset, and none without burn', () => {
    const slow = officialSummary([reading('12:00', 40)], at('12:40'), context(store, { ratePerMs: 1 / HOUR }));
    expect(slow.fiveHour?.projectedFullAt).toBeNull();
    const idle = officialSummary([reading('12:00', 40)], at('12:40'), context(store));
    expect(idle.fiveHour?.projectedFullAt).toBeNull();
  });

  it('marks a reading stale after 10 minutes with activity since, not without', () => {
    const active = context(store, { lastEventAt: at('12:14') });
    expect(officialSummary([reading('12:00', 40)], at('12:00') + STALE_AFTER_MS, active).fiveHour?.stale).toBe(false);
    expect(officialSummary([reading('12:00', 40)], at('12:15'), active).fiveHour?.stale).toBe(true);
    const idle = context(store, { lastEventAt: at('11:59') });
    expect(officialSummary([reading('12:00', 40)], at('14:00'), idle).fiveHour?.stale).toBe(false);
    // The response that triggered the reading lands with it: not activity since.
    const same = context(store, { lastEventAt: at('12:00') + 30_000 });
    expect(officialSummary([reading('12:00', 40)], at('12:30'), same).fiveHour?.stale).toBe(false);
  });

  it('discards the reading once its window has reset, but keeps its implied limit for calibration', () => {
    const cal = calibrateWindow('fiveHour', [reading('12:00', 40)], RESET, context(store));
    expect(cal.current).toBeNull();
    expect(cal.impliedLimits).toEqual([30]);
    expect(calibratedLimit(cal, 'cost')).toEqual({ basis: 'cost', value: 30, source: 'calibrated', label: 'calibrated from 1 official reading' });
  });

  it('ignores readings recorded after now and below 5 %', () => {
    expect(officialSummary([reading('12:00', 40)], at('11:00'), context(store)).fiveHour).toBeNull();
    expect(officialSummary([reading('12:00', 4)], at('12:01'), context(store)).fiveHour?.impliedLimit).toBeNull();
  });

  it('uses the latest reading of each window for the median', () => {
    // Earlier windows: $10 local at 40 % → $25 (one reading before it at 20 % is superseded), $17 at 50 % → $34.
    const s = storeWith({ '00:30': 10, '05:30': 17, '10:30': 5, '11:00': 4, '11:59': 3 });
    const readings = [reading('00:40', 20, at('05:00')), reading('00:50', 40, at('05:00')), reading('05:40', 50, at('10:00')), reading('12:00', 40)];
    const cal = calibrateWindow('fiveHour', readings, at('12:05'), context(s));
    expect(cal.impliedLimits).toEqual([30, 34, 25]);
    expect(cal.median).toBe(30);
    expect(cal.current?.impliedLimitMedian).toBe(30);
  });

  it('prefers the fresh implied limit, then the median of recent ones', () => {
    const s = storeWith({ '05:30': 17, '10:30': 5, '11:00': 4, '11:59': 3, '12:14': 1 });
    const readings = [reading('05:40', 50, at('10:00')), reading('12:00', 40)];
    const fresh = calibrateWindow('fiveHour', readings, at('12:05'), context(s));
    expect(calibratedLimit(fresh, 'cost')).toMatchObject({ value: 30, label: 'calibrated from the official reading' });
    const stale = calibrateWindow('fiveHour', readings, at('12:20'), context(s));
    expect(stale.current?.stale).toBe(true);
    expect(calibratedLimit(stale, 'cost')).toMatchObject({ value: 32, label: 'calibrated from 2 official readings' });
  });

  it('calibrates the 7-day window over [reset − 7 d, reset)', () => {
    const weekReset = at('15:00') + 3 * 24 * HOUR;
    // The week began 4 days before: $12 of today's usage up to the reading at 12:00, 20 % → $60.
    const r = reading('12:00', 40, RESET, { usedPercent: 20, resetsAt: weekReset });
    const summary = officialSummary([r], at('12:40'), context(store, { ratePerMs: 36 / HOUR }));
    expect(summary.sevenDay?.impliedLimit).toBeCloseTo(60, 10);
    // $12 + $1.50 since = $13.50 of $60; $46.50 at $36/h = 4,650,000 ms.
    expect(summary.sevenDay?.projectedFullAt).toBe(at('12:40') + 4_650_000);
  });

  it('builds the 5-hour window from a fresh reading: start = reset − 5 h', () => {
    const current = officialSummary([reading('12:00', 40)], at('12:40'), context(store, { lastEventAt: at('12:00') })).fiveHour;
    const block = officialBlock(store.sortedMinutes(), current, at('12:40'));
    expect(block).toMatchObject({ start: at('10:00'), end: RESET, firstEventAt: at('10:30'), lastEventAt: at('12:30') });
    expect(block?.costUSD).toBeCloseTo(13.5, 10);
    expect(officialBlock(store.sortedMinutes(), { ...current!, stale: true }, at('12:40'))).toBeNull();
  });
});
