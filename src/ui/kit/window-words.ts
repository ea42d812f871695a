import { formatDay, formatUSD } from './format.js';
import type { WindowDrift } from '../../usage/window-history-types.js';

/** A window key as people say it: "5-hour", "weekly", "weekly Opus" (`seven_day_opus`), else the key itself. */
export function windowName(key: string): string {
  if (key === 'five_hour') return '5-hour';
  if (key === 'spend_limit') return 'spend limit';
  if (key === 'seven_day') return 'weekly';
  const model = /^seven_day_([a-z0-9]+)$/i.exec(key)?.[1];
  return model ? `weekly ${model[0]!.toUpperCase()}${model.slice(1)}` : key;
}

/** "Nov 20–30", or "Oct 28–Nov 5" across months (formatDay's "Nov 20", in the display zone). */
function dateSpan(from: number, to: number, timeZone: string): string {
  const a = formatDay(from, timeZone);
  const b = formatDay(to, timeZone);
  if (a === b) return a;
  const [monthA] = a.split(' ');
  const [monthB, dayB] = b.split(' ');
  return monthA === monthB ? `${a}–${dayB}` : `${a}–${b}`;
}

/** "a 5-hour window bought $41.00 (Nov 20–30), $29.00 since Dec 3 (−29 %)": what the whole window bought, 100 × $/%. */
export function driftText(key: string, drift: WindowDrift, timeZone: string): string {
  const change = `${drift.changePercent < 0 ? '−' : '+'}${Math.abs(Math.round(drift.changePercent))} %`;
  return `a ${windowName(key)} window bought ${formatUSD(drift.before * 100)} (${dateSpan(drift.beforeFrom, drift.beforeTo, timeZone)}), `
    + `${formatUSD(drift.after * 100)} since ${formatDay(drift.since, timeZone)} (${change})`;
}
