import type { WeekSummary } from '../../usage/calendar-types.js';
import type { OfficialWindowNow, WindowReadout } from '../../usage/window-types.js';
import type { CostPerPercent } from '../../usage/window-history-types.js';
import { formatClock, formatDay, formatDuration, formatPercent, formatTokens, formatUSD, progressBar } from '../kit/format.js';
import { row, span, titleRow, type Line } from '../kit/Lines.js';
import { levelTone } from '../kit/theme.js';
import { windowName } from '../kit/window-words.js';
import { percentBuysLines } from './percent-buys.js';

interface WeeklyWindowInput {
  week: WeekSummary;
  /** The 7-day window as shown: official or estimate. */
  readout: WindowReadout;
  /** Every official window in force, by key (the per-model weekly ones are listed under it). */
  official: Record<string, OfficialWindowNow>;
  costPerPercent: CostPerPercent | undefined;
  now: number;
  timeZone: string;
  width: number;
  color: boolean;
}

/** "Dec 5 10:00", or the clock alone today. */
function when(at: number, now: number, timeZone: string): string {
  return formatDay(at, timeZone) === formatDay(now, timeZone) ? formatClock(at, timeZone) : `${formatDay(at, timeZone)} ${formatClock(at, timeZone)}`;
}

function barRow(label: string, fraction: number, width: number, color: boolean): Line {
  const pct = formatPercent(fraction);
  const bar = progressBar(fraction, Math.max(4, width - label.length - pct.length - 1));
  const tone = levelTone(fraction);
  return row(label, span(bar.text, tone, color), ' ', span(pct, tone, color));
}

/** "weekly Opus 63 %" for the other weekly windows Claude Code sends. */
function otherLines(p: WeeklyWindowInput): Line[] {
  return Object.entries(p.official)
    .filter(([key]) => key !== 'five_hour' && key !== 'seven_day')
    .map(([key, w]) => row(`${windowName(key)} `, span(`${Math.round(w.usedPercent)} %`, levelTone(w.usedPercent / 100), p.color)));
}

function limitLine(p: WeeklyWindowInput): Line {
  const { limitAt, limitReached } = p.readout;
  if (limitAt !== null && limitReached) return row(span(`⚠ limit reached at ${when(limitAt, p.now, p.timeZone)}`, 'danger', p.color));
  if (limitAt !== null) return row(span(`⚠ limit at ${when(limitAt, p.now, p.timeZone)} (in ${formatDuration(limitAt - p.now)})`, 'danger', p.color));
  if (p.readout.fraction === null) return row(span('limit: unknown', 'dim', p.color));
  return row('limit: ', span('not at this rate', 'ok', p.color));
}

/**
 * The weekly window as the main panel, for an account without a 5-hour limit (Ultra, Max once
 * verified): the official bar, the week's spend, the reset, the projection and what a percent buys.
 */
export function weeklyWindowLines(p: WeeklyWindowInput): Line[] {
  const { readout, week } = p;
  const opus = week.opus.costUSD > 0 ? ` (Opus ${formatUSD(week.opus.costUSD)})` : '';
  const label = readout.source === 'official' ? 'official ' : 'estimate ';
  return [
    titleRow('Weekly window · no 5-hour limit', p.width, p.color),
    ...(readout.fraction === null ? [] : [barRow(label, readout.fraction, p.width, p.color)]),
    row(`7 days ${formatTokens(week.all.tokens.total)} tok · ${formatUSD(week.all.costUSD)}${opus}`),
    ...(readout.resetsAt === null ? [] : [row(`resets ${when(readout.resetsAt, p.now, p.timeZone)} · in ${formatDuration(readout.resetsAt - p.now)}`)]),
    limitLine(p),
    ...percentBuysLines(p.costPerPercent, p.color),
    ...otherLines(p),
  ];
}
