import { describe, expect, it } from 'vitest';
import { UsageStore } from './store.js';
import { DEFAULT_PEAK_HOURS, isPeak } from './peak-hours.js';
import { costPerPercentOf, driftOf, windowHistory } from './window-history.js';
import { accountWindows, projectFullAt } from './official-now.js';
import type { WindowReading } from './window-records.js';
import type { WindowRecord } from './window-history-types.js';

const at = (iso: string) => Date.parse(`2026-12-${iso}Z`);
const HOUR = 3_600_000;

/** Local spend: [time, USD, fast mode?]; 100 tokens each. */
function minutesOf(spend: [string, number, boolean?][]) {
  const store = new UsageStore();
  for (const [time, costUSD, fast = false] of spend) {
    store.add({
      timestamp: at(time), sessionId: 's', cwd: '/p', model: 'claude-opus-4-6', priced: true, fast, costUSD,
      file: '/c/projects/-p/s.jsonl', machine: 'local', tokens: { input: 40, output: 60, cacheCreation: 0, cacheRead: 0, total: 100 },
    });
  }
  return store.sortedMinutes();
}

const reading = (key: string, time: string, usedPercent: number, reset: string): WindowReading =>
  ({ key, at: at(time), usedPercent, resetsAt: at(reset) });

/*
 * Tuesday 2026-12-01, UTC. Peak hours are weekdays 05:00–11:00 in Los Angeles (UTC−8): 13:00–19:00 UTC.
 * Window A (five_hour, 07:00–12:00, off-peak): 10 % at 07:30, 20 % at 08:30, 30 % at 09:30.
 *   $3 at 07:10 (before the first reading), $4 at 07:50 and $2 at 08:10 (10 points: $6),
 *   $5 fast at 08:20 (usage credits), $6 at 09:00 (10 points), $1 at 10:00 (after the last).
 *   $/% = (4 + 2 + 6) / 20 = 0.6, all off-peak; plan-counted $ = 3 + 4 + 2 + 6 + 1 = 16; tokens 500.
 * Window B (five_hour, 14:00–19:00, peak): 5 % at 14:05, 25 % at 15:05, 45 % at 16:05, 100 % at 17:05 and 17:35.
 *   $8 at 14:30, $8 at 15:30 (20 points each), $22 at 16:30 (55 points), then past 100 %: $3 at 17:20, $2 at 17:50.
 *   $/% = 38 / 95 = 0.4, all peak; hit at 17:05; plan-counted $ = 43.
 * seven_day_opus, a key Claude Code may send one day: 30 % at 08:00, reset Dec 5.
 */
const MINUTES = minutesOf([
  ['01T07:10', 3], ['01T07:50', 4], ['01T08:10', 2], ['01T08:20', 5, true], ['01T09:00', 6], ['01T10:00', 1],
  ['01T14:30', 8], ['01T15:30', 8], ['01T16:30', 22], ['01T17:20', 3], ['01T17:50', 2],
]);
const READINGS = [
  reading('five_hour', '01T07:30', 10, '01T12:00'), reading('five_hour', '01T08:30', 20, '01T12:00'), reading('five_hour', '01T09:30', 30, '01T12:00'),
  reading('five_hour', '01T14:05', 5, '01T19:00'), reading('five_hour', '01T15:05', 25, '01T19:00'), reading('five_hour', '01T16:05', 45, '01T19:00'),
  reading('five_hour', '01T17:05', 100, '01T19:00'), reading('five_hour', '01T17:35', 100, '01T19:00'),
  reading('seven_day_opus', '01T08:00', 30, '05T00:00'),
];
const MONTH = { key: '2026-12', start: at('01T00:00'), end: Date.parse('2027-01-01T00:00Z') };
const NOW = at('01T18:00');

function history(readings = READINGS, minutes = MINUTES) {
  return windowHistory({ readings, minutes, messages: [], peak: DEFAULT_PEAK_HOURS, now: NOW, month: MONTH });
}

describe('official windows as their readings and the local spend show them', () => {
  it('records each window: span, first/last/peak %, plan-counted $ and tokens, hit, $/%', () => {
    const [opus, b, a] = history().windows;
    expect(a).toEqual({
      key: 'five_hour', start: at('01T07:00'), end: at('01T12:00'), firstAt: at('01T07:30'), firstPercent: 10,
      lastAt: at('01T09:30'), lastPercent: 30, peakPercent: 30, costUSD: 16, tokens: 500, hit: false, hitAt: null,
      costPerPercent: 0.6, peakCostPerPercent: null, offPeakCostPerPercent: 0.6, open: false,
    });
    expect(b).toMatchObject({
      key: 'five_hour', start: at('01T14:00'), peakPercent: 100, lastAt: at('01T17:35'), costUSD: 43, hit: true, hitAt: at('01T17:05'),
      costPerPercent: 0.4, peakCostPerPercent: 0.4, offPeakCostPerPercent: null, open: true,
    });
    // A per-model key is kept by its name and counts its family's spend only (all of it here is Opus: $16 + $5 fast + $43);
    // one reading measures nothing.
    expect(opus).toMatchObject({ key: 'seven_day_opus', start: at('05T00:00') - 7 * 24 * HOUR, peakPercent: 30, costUSD: 64, costPerPercent: null, open: true });
    const sonnet = history([reading('seven_day_sonnet', '01T08:00', 30, '05T00:00')]).windows[0];
    expect(sonnet).toMatchObject({ key: 'seven_day_sonnet', costUSD: 0, tokens: 0 });
    // A key of unknown length starts at its first reading: $6 at 09:00 and $1 at 10:00 up to the 11:00 reset.
    const unknown = history([reading('team_pool', '01T08:30', 10, '01T11:00')]).windows[0];
    expect(unknown).toMatchObject({ key: 'team_pool', start: at('01T08:30'), end: at('01T11:00'), costUSD: 7, open: false });
  });

  it('what a percent buys: the open window\'s figure, the median of the windows, at peak and off-peak hours', () => {
    expect(history().costPerPercent.five_hour).toEqual({ current: 0.4, median: 0.5, peak: 0.4, offPeak: 0.6, windows: 2 });
    // Without an open measured window the median speaks.
    const closed = windowHistory({ readings: READINGS, minutes: MINUTES, messages: [], peak: DEFAULT_PEAK_HOURS, now: at('01T20:00'), month: MONTH });
    expect(closed.costPerPercent.five_hour?.current).toBe(0.5);
  });

  it('fast mode is usage credits, never plan usage; so is the spend past 100 %', () => {
    expect(history().usageCredits).toEqual({ month: '2026-12', fastModeUSD: 5, pastLimitUSD: 5, totalUSD: 10 });
  });

  it('a usage-limit message marks its window hit even below 100 %', () => {
    const h = windowHistory({
      readings: READINGS.slice(0, 3), minutes: MINUTES, peak: DEFAULT_PEAK_HOURS, now: NOW, month: MONTH,
      messages: [{ at: at('01T09:45'), kind: 'five_hour' }, { at: at('01T09:50'), kind: 'weekly' }],
    });
    expect(h.windows[0]).toMatchObject({ hit: true, hitAt: at('01T09:45') });
    expect(h.usageCredits.pastLimitUSD).toBe(0);
  });

  it('fewer than 5 points between the first and last reading measure nothing', () => {
    const h = history([reading('five_hour', '01T07:30', 10, '01T12:00'), reading('five_hour', '01T09:30', 14.9, '01T12:00')]);
    expect(h.windows[0]?.costPerPercent).toBeNull();
    expect(history([reading('five_hour', '01T07:30', 10, '01T12:00'), reading('five_hour', '01T09:30', 15, '01T12:00')]).windows[0]?.costPerPercent)
      .toBe((4 + 2 + 6) / 5);
  });
});

describe('drift', () => {
  const windows = (recent: number[], older: number[]): WindowRecord[] => [...recent, ...older].map((costPerPercent, i) => ({
    key: 'five_hour', start: at('20T00:00') - i * 5 * HOUR, end: at('20T00:00') - (i - 1) * 5 * HOUR, firstAt: 0, firstPercent: 0,
    lastAt: 0, lastPercent: 50, peakPercent: 50, costUSD: 0, tokens: 0, hit: false, hitAt: null,
    costPerPercent, peakCostPerPercent: null, offPeakCostPerPercent: null, open: false,
  }));

  it('is said when the last 3 windows\' median differs from the 10 before by more than 15 %', () => {
    const older = [0.41, 0.4, 0.42, 0.4, 0.39, 0.4, 0.43, 0.4, 0.38, 0.4, 9];
    const drift = driftOf(windows([0.29, 0.3, 0.28], older));
    // The 10 before: median 0.4 (the 11th window, 9, is not among them); after 0.29: −27.5 %.
    expect(drift).toEqual({
      before: 0.4, after: 0.29, changePercent: -27.5, since: at('20T00:00') - 2 * 5 * HOUR,
      beforeFrom: at('20T00:00') - 12 * 5 * HOUR, beforeTo: at('20T00:00') - 2 * 5 * HOUR,
    });
  });

  it('is not said at exactly 15 %, nor with fewer than 3 windows on either side', () => {
    expect(driftOf(windows([23, 23, 23], [20, 20, 20]))).toBeNull();
    expect(driftOf(windows([23.2, 23.2, 23.2], [20, 20, 20]))?.changePercent).toBe(16);
    expect(driftOf(windows([1, 1], [2, 2, 2]))).toBeNull();
    expect(driftOf(windows([1, 1, 1], [2, 2]))).toBeNull();
  });

  it('the median spans the last 10 measured windows only', () => {
    expect(costPerPercentOf(windows([1, 2, 3], [4, 5, 6, 7, 8, 9, 10, 100, 100]))).toMatchObject({ median: 5.5, windows: 10 });
  });
});

describe('peak hours and the projection through them', () => {
  it('weekdays 05:00–11:00 in Los Angeles', () => {
    expect(isPeak(at('01T13:00'), DEFAULT_PEAK_HOURS)).toBe(true);
    expect(isPeak(at('01T12:59'), DEFAULT_PEAK_HOURS)).toBe(false);
    expect(isPeak(at('01T18:59'), DEFAULT_PEAK_HOURS)).toBe(true);
    expect(isPeak(at('01T19:00'), DEFAULT_PEAK_HOURS)).toBe(false);
    expect(isPeak(at('05T15:00'), DEFAULT_PEAK_HOURS)).toBe(false); // Saturday
  });

  it('a projection into peak hours uses the peak rate', () => {
    // 90 % at 12:30 UTC, burning $6/h: off-peak $0.6/% is 10 %/h (95 % at 13:00), then peak $0.4/% is 15 %/h: 100 % at 13:20.
    const cpp = { current: 0.5, median: 0.5, peak: 0.4, offPeak: 0.6, windows: 2 };
    expect(projectFullAt(90, 6 / HOUR, cpp, DEFAULT_PEAK_HOURS, at('01T12:30'), at('01T17:00'))).toBe(at('01T13:20'));
    expect(projectFullAt(90, 6 / HOUR, cpp, DEFAULT_PEAK_HOURS, at('01T12:30'), at('01T13:10'))).toBeNull();
    expect(projectFullAt(100, 0, cpp, DEFAULT_PEAK_HOURS, at('01T12:30'), at('01T13:10'))).toBe(at('01T12:30'));
  });
});

describe('the windows an account has', () => {
  it('a reading without five_hour means no 5-hour limit, whatever the plan says (an Ultra account)', () => {
    const weekly = [reading('seven_day', '01T10:00', 12, '06T00:00')];
    expect(accountWindows('max', weekly, NOW)).toEqual(['seven_day']);
    expect(accountWindows('ultra', [], NOW)).toEqual(['seven_day']);
    expect(accountWindows('pro', [], NOW)).toEqual(['five_hour', 'seven_day']);
    // A reading whose windows all reset says nothing now.
    expect(accountWindows('pro', [reading('seven_day', '01T10:00', 12, '01T11:00')], NOW)).toEqual(['five_hour', 'seven_day']);
  });
});
