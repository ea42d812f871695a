import type { OfficialReading } from '../state/official-record.js';
import { readingInForce } from '../usage/reading-rule.js';
import { formatDuration, formatPercent, formatUSD, progressBar } from '../ui/kit/format.js';
import { levelTone, type Tone } from '../ui/kit/theme.js';

/** What a statusline shows when it has nothing to go on (bad or empty input). */
export const MINIMAL_LINE = 'cctop';

const BAR_CELLS = 5;
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
 * monitor shows it (src/ui/kit/format.ts). Without official numbers (older Claude Code, or
 * before the session's first response) the session's cost stands in for them.
 */
export function statuslineText({ reading, costPerHour, now, color }: StatuslineFacts): string {
  const parts: string[] = [];
  const five = readingInForce(reading.fiveHour, now);
  const week = readingInForce(reading.sevenDay, now);
  if (five) parts.push(`5h ${paint(`${bar(five.usedPercent)} ${percent(five.usedPercent)}`, five.usedPercent, color)} ↻${formatDuration(five.resetsAt - now)}`);
  if (week) parts.push(`7d ${paint(percent(week.usedPercent), week.usedPercent, color)}`);
  if (!five && !week && reading.sessionCostUSD !== null) parts.push(`session ${formatUSD(reading.sessionCostUSD)}`);
  if (costPerHour !== null) parts.push(`${formatUSD(costPerHour)}/h`);
  return parts.length > 0 ? parts.join(' · ') : MINIMAL_LINE;
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
