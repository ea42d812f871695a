import { buildBlocks, type Block } from './blocks.js';
import type { Calendar } from './calendar.js';
import type { DaySummary } from './calendar-types.js';
import { buildDays, daysOf, markSpikeDays } from './days.js';
import type { MinuteBucket, UsageStore } from './store.js';
import { firstAtOrAfter } from './time.js';

/** What the metrics derive from every minute of the history: 5-hour blocks and days. */
export interface Derived {
  version: number;
  calendar: Calendar;
  blocks: Block[];
  days: DaySummary[];
}

const derivedCache = new WeakMap<UsageStore, Derived>();

/**
 * The store's blocks and days in the calendar's zone, once per store version. Only what the
 * minutes changed since the last derivation could move is derived again: an append at now
 * re-adds today and the open block, not a year of minutes (~20 ms a tick at 50,000 minutes).
 */
export function derivedOf(store: UsageStore, calendar: Calendar): Derived {
  const cached = derivedCache.get(store);
  if (cached && cached.version === store.version && cached.calendar === calendar) return cached;
  const changedFrom = store.takeEarliestChange();
  const minutes = store.sortedMinutes();
  const derived = cached && cached.calendar === calendar
    ? deriveAgain(cached, minutes, changedFrom, store.version)
    : { version: store.version, calendar, blocks: buildBlocks(minutes), days: buildDays(minutes, calendar) };
  derivedCache.set(store, derived);
  return derived;
}

/**
 * `before` brought up to date with `minutes`, where no minute starting before `changedFrom`
 * changed since it was derived. A block that ended by then holds none of the changed minutes and
 * the next block starts after it whatever they are (blocks.ts); the days before the one of
 * `changedFrom` hold none either. Spike days are marked again: the median moves.
 */
export function deriveAgain(before: Derived, minutes: readonly MinuteBucket[], changedFrom: number, version: number): Derived {
  const { calendar } = before;
  const keptBlocks = keptWhile(before.blocks, (b) => b.end <= changedFrom);
  const blockMinutes = keptBlocks.reduce((n, b) => n + b.minutes.length, 0);
  const dayStart = firstOfDay(minutes, changedFrom, calendar);
  const firstDay = dayStart < minutes.length ? calendar.dayKey(minutes[dayStart]!.start) : null;
  const keptDays = firstDay === null ? before.days : keptWhile(before.days, (d) => d.date < firstDay);
  return {
    version, calendar,
    blocks: [...keptBlocks, ...buildBlocks(minutes.slice(blockMinutes))],
    days: markSpikeDays([...keptDays, ...daysOf(minutes.slice(dayStart), calendar)]),
  };
}

/** The leading items for which `keep` holds. */
function keptWhile<T>(items: readonly T[], keep: (item: T) => boolean): T[] {
  let n = 0;
  while (n < items.length && keep(items[n]!)) n++;
  return items.slice(0, n);
}

/** The index of the first minute of the day (in the calendar's zone) of the first minute at or after `time`. */
function firstOfDay(minutes: readonly MinuteBucket[], time: number, calendar: Calendar): number {
  let i = firstAtOrAfter(minutes, time);
  if (i === minutes.length) return i;
  const day = calendar.dayKey(minutes[i]!.start);
  while (i > 0 && calendar.dayKey(minutes[i - 1]!.start) === day) i--;
  return i;
}
