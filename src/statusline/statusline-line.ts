import type { OfficialReading, OfficialWindowReading } from '../state/official-record.js';

/** What a statusline shows when it has nothing to go on (bad or empty input). */
export const MINIMAL_LINE = 'cctop';

const BAR_CELLS = 5;
const ANSI = { ok: '\u001b[32m', warn: '\u001b[33m', danger: '\u001b[1;31m', reset: '\u001b[0m' } as const;

export interface StatuslineFacts {
  reading: OfficialReading;
  /** USD per hour, null when unknown. */
  costPerHour: number | null;
  now: number;
  color: boolean;
}

/**
 * The one short line: `5h ▓▓▓░░ 62% ↻1h12m · 7d 41% · $38/h`. Without official numbers (older
 * Claude Code, or before the session's first response) the session's cost stands in for them.
 */
export function statuslineText({ reading, costPerHour, now, color }: StatuslineFacts): string {
  const parts: string[] = [];
  const five = current(reading.fiveHour, now);
  const week = current(reading.sevenDay, now);
  if (five) parts.push(`5h ${paint(`${bar(five.usedPercent)} ${percent(five.usedPercent)}`, five.usedPercent, color)} ↻${duration(five.resetsAt - now)}`);
  if (week) parts.push(`7d ${paint(percent(week.usedPercent), week.usedPercent, color)}`);
  if (!five && !week && reading.sessionCostUSD !== null) parts.push(`session ${money(reading.sessionCostUSD)}`);
  if (costPerHour !== null) parts.push(`${money(costPerHour)}/h`);
  return parts.length > 0 ? parts.join(' · ') : MINIMAL_LINE;
}

/** A window whose reset has passed says nothing about now. */
function current(w: OfficialWindowReading | null, now: number): OfficialWindowReading | null {
  return w && w.resetsAt > now ? w : null;
}

export function bar(usedPercent: number): string {
  const filled = Math.round((Math.min(Math.max(usedPercent, 0), 100) / 100) * BAR_CELLS);
  return '▓'.repeat(filled) + '░'.repeat(BAR_CELLS - filled);
}

function percent(usedPercent: number): string {
  return `${Math.round(usedPercent)}%`;
}

/** `2d3h`, `1h05m`, `12m`, `<1m`. */
export function duration(ms: number): string {
  const minutes = Math.floor(Math.max(ms, 0) / 60_000);
  if (minutes < 1) return '<1m';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days}d${hours}h`;
  if (hours > 0) return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
  return `${minutes}m`;
}

/** `$38`, `$4.2`, `$0.35`, `$0`. */
export function money(usd: number): string {
  if (usd <= 0) return '$0';
  if (usd >= 10) return `$${Math.round(usd)}`;
  return `$${usd.toFixed(usd >= 1 ? 1 : 2)}`;
}

/** Green below 50 %, yellow to 80 %, red from 80 % (the monitor's thresholds, src/ui/theme.ts). */
function paint(text: string, usedPercent: number, color: boolean): string {
  if (!color) return text;
  const tone = usedPercent >= 80 ? ANSI.danger : usedPercent >= 50 ? ANSI.warn : ANSI.ok;
  return `${tone}${text}${ANSI.reset}`;
}
