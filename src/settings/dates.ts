import { UsageError } from './flags.js';

// Calendar days and instants typed on the command line, checked strictly: Date.parse would turn
// 2026-02-30 into March 2nd and accept "2026" or "Nov 25" as times.

const DAY = /^(\d{4})(-?)(\d{2})\2(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/i;

/** True when the year, month and day name a real calendar day (Gregorian, UTC). */
function isRealDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** `YYYY-MM-DD` (or `YYYYMMDD`) as `YYYY-MM-DD`; throws UsageError naming the flag. */
export function parseDay(text: string, flag: string): string {
  const m = DAY.exec(text);
  if (!m || !isRealDay(Number(m[1]), Number(m[3]), Number(m[4]))) {
    throw new UsageError(`${flag}: bad value ${JSON.stringify(text)} (expected a calendar day as YYYY-MM-DD)`);
  }
  return `${m[1]}-${m[3]}-${m[4]}`;
}

/** An ISO-8601 instant with its offset (`2026-11-25T10:00:00Z`, `…+01:00`) as epoch ms. */
export function parseInstant(text: string, flag: string): number {
  const m = INSTANT.exec(text);
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m?.[i] ?? 0)) as [number, number, number, number, number, number];
  const offset = m?.[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) : 0;
  if (!m || !isRealDay(y, mo, d) || h > 23 || mi > 59 || s > 59 || Number(m[10] ?? 0) > 23 || Number(m[11] ?? 0) > 59) {
    throw new UsageError(`${flag}: bad value ${JSON.stringify(text)} (expected an ISO-8601 instant such as 2026-11-25T10:00:00Z)`);
  }
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * 60_000;
}

/** The calendar day (`YYYY-MM-DD`) of an instant in a time zone. */
export function dayIn(timeZone: string, at: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Refuses a day after today in the zone (by the `--now` clock when given). */
export function notAfterToday(day: string, flag: string, timeZone: string, now: number): string {
  const today = dayIn(timeZone, now);
  if (day > today) throw new UsageError(`${flag}: bad value ${JSON.stringify(day)} (after today, ${today} in ${timeZone})`);
  return day;
}
