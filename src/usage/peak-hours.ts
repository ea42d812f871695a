/**
 * When the 5-hour window is metered faster: weekdays 05:00–11:00 America/Los_Angeles, as
 * Anthropic announced in March 2026 (see issue 19); configurable (`peakHours` in the config file).
 */
export interface PeakHours {
  timeZone: string;
  /** Days of the week, 0 = Sunday. */
  days: readonly number[];
  /** Hours of the day, [from, to): 5 and 11 for 05:00–11:00. */
  from: number;
  to: number;
}

export const DEFAULT_PEAK_HOURS: PeakHours = { timeZone: 'America/Los_Angeles', days: [1, 2, 3, 4, 5], from: 5, to: 11 };

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  return format;
}

/** Whether `at` (epoch ms) falls in the peak hours. */
export function isPeak(at: number, peak: PeakHours): boolean {
  let weekday = -1;
  let hour = -1;
  for (const part of formatIn(peak.timeZone).formatToParts(at)) {
    if (part.type === 'weekday') weekday = WEEKDAYS[part.value] ?? -1;
    if (part.type === 'hour') hour = Number(part.value);
  }
  return peak.days.includes(weekday) && hour >= peak.from && hour < peak.to;
}
