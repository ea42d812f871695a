import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfMonth } from 'date-fns/startOfMonth';
import { ZoneOffsets } from './zone.js';

const DAY = 86_400_000;

/** Calendar arithmetic in one IANA zone (days and months of the user, not of UTC). */
export class Calendar {
  private static readonly byZone = new Map<string, Calendar>();

  /** One calendar per zone, so its cache of day keys lives across metric computations. */
  static for(timeZone: string): Calendar {
    let calendar = Calendar.byZone.get(timeZone);
    if (!calendar) {
      calendar = new Calendar(timeZone);
      Calendar.byZone.set(timeZone, calendar);
    }
    return calendar;
  }

  private readonly offsets: ZoneOffsets;
  /** Day keys by local day number (days since 1970-01-01 on the zone's wall clock). */
  private readonly dayKeys = new Map<number, string>();
  private lastDay = NaN;
  private lastKey = '';

  constructor(readonly timeZone: string) {
    this.offsets = new ZoneOffsets(timeZone);
  }

  /** YYYY-MM-DD of the instant in this zone (what date-fns formats from a TZDate, by arithmetic). */
  dayKey(time: number): string {
    const day = Math.floor((time + this.offsets.offsetAt(time)) / DAY);
    if (day !== this.lastDay) {
      let key = this.dayKeys.get(day);
      if (key === undefined) {
        key = isoDay(day);
        this.dayKeys.set(day, key);
      }
      this.lastDay = day;
      this.lastKey = key;
    }
    return this.lastKey;
  }

  monthKey(time: number): string {
    return this.dayKey(time).slice(0, 7);
  }

  startOfDay(time: number): number {
    return startOfDay(new TZDate(time, this.timeZone)).getTime();
  }

  startOfMonth(time: number): number {
    return startOfMonth(new TZDate(time, this.timeZone)).getTime();
  }

  startOfNextMonth(time: number): number {
    return addMonths(startOfMonth(new TZDate(time, this.timeZone)), 1).getTime();
  }

  /** Start of the previous month: the default history window. */
  startOfPreviousMonth(time: number): number {
    return addMonths(startOfMonth(new TZDate(time, this.timeZone)), -1).getTime();
  }

  /** Instant of 00:00 on a YYYY-MM-DD day in this zone. */
  parseDay(day: string): number {
    const [y, m, d] = day.split('-').map(Number);
    return new TZDate(y!, m! - 1, d!, this.timeZone).getTime();
  }

  addDays(time: number, days: number): number {
    return addDays(new TZDate(time, this.timeZone), days).getTime();
  }
}


/** YYYY-MM-DD of a day number, years written as date-fns's `yyyy` writes them. */
function isoDay(day: number): string {
  const date = new Date(day * DAY);
  const year = date.getUTCFullYear();
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year > 0 ? year : 1 - year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}
