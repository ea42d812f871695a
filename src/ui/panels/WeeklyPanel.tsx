import type { ReactElement } from 'react';
import type { OfficialWindow, WeekSummary } from '../../usage/metrics-types.js';
import { formatPercent, formatTokens, formatUSD } from '../kit/format.js';
import { Lines, row, span, type Line } from '../kit/Lines.js';
import { levelTone } from '../kit/theme.js';

export interface WeeklyPanelProps {
  /** Rolling 7-day totals. */
  week: WeekSummary;
  /** Anthropic's own 7-day reading, when recorded. */
  official: OfficialWindow | null;
  /** Colour on or off. */
  color: boolean;
}

/** One row: "7d: 12.3M tok $45.20 (Opus $30.10) · limit 48 %". */
export function weeklyLines({ week, official, color }: WeeklyPanelProps): Line[] {
  const base = `7d: ${formatTokens(week.all.tokens.total)} tok ${formatUSD(week.all.costUSD)}`;
  const opus = week.opus.costUSD > 0 ? ` (Opus ${formatUSD(week.opus.costUSD)})` : '';
  const fraction = official && !official.stale ? official.usedPercent / 100 : week.usage.fraction;
  const label = official && !official.stale ? 'official' : 'limit';
  const limit = fraction === null ? '' : ` · ${label} `;
  return [
    row(base + opus, limit, fraction === null ? '' : span(formatPercent(fraction), levelTone(fraction), color)),
  ];
}

/** The rolling 7-day line. */
export function WeeklyPanel(props: WeeklyPanelProps): ReactElement {
  return <Lines lines={weeklyLines(props)} />;
}
