import type { BurnRate } from '../../usage/metrics-types.js';
import { formatTokens, formatTrend, formatUSD, sparkline } from '../kit/format.js';
import { row, span, titleRow, type Line } from '../kit/Lines.js';
import type { Tone } from '../kit/theme.js';

interface BurnRateInput {
  /** Burn rate over the trailing window, with its per-minute history. */
  burnRate: BurnRate;
  /** Width in columns. */
  width: number;
  /** Colour on or off. */
  color: boolean;
  /** Compact digest: no title row, the rate row says "burn". */
  compact?: boolean;
}

/** Rising burn is the thing to watch: up is warm, down is calm. */
function trendTone(ratio: number | null): Tone {
  if (ratio === null) return 'dim';
  if (ratio > 1.005) return 'warn';
  return ratio < 0.995 ? 'ok' : 'dim';
}

/** Title, rate and trend, then the last hour's sparkline (always the last row). */
export function burnRateLines({ burnRate: b, width, color, compact }: BurnRateInput): Line[] {
  return [
    ...(compact ? [] : [titleRow(`Burn rate · ${b.windowMinutes} min`, width, color)]),
    row(
      `${compact ? 'burn ' : ''}${formatTokens(b.tokensPerMinute)} tok/min · ${formatUSD(b.costPerHour)}/h · `,
      span(formatTrend(b.trendRatio), trendTone(b.trendRatio), color),
    ),
    row(span(sparkline(b.sparkline, Math.min(b.sparkline.length, width)), 'accent', color)),
  ];
}
