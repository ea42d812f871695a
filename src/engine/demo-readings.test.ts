import { afterEach, describe, expect, it } from 'vitest';
import { demoReadings } from './demo-readings.js';
import { UsageStore } from '../usage/store.js';
import { monitorOf, NOW } from '../../test/support/faults.js';
import type { Monitor } from './monitor.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `usd` a minute for `minutes` minutes from `start`. */
function spend(store: UsageStore, start: number, minutes: number, usd = 4): void {
  for (let i = 0; i < minutes; i++) {
    store.add({
      timestamp: start + i * MINUTE, sessionId: 's', cwd: '/p', model: 'claude-opus-4-6', priced: true, fast: false, costUSD: usd,
      file: '/c/projects/-p/s.jsonl', machine: 'local', tokens: { input: 1, output: 1, cacheCreation: 0, cacheRead: 0, total: 2 },
    });
  }
}

const monitors: Monitor[] = [];
afterEach(async () => {
  for (const m of monitors.splice(0)) await m.close();
});

describe('the demo\'s readings', () => {
  // Sunday 2026-11-22 02:00 UTC is off-peak ($0.40 a percent before the demo's change 3 days before now).
  const now = Date.parse('2026-11-26T12:00:00Z');
  const start = Date.parse('2026-11-22T02:00:00Z');

  it('grow with the spend: a reading every 10 minutes of activity, at the demo\'s rates', () => {
    const store = new UsageStore();
    spend(store, start, 21);
    const readings = demoReadings(store.sortedMinutes(), now);
    // Minutes 0, 10 and 20: $4, $44 and $84 at $0.40 a percent → 10 %, 100 % (capped), 100 %.
    expect(readings.map((r) => [(r.at - start) / MINUTE, r.fiveHour?.usedPercent, r.fiveHour?.resetsAt])).toEqual([
      [0, 10, start + 5 * HOUR], [10, 100, start + 5 * HOUR], [20, 100, start + 5 * HOUR],
    ]);
    // The week (reset at the next UTC Monday, Nov 30) began Nov 23: this spend is before it.
    expect(readings.every((r) => r.sevenDay === null)).toBe(true);
  });

  it('drift says itself once while the monitor follows the logs, and not in a one-shot report', () => {
    const monitor = monitorOf([]);
    monitors.push(monitor);
    const store = monitor.ingest.store;
    // A window a day at 07:00 UTC (off-peak), 21 minutes of $1: readings at 2.5 %, 27.5 % and 52.5 % at $0.40 a percent,
    // $0.28 since the demo's change 3 days ago (the last two windows): the last 3 windows' median is $0.28, −30 %.
    for (let day = 13; day >= 1; day--) spend(store, Math.floor((NOW - day * DAY) / HOUR) * HOUR - 5 * HOUR, 21, 1);
    monitor.setOfficialReadings(demoReadings(store.sortedMinutes(), NOW));
    const notices = () => monitor.metrics().diagnostics.notices.filter((n) => n.includes('window bought'));
    monitor.checkAlerts();
    expect(notices()).toEqual([]);
    monitor.startClock(60_000);
    monitor.checkAlerts();
    monitor.checkAlerts();
    expect(notices()).toHaveLength(1);
    expect(monitor.metrics().drift.five_hour?.changePercent).toBe(-30);
  });
});
