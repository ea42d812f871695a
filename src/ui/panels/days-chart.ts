import type { DaySummary } from '../../usage/calendar-types.js';
import { Calendar } from '../../usage/calendar.js';
import { CHART_MIN_ROWS, labelRow, lineGlyph, plotRows, rowOf, runsRow, withAxis, type AxisLabel, type ChartColumn } from '../kit/chart.js';
import { formatDateString, formatUSD } from '../kit/format.js';
import { row, span, titleRow, type Line } from '../kit/Lines.js';
import { displayWidth } from '../kit/width.js';

interface DaysChartInput {
  /** Days of the period, any order (days without usage absent). */
  days: DaySummary[];
  /** The plan's monthly fee for all seats (0: none). */
  feeUSD: number;
  /** Days in the current month. */
  daysInMonth: number;
  /** The current time (epoch ms). */
  now: number;
  /** IANA zone of the days. */
  timeZone: string;
  /** Width in columns. */
  width: number;
  /** Rows to fill: the title, the plot and the date axis. */
  rows: number;
  /** Colour on or off. */
  color: boolean;
}

const MOST_DAYS = 30;
const FEWEST_DAYS = 14;

/** The `count` dates (YYYY-MM-DD) ending with `last`, oldest first. */
export function datesEnding(last: string, count: number): string[] {
  const [y, m, d] = last.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) - (count - 1 - i))).toISOString().slice(0, 10));
}

/** How many days fit in `plot` columns and how wide each bar is: a blank column between bars when 14 or more fit so. */
export function barLayout(plot: number): { days: number; bar: number; gap: number } {
  const spaced = Math.min(MOST_DAYS, Math.floor((plot + 1) / 2));
  if (spaced >= FEWEST_DAYS) return { days: spaced, bar: Math.floor((plot + 1) / spaced) - 1, gap: 1 };
  return { days: Math.min(MOST_DAYS, plot), bar: 1, gap: 0 };
}

/** The longest title that fits. */
function title(fee: { perDay: number; glyph: string } | null, spikes: boolean, width: number): string {
  const feeText = fee === null ? '' : ` · ${fee.glyph} fee per day ${formatUSD(fee.perDay)}`;
  const spike = spikes ? ' · ⚠ spike' : '';
  const titles = [`Cost per day${feeText}${spike}`, `Cost per day${feeText}`, `Cost per day${spike}`, 'Cost per day'];
  return titles.find((t) => displayWidth(t) + 4 <= width) ?? titles[titles.length - 1]!;
}

/**
 * The last 14–30 days' cost as bars (as many as fit), spike days in the warning tone and named
 * under their bar, with the plan fee per day (fee ÷ days in the month) as a line.
 */
export function daysChartLines(p: DaysChartInput): Line[] {
  const feePerDay = p.feeUSD > 0 && p.daysInMonth > 0 ? p.feeUSD / p.daysInMonth : null;
  const byDate = new Map(p.days.map((d) => [d.date, d]));
  const top = Math.max(feePerDay ?? 0, ...p.days.map((d) => d.costUSD));
  const labels = [formatUSD(top), ...(feePerDay === null ? [] : [formatUSD(feePerDay)])];
  const labelWidth = Math.max(...labels.map(displayWidth));
  const layout = barLayout(p.width - labelWidth - 1);
  if (p.rows < CHART_MIN_ROWS || layout.days < 7 || !(top > 0)) return [];
  const dates = datesEnding(Calendar.for(p.timeZone).dayKey(p.now), layout.days);
  const height = p.rows - 2;
  const columns: ChartColumn[] = dates.flatMap((date, i) => {
    const day = byDate.get(date);
    const bar: ChartColumn = { bar: day?.costUSD ?? 0, line: feePerDay, tone: day?.spike ? 'warn' : 'accent' };
    const gap: ChartColumn = { bar: null, line: feePerDay, tone: 'plain' };
    return [...Array.from({ length: layout.bar }, () => bar), ...(layout.gap && i < dates.length - 1 ? [gap] : [])];
  });
  const fee = feePerDay === null ? null : { perDay: feePerDay, glyph: lineGlyph(feePerDay, top, height) };
  const rowLabels: (string | null)[] = Array.from({ length: height }, () => null);
  if (feePerDay !== null) rowLabels[rowOf(feePerDay, top, height)] = labels[1]!;
  rowLabels[0] = labels[0]!;
  const step = layout.bar + layout.gap;
  // The heaviest spike is named first: where two names would overlap, the lighter day's is left out.
  const spikeLabels: AxisLabel[] = dates
    .flatMap((date, i) => (byDate.get(date)?.spike ? [{ at: i * step, text: `⚠${formatDateString(date)}`, cost: byDate.get(date)!.costUSD }] : []))
    .sort((a, b) => b.cost - a.cost);
  const ends = [{ at: 0, text: formatDateString(dates[0]!) }, { at: columns.length, text: formatDateString(dates[dates.length - 1]!) }];
  return [
    titleRow(title(fee, spikeLabels.length > 0, p.width), p.width, p.color),
    ...withAxis(plotRows(columns, height, top, 'dim'), rowLabels, labelWidth).map((runs) => runsRow(runs, p.color)),
    row(' '.repeat(labelWidth + 1), span(labelRow([...spikeLabels, ...ends], columns.length), 'dim', p.color)),
  ];
}
