import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfMonth } from 'date-fns/startOfMonth';

const QUARTER_HOUR = 15 * 60_000;

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

  /** Every zone offset is a multiple of 15 minutes, so a quarter-hour never straddles two days. */
  private readonly dayKeys = new Map<number, string>();

  constructor(readonly timeZone: string) {}

  /** YYYY-MM-DD of the instant in this zone. */
  dayKey(time: number): string {
    const quarter = Math.floor(time / QUARTER_HOUR);
    let key = this.dayKeys.get(quarter);
    if (key === undefined) {
      key = format(new TZDate(time, this.timeZone), 'yyyy-MM-dd');
      this.dayKeys.set(quarter, key);
    }
    return key;
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

