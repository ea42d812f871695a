import type { OfficialReading, OfficialWindowReading } from '../state/official-record.js';
import { readingInForce } from '../usage/reading-rule.js';
import { formatDuration, formatPercent, formatUSD, progressBar } from '../ui/kit/format.js';
import { levelTone, type Tone } from '../ui/kit/theme.js';

/** What a statusline shows when it has nothing to go on (bad or empty input). */
export const MINIMAL_LINE = 'cctop';

const BAR_CELLS = 5;
const WEEKLY_PREFIX = 'seven_day_';
const MAX_OTHER_WINDOWS = 2;
const MAX_NAME_LENGTH = 8;
const ANSI: Partial<Record<Tone, string>> = { ok: '\u001b[32m', warn: '\u001b[33m', danger: '\u001b[1;31m' };
const RESET = '\u001b[0m';

export interface StatuslineFacts {
  reading: OfficialReading;
  /** USD per hour, null when unknown. */
  costPerHour: number | null;
  now: number;
  color: boolean;
}

/**
 * The one short line: `5h ███░░ 62 % ↻1h 12m · 7d 41 % · $38.20/h`, every figure formatted as the
 * monitor shows it (src/ui/kit/format.ts). A reading without a 5-hour window (an account without
 * a 5-hour limit, Ultra) puts the weekly window in its place and form: `7d ██░░░ 41 % ↻2d 21h`.
 * Other windows follow by a short name (`opus 63 %` for `seven_day_opus`). Without official
 * numbers (older Claude Code, or before the session's first response) the session's cost stands
 * in for them.
 */
export function statuslineText({ reading, costPerHour, now, color }: StatuslineFacts): string {
  const parts: string[] = [];
  const five = readingInForce(reading.fiveHour, now);
  const week = readingInForce(reading.sevenDay, now);
  if (five) parts.push(leadingWindow('5h', five, now, color));
  if (week) parts.push(reading.fiveHour ? `7d ${paint(percent(week.usedPercent), week.usedPercent, color)}` : leadingWindow('7d', week, now, color));
  parts.push(...otherWindows(reading, now, color));
  if (parts.length === 0 && reading.sessionCostUSD !== null) parts.push(`session ${formatUSD(reading.sessionCostUSD)}`);
  if (costPerHour !== null) parts.push(`${formatUSD(costPerHour)}/h`);
  return parts.length > 0 ? parts.join(' · ') : MINIMAL_LINE;
}

/** The first window of the line, with its bar and its reset: `5h ███░░ 62 % ↻1h 12m`. */
function leadingWindow(name: string, window: OfficialWindowReading, now: number, color: boolean): string {
  const { usedPercent } = window;
  return `${name} ${paint(`${bar(usedPercent)} ${percent(usedPercent)}`, usedPercent, color)} ↻${formatDuration(window.resetsAt - now)}`;
}

/** The windows besides the 5-hour and 7-day ones, as `opus 63 %`: at most two, and only those with a short name. */
function otherWindows(reading: OfficialReading, now: number, color: boolean): string[] {
  const shown: string[] = [];
  for (const [key, window] of Object.entries(reading.otherWindows ?? {})) {
    const name = shortName(key);
    if (!readingInForce(window, now) || name.length > MAX_NAME_LENGTH) continue;
    shown.push(`${name} ${paint(percent(window.usedPercent), window.usedPercent, color)}`);
    if (shown.length === MAX_OTHER_WINDOWS) break;
  }
  return shown;
}

/** A weekly bucket by its model (`seven_day_opus` → `opus`); any other key as it is. */
function shortName(key: string): string {
  return key.startsWith(WEEKLY_PREFIX) ? key.slice(WEEKLY_PREFIX.length) : key;
}

/** The monitor's window bar, 5 cells. */
export function bar(usedPercent: number): string {
  return progressBar(usedPercent / 100, BAR_CELLS).text;
}

function percent(usedPercent: number): string {
  return formatPercent(usedPercent / 100);
}

/** Coloured by the monitor's levels (src/ui/kit/theme.ts): green, yellow from 50 %, red from 80 %. */
function paint(text: string, usedPercent: number, color: boolean): string {
  const tone = ANSI[levelTone(usedPercent / 100)];
  return color && tone ? `${tone}${text}${RESET}` : text;
}
