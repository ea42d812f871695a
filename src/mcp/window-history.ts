import type { SnapshotView, WindowRecordView } from '../snapshot/view.js';
import type { WindowHistoryResult } from './schemas.js';
import { formatPoints, formatSpan, formatUSD, zoned } from './text.js';
import { driftOf, driftPhrase, inAccountOrder, LOCAL_SPEND_NOTE } from './window-limits.js';

const DEFAULT_WINDOWS = 20;

/** `Feb 7 10:00–Feb 14 10:00 peak 100% $7.00 $0.07/% hit at Feb 6 17:05`. */
function describeRecord(w: WindowRecordView, timeZone: string): string {
  const parts = [formatSpan(w.start, w.end, timeZone), `peak ${formatPoints(w.peakPercent)}`, formatUSD(w.costUSD)];
  if (w.costPerPercent !== null) parts.push(`${formatUSD(w.costPerPercent)}/%`);
  if (w.hit) parts.push(w.hitAt ? `hit at ${hitTime(w.start, w.hitAt, timeZone)}` : 'hit');
  if (w.open) parts.push('(open)');
  return parts.join(' ');
}

/** The hit's time alone on the window's first day, else its day too. */
function hitTime(start: string, at: string, timeZone: string): string {
  const hit = zoned(at, timeZone);
  return hit.day === zoned(start, timeZone).day ? hit.time : `${hit.day} ${hit.time}`;
}

function summary(view: SnapshotView, key: string | undefined, shown: readonly WindowRecordView[]): string {
  if (shown.length === 0) {
    return `No ${key ? `${key} ` : 'official '}windows recorded yet: cctop records them from the readings \`cctop statusline\` `
      + 'takes from Claude Code (2.1.80 or later), kept 98 days.';
  }
  const keys = inAccountOrder(view, [...new Set(shown.map((w) => w.key))]);
  const lists = keys.map((k) => `${k} windows, newest first: `
    + `${shown.filter((w) => w.key === k).map((w) => describeRecord(w, view.timeZone)).join('; ')}.`);
  const drifts = keys.flatMap((k) => {
    const drift = driftOf(view, k);
    return drift ? [`Drift: ${driftPhrase(k, drift, view.timeZone)}.`] : [];
  });
  const zone = `Times in ${view.timeZone}; $ are API-equivalent USD counted toward the plan (fast mode excluded).`;
  return [...lists, ...drifts, zone, LOCAL_SPEND_NOTE].join(' ');
}

/** Only the entries of `record` under `keys`. */
function pick<T>(record: Record<string, T>, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => keys.includes(k)));
}

/** The `window_history` answer: the recorded official windows of `key` (every key without one), newest first, at most `limit`. */
export function windowHistory(view: SnapshotView, options: { key?: string; limit?: number } = {}): WindowHistoryResult {
  const { key, limit = DEFAULT_WINDOWS } = options;
  const matching = key ? view.windows.filter((w) => w.key === key) : view.windows;
  const shown = matching.slice(0, limit);
  const keys = key ? [key] : Object.keys(view.limits.costPerPercent);
  return {
    now: view.now, timeZone: view.timeZone, key: key ?? null,
    summary: summary(view, key, shown),
    total: matching.length,
    windows: shown,
    costPerPercent: pick(view.limits.costPerPercent, keys),
    drift: pick(view.limits.drift, keys),
  };
}
