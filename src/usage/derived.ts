import { BLOCK_LENGTH, buildBlocks, type Block } from './blocks.js';
import type { Calendar } from './calendar.js';
import type { DaySummary } from './calendar-types.js';
import { buildDays, daysOf, markSpikeDays } from './days.js';
import type { ImageReader, ImageWriter } from './image-codec.js';
import type { MinuteBucket, UsageStore } from './store.js';
import { firstAtOrAfter } from './time.js';
import type { Tokens } from './types.js';
import type { BlockSummary } from './window-types.js';

/** What the metrics derive from every minute of the history: 5-hour blocks and days. */
export interface Derived {
  version: number;
  calendar: Calendar;
  blocks: Block[];
  days: DaySummary[];
}

/** Blocks and days as an image keeps them (ingest-image.ts): data alone, each block with how many of the sorted minutes it holds. */
export interface DerivedImage {
  timeZone: string;
  blocks: (BlockSummary & { minuteCount: number })[];
  days: DaySummary[];
}

const derivedCache = new WeakMap<UsageStore, Derived>();
/** What an image derived for a store just read from it, until a derivation in its zone starts from it. */
const seeds = new WeakMap<UsageStore, DerivedImage>();

/**
 * The store's blocks and days in the calendar's zone, once per store version. Only what the
 * minutes changed since the last derivation could move is derived again: an append at now
 * re-adds today and the open block, not a year of minutes (~20 ms a tick at 50,000 minutes).
 */
export function derivedOf(store: UsageStore, calendar: Calendar): Derived {
  const cached = derivedCache.get(store) ?? fromSeed(store, calendar);
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
function deriveAgain(before: Derived, minutes: readonly MinuteBucket[], changedFrom: number, version: number): Derived {
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

/**
 * `image` is what was derived from `store`'s minutes as just read from an image: the first
 * derivation in its zone starts from it and derives only what changed since (this call).
 */
export function seedDerived(store: UsageStore, image: DerivedImage): void {
  derivedCache.delete(store);
  seeds.set(store, image);
  store.takeEarliestChange();
}

/**
 * After `to` adopted `from`'s minutes (UsageStore.adopt): what was derived from `to`'s own (the
 * empty store of a loading frame) is dropped, and `from`'s seed, not used yet, is `to`'s.
 */
export function moveDerived(from: UsageStore, to: UsageStore): void {
  derivedCache.delete(to);
  const seed = seeds.get(from);
  seeds.delete(from);
  if (seed) seeds.set(to, seed);
}

/**
 * The seed as a derivation to bring up to date. Its blocks take their counts of the sorted
 * minutes: minutes added since start at or after the earliest change, after every block that
 * deriveAgain keeps, so those blocks' minutes are the ones they held.
 */
function fromSeed(store: UsageStore, calendar: Calendar): Derived | undefined {
  const seed = seeds.get(store);
  if (!seed || seed.timeZone !== calendar.timeZone) return undefined;
  seeds.delete(store);
  const minutes = store.sortedMinutes();
  let at = 0;
  const blocks = seed.blocks.map(({ minuteCount, ...summary }) => ({ ...summary, minutes: minutes.slice(at, (at += minuteCount)) }));
  return { version: -1, calendar, blocks, days: seed.days };
}

/** Writes the store's blocks and days in the calendar's zone (derived now if they are not). */
export function writeDerived(out: ImageWriter, store: UsageStore, calendar: Calendar): void {
  const { blocks, days } = derivedOf(store, calendar);
  out.string(calendar.timeZone);
  out.int(blocks.length);
  for (const b of blocks) {
    for (const time of [b.start, b.end, b.firstEventAt, b.lastEventAt]) out.float(time);
    writeTotals(out, b.tokens, b.costUSD);
    out.int(b.minutes.length);
  }
  out.int(days.length);
  for (const day of days) {
    out.string(day.date);
    writeTotals(out, day.tokens, day.costUSD);
    out.nullableString(day.topModel);
    out.bool(day.spike);
    out.bool(day.fromStore);
    out.int(day.models.length);
    for (const m of day.models) {
      out.string(m.model);
      writeTotals(out, m.tokens, m.costUSD);
    }
  }
}

/** Reads what writeDerived wrote for a store of `minutes` minutes; throws ImageError when it cannot be theirs. */
export function readDerived(from: ImageReader, minutes: number): DerivedImage {
  const timeZone = from.string();
  const blocks: DerivedImage['blocks'] = [];
  let counted = 0;
  for (let i = from.count(); i > 0; i--) {
    const [start, end, firstEventAt, lastEventAt] = [from.float(), from.float(), from.float(), from.float()];
    const { tokens, costUSD } = readTotals(from);
    const minuteCount = from.int(1, minutes - counted);
    from.check(end === start + BLOCK_LENGTH && start >= (blocks.at(-1)?.end ?? -Infinity), 'blocks out of order');
    blocks.push({ start, end, firstEventAt, lastEventAt, tokens, costUSD, minuteCount });
    counted += minuteCount;
  }
  from.check(counted === minutes, 'blocks without every minute');
  const days: DaySummary[] = [];
  for (let i = from.count(); i > 0; i--) {
    const date = from.string();
    from.check(/^\d{4}-\d{2}-\d{2}$/.test(date) && date > (days.at(-1)?.date ?? ''), 'days out of order');
    const { tokens, costUSD } = readTotals(from);
    const [topModel, spike, fromStore] = [from.nullableString(), from.bool(), from.bool()];
    const models: DaySummary['models'] = [];
    for (let m = from.count(); m > 0; m--) models.push({ model: from.string(), ...readTotals(from) });
    // In days.ts's order of keys: --json writes them in it.
    days.push({ date, tokens, costUSD, models, topModel, spike, fromStore });
  }
  return { timeZone, blocks, days };
}

function writeTotals(out: ImageWriter, tokens: Tokens, costUSD: number): void {
  for (const n of [tokens.input, tokens.output, tokens.cacheCreation, tokens.cacheRead, tokens.total, costUSD]) out.float(n);
}

function readTotals(from: ImageReader): { tokens: Tokens; costUSD: number } {
  const tokens = { input: from.float(), output: from.float(), cacheCreation: from.float(), cacheRead: from.float(), total: from.float() };
  return { tokens, costUSD: from.float() };
}
