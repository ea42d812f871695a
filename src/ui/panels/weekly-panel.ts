import type { WeekSummary } from '../../usage/calendar-types.js';
import type { WindowReadout } from '../../usage/window-types.js';
import { formatPercent, formatTokens, formatUSD } from '../kit/format.js';
import { row, span, type Line } from '../kit/Lines.js';
import { levelTone } from '../kit/theme.js';

interface WeeklyInput {
  /** Rolling 7-day totals. */
  week: WeekSummary;
  /** The 7-day window as shown: official or estimate. */
  readout: WindowReadout;
  /** Colour on or off. */
  color: boolean;
}

/** One row: "7d: 12.3M tok $45.20 (Opus $30.10) · limit 48 %". */
export function weeklyLines({ week, readout, color }: WeeklyInput): Line[] {
  const base = `7d: ${formatTokens(week.all.tokens.total)} tok ${formatUSD(week.all.costUSD)}`;
  const opus = week.opus.costUSD > 0 ? ` (Opus ${formatUSD(week.opus.costUSD)})` : '';
  const { fraction } = readout;
  const label = readout.source === 'official' ? 'official' : 'limit';
  const limit = fraction === null ? '' : ` · ${label} `;
  return [
    row(base + opus, limit, fraction === null ? '' : span(formatPercent(fraction), levelTone(fraction), color)),
  ];
}
