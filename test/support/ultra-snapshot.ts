import type { SnapshotView, WindowRecordView } from '../../src/snapshot/view.js';
import { officialSnapshot } from './snapshots.js';

/**
 * An Ultra account's snapshot: no 5-hour limit, the weekly window and a weekly Opus bucket.
 *
 * The open windows and every figure derived from them are those of a real run:
 * `cctop --json --dir fixtures/real --now 2026-02-10T23:00:00Z --tz UTC --since 2025-09-01
 * --plan ultra` after two statusline readings without `five_hour` (21:05: seven_day 30 %,
 * seven_day_opus 50 %; 22:58: 41.2 % and 63.5 %; both reset 2026-02-14T10:00Z) in an isolated HOME.
 * Local spend between them: $0.9157021 (the fixture's responses after 21:05), so $/% =
 * 0.9157021 ÷ 11.2 and ÷ 13.5. The closed weekly windows before it, the drift they make and the
 * usage credits are set by hand (the fixture's logs hold no earlier weeks), their dollars
 * being $/% × the points used: 0.07 × 100, 0.065 × 80, 0.06 × 90, 0.1 × 70, 0.11 × 60, 0.09 × 50.
 */
export function ultraSnapshot(): SnapshotView {
  const s = officialSnapshot();
  s.plan = { ...s.plan, name: 'ultra', label: 'Ultra', feeUSD: 200, windows: ['seven_day', 'seven_day_opus'] };
  // The fee doubles every multiple of it (as the run computed them).
  Object.assign(s.month, {
    feeUSD: 200, valueMultiplier: 0.0052693505, projectedValueMultiplier: 0.018850474110119045, daysToBreakEven: 1321.4369677059822,
  });
  s.month.heaviestDay!.feeMultiple = 0.0052693505;
  Object.assign(s.value, { feeUSD: 200, breakEvenOutputTokens: 8000000 });
  s.windowLimit = { basis: 'cost', value: 140, source: 'preset', label: 'estimate' };
  s.activeBlock!.usage = { basis: 'cost', used: 1.0538701, limit: 140, fraction: 0.007527643571428571 };
  s.official.fiveHour = null;
  s.official.sevenDay!.projectedFullAt = '2026-02-11T02:26:00.981Z';
  const sevenDay = s.official.windows.seven_day!;
  s.official.windows = { seven_day: sevenDay, seven_day_opus: { ...sevenDay, usedPercent: 63.5 } };
  s.inForce = {
    fiveHour: {
      source: 'estimate', usedPercent: 0.752764357142857, fraction: 0.007527643571428571,
      resetsAt: '2026-02-11T02:00:00.000Z', limitAt: null, limitReached: false,
    },
    sevenDay: { ...s.inForce.sevenDay, limitAt: '2026-02-11T02:26:00.981Z' },
  };
  s.windows = [
    openWindow('seven_day', 30, 41.2, 0.08175911607142855),
    openWindow('seven_day_opus', 50, 63.5, 0.06782978518518518),
    closedWeek('2026-01-31', 100, 7, 0.07, '2026-02-06T17:05:00.000Z'),
    closedWeek('2026-01-24', 80, 5.2, 0.065),
    closedWeek('2026-01-17', 90, 5.4, 0.06),
    closedWeek('2026-01-10', 70, 7, 0.1),
    closedWeek('2026-01-03', 60, 6.6, 0.11),
    closedWeek('2025-12-27', 50, 4.5, 0.09),
  ];
  s.limits.costPerPercent = {
    // Seven measured weeks: 0.06, 0.065, 0.07, 0.0818, 0.09, 0.1, 0.11; the open one is current.
    seven_day: { current: 0.08175911607142855, median: 0.08175911607142855, peak: 0.09, offPeak: 0.07, windows: 7 },
    seven_day_opus: { current: 0.06782978518518518, median: 0.06782978518518518, peak: null, offPeak: 0.06782978518518518, windows: 1 },
  };
  s.limits.drift = {
    // The last 3 closed weeks' median (0.065) against the 3 before (0.1): −35 %.
    seven_day: {
      before: 0.1, after: 0.065, changePercent: -35, since: '2026-01-17T10:00:00.000Z',
      beforeFrom: '2025-12-27T10:00:00.000Z', beforeTo: '2026-01-17T10:00:00.000Z',
    },
    seven_day_opus: null,
  };
  s.usageCredits = { month: '2026-02', fastModeUSD: 12.5, pastLimitUSD: 3.25, totalUSD: 15.75 };
  return s;
}

function openWindow(key: string, firstPercent: number, lastPercent: number, costPerPercent: number): WindowRecordView {
  return {
    key, start: '2026-02-07T10:00:00.000Z', end: '2026-02-14T10:00:00.000Z', firstPercent, lastPercent, peakPercent: lastPercent,
    costUSD: 1.0538701, tokens: 1195051, hit: false, hitAt: null, costPerPercent, open: true,
  };
}

/** A closed weekly window from `day` 10:00 UTC, from 0 % to `peak`. */
function closedWeek(day: string, peak: number, costUSD: number, costPerPercent: number, hitAt: string | null = null): WindowRecordView {
  const start = Date.parse(`${day}T10:00:00.000Z`);
  return {
    key: 'seven_day', start: new Date(start).toISOString(), end: new Date(start + 7 * 86_400_000).toISOString(),
    firstPercent: 0, lastPercent: peak, peakPercent: peak, costUSD, tokens: Math.round(costUSD * 1e6),
    hit: hitAt !== null, hitAt, costPerPercent, open: false,
  };
}
