import { DAY } from './time.js';
import { LOCAL_MACHINE } from '../logs/events.js';
import type { Calendar } from './calendar.js';
import type { DaySummary, MonthSummary } from './calendar-types.js';
import { minutesBetween, type MinuteBucket } from './store.js';
import { sumTokens } from './tokens.js';

/** Days of recent history the month-end projection averages over. */
export const RECENT_DAYS = 7;

export interface MonthInput {
  now: number;
  /** Usage up to here counts as now (see usage/time.ts); defaults to `now`. */
  until?: number;
  calendar: Calendar;
  minutes: readonly MinuteBucket[];
  days: readonly DaySummary[];
  feeUSD: number;
  /** Start of the loaded history: the average never spans time before it. */
  historyStart: number;
  /** A minute's usage credits (fast mode, past the limit): not covered by the fee, so not in the value figures. */
  creditsOf?: (m: MinuteBucket) => number;
}

/** Month-to-date cost in the user's zone, its projection, and the plan-fee arithmetic. */
export function monthSummary({ now, until = now, calendar, minutes, days, feeUSD, historyStart, creditsOf = () => 0 }: MonthInput): MonthSummary {
  const monthStart = calendar.startOfMonth(now);
  const monthEnd = calendar.startOfNextMonth(now);
  const month = calendar.monthKey(now);
  const today = calendar.dayKey(now);
  const monthDays = days.filter((d) => d.date.startsWith(month) && d.date <= today);
  const costUSD = sum(monthDays.map((d) => d.costUSD));
  const firstDay = minutes[0] ? calendar.startOfDay(minutes[0].first) : now;
  const dailyAverageUSD = recentDailyAverage(minutes, now, Math.max(historyStart, firstDay), until);
  const projectedCostUSD = costUSD + dailyAverageUSD * ((monthEnd - now) / DAY);
  const fee = feeUSD > 0 ? feeUSD : null;
  let creditsUSD = 0;
  for (const m of minutesBetween(minutes, monthStart, until)) creditsUSD += creditsOf(m);
  const planCoveredUSD = costUSD - creditsUSD;
  const heaviest = [...monthDays].sort((a, b) => b.costUSD - a.costUSD);
  return {
    month,
    tokens: sumTokens(monthDays.map((d) => d.tokens)),
    costUSD,
    projectedCostUSD,
    dailyAverageUSD,
    // The day of the month in the zone: elapsed ms ÷ 24 h is off by one around a DST change.
    daysElapsed: Number(calendar.dayKey(now).slice(8, 10)),
    daysInMonth: Math.round((monthEnd - monthStart) / DAY),
    feeUSD,
    planCoveredUSD,
    valueMultiplier: fee ? planCoveredUSD / fee : null,
    projectedValueMultiplier: fee ? (projectedCostUSD - creditsUSD) / fee : null,
    breakEvenAt: fee ? breakEvenTime(minutes, monthStart, until, fee, creditsOf) : null,
    daysToBreakEven: fee ? daysToBreakEven(planCoveredUSD, fee, dailyAverageUSD) : null,
    heaviestDay: heaviest[0]
      ? { date: heaviest[0].date, costUSD: heaviest[0].costUSD, feeMultiple: fee ? heaviest[0].costUSD / fee : null }
      : null,
    topDays: heaviest.slice(0, 3).map((d) => ({ date: d.date, costUSD: d.costUSD })),
    byMachine: machineSplit(minutesBetween(minutes, monthStart, until)),
  };
}

/**
 * Average cost per day over the last 7 days, or over the part of them the history covers
 * (`historyStart`: the later of the loaded history's start and the first day with usage).
 */
export function recentDailyAverage(minutes: readonly MinuteBucket[], now: number, historyStart: number, until = now): number {
  const from = Math.max(now - RECENT_DAYS * DAY, historyStart);
  const span = Math.max((now - from) / DAY, 1);
  let cost = 0;
  for (const m of minutesBetween(minutes, from, until)) cost += m.costUSD;
  return cost / span;
}

/** The time within the month at which cumulative cost first reached the fee. */
function breakEvenTime(minutes: readonly MinuteBucket[], monthStart: number, now: number, fee: number, creditsOf: (m: MinuteBucket) => number): number | null {
  let cumulative = 0;
  for (const m of minutesBetween(minutes, monthStart, now)) {
    cumulative += m.costUSD - creditsOf(m);
    if (cumulative >= fee) return m.last;
  }
  return null;
}

function daysToBreakEven(costUSD: number, fee: number, dailyAverageUSD: number): number | null {
  if (costUSD >= fee) return 0;
  return dailyAverageUSD > 0 ? (fee - costUSD) / dailyAverageUSD : null;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** The month's cost per machine: what remote machines added, and this machine's own the rest. */
function machineSplit(minutes: readonly MinuteBucket[]): { machine: string; costUSD: number }[] {
  const remote = new Map<string, number>();
  let total = 0;
  for (const m of minutes) {
    total += m.costUSD;
    for (const [machine, cost] of m.remote ?? []) remote.set(machine, (remote.get(machine) ?? 0) + cost);
  }
  if (remote.size === 0) return [];
  const others = [...remote.values()].reduce((a, b) => a + b, 0);
  return [{ machine: LOCAL_MACHINE, costUSD: total - others }, ...[...remote].map(([machine, costUSD]) => ({ machine, costUSD }))];
}
