// Time-zone checks that need only Intl (and date-fns/tz's Intl-only tzOffset), for the paths that must start fast.
import { tzOffset } from '@date-fns/tz/tzOffset';

/**
 * A valid zone as the tz database spells it (`utc` → `UTC`, `Europe/berlin` → `Europe/Berlin`):
 * ICU's spelling when it differs from the name only in case; where ICU swaps in an alias of its
 * own (`Asia/Kathmandu` → `Asia/Katmandu`), the name as given, its words capitalised when given
 * all in lower case. `UTC` is answered without Intl: the statusline names it so as not to pay
 * ICU's start-up (~25 ms) for a line with no clock time in it.
 */
export function canonicalTimeZone(zone: string): string {
  if (zone === 'UTC') return zone;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  if (resolved.toLowerCase() === zone.toLowerCase()) return resolved;
  return zone === zone.toLowerCase() ? zone.replace(/(^|[/_-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase()) : zone;
}

export function isValidTimeZone(zone: string): boolean {
  if (zone === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const CELL = 6 * 3_600_000;

/** One 6-hour cell of UTC time: the offset before and after its transition (if any). */
interface Cell {
  before: number;
  after: number;
  /** First instant at `after`; Infinity when the cell has no transition. */
  switchAt: number;
}

/**
 * A zone's UTC offsets in milliseconds, exactly as TZDate applies them (tzOffset's minutes
 * rounded to whole seconds): read by Intl once per 6-hour cell of UTC time (bisected to the
 * millisecond where the cell holds a transition), then by arithmetic. Assumes no two
 * transitions within 6 hours, which the tz database never has.
 */
export class ZoneOffsets {
  private readonly cells = new Map<number, Cell>();
  private lastIndex = NaN;
  private last: Cell = { before: 0, after: 0, switchAt: Infinity };

  constructor(readonly timeZone: string) {}

  /** What to add to the instant `time` for the zone's wall clock at it (as epoch ms of a UTC clock). */
  offsetAt(time: number): number {
    const index = Math.floor(time / CELL);
    if (index !== this.lastIndex) {
      this.last = this.cellAt(index);
      this.lastIndex = index;
    }
    return time < this.last.switchAt ? this.last.before : this.last.after;
  }

  private cellAt(index: number): Cell {
    let cell = this.cells.get(index);
    if (cell === undefined) {
      const start = index * CELL;
      const before = this.readOffset(start);
      const after = this.readOffset(start + CELL);
      cell = { before, after, switchAt: before === after ? Infinity : this.transition(start, start + CELL, before) };
      this.cells.set(index, cell);
    }
    return cell;
  }

  /** The first millisecond in `(from, to]` whose offset is not `before`. */
  private transition(from: number, to: number, before: number): number {
    let lo = from;
    let hi = to;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.readOffset(mid) === before) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  private readOffset(time: number): number {
    // TZDate's own rounding (syncToInternal): historical offsets can hold seconds.
    return -Math.round(-tzOffset(this.timeZone, new Date(time)) * 60) * 1000;
  }
}
