import { formatUSD } from './format.js';
import type { WindowDrift } from '../../usage/window-history-types.js';

/** A window key as people say it: "5-hour", "weekly", "weekly Opus" (`seven_day_opus`), else the key itself. */
export function windowName(key: string): string {
  if (key === 'five_hour') return '5-hour';
  if (key === 'spend_limit') return 'spend limit';
  if (key === 'seven_day') return 'weekly';
  const model = /^seven_day_([a-z0-9]+)$/i.exec(key)?.[1];
  return model ? `weekly ${model[0]!.toUpperCase()}${model.slice(1)}` : key;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function parts(at: number, timeZone: string): { month: string; day: string } {
  let format = formats.get(timeZone);
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric' })));
  const found = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return { month: found.month ?? '', day: found.day ?? '' };
}

/** "Nov 20", in the display zone. */
export function shortDate(at: number, timeZone: string): string {
  const { month, day } = parts(at, timeZone);
  return `${month} ${day}`;
}

/** "Nov 20–30", or "Oct 28–Nov 5" across months. */
function dateSpan(from: number, to: number, timeZone: string): string {
  const a = parts(from, timeZone);
  const b = parts(to, timeZone);
  if (a.month === b.month) return a.day === b.day ? `${a.month} ${a.day}` : `${a.month} ${a.day}–${b.day}`;
  return `${a.month} ${a.day}–${b.month} ${b.day}`;
}

/** "a 5-hour window bought $41.00 (Nov 20–30), $29.00 since Dec 3 (−29 %)": what the whole window bought, 100 × $/%. */
export function driftText(key: string, drift: WindowDrift, timeZone: string): string {
  const change = `${drift.changePercent < 0 ? '−' : '+'}${Math.abs(Math.round(drift.changePercent))} %`;
  return `a ${windowName(key)} window bought ${formatUSD(drift.before * 100)} (${dateSpan(drift.beforeFrom, drift.beforeTo, timeZone)}), `
    + `${formatUSD(drift.after * 100)} since ${shortDate(drift.since, timeZone)} (${change})`;
}
