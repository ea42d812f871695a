import type { ActiveBlock, WindowReadout } from '../../usage/window-types.js';
import { CHART_MIN_ROWS, labelRow, plotRows, rowOf, runsRow, withAxis, type ChartColumn } from '../kit/chart.js';
import { formatClock, formatInBasis, formatPercent } from '../kit/format.js';
import { row, span, titleRow, type Line } from '../kit/Lines.js';
import type { Tone } from '../kit/theme.js';
import { displayWidth } from '../kit/width.js';

interface WindowChartInput {
  /** The current 5-hour block, null when no activity in it. */
  block: ActiveBlock | null;
  /** The window as shown: its reset and its usage minute by minute. */
  readout: WindowReadout;
  /** The current time (epoch ms). */
  now: number;
  /** IANA zone of the clock times. */
  timeZone: string;
  /** Width in columns. */
  width: number;
  /** Rows to fill: the title, the plot and the time axis. */
  rows: number;
  /** Colour on or off. */
  color: boolean;
}

/** Narrowest plot worth drawing. */
const MIN_PLOT = 10;
const MINUTE = 60_000;

/** Cumulative usage at the end of each column's stretch of the window (at now for now's), null after now. */
function cumulative(perMinute: readonly number[], start: number, reset: number, now: number, columns: number): (number | null)[] {
  const prefix = [0];
  for (const v of perMinute) prefix.push(prefix[prefix.length - 1]! + v);
  const stretch = (reset - start) / columns;
  return Array.from({ length: columns }, (_, c) => {
    if (start + c * stretch > now) return null;
    const minutes = Math.min(perMinute.length, Math.ceil(((c + 1) * stretch) / MINUTE));
    return prefix[minutes]!;
  });
}

/** Over the limit: danger; ahead of the even pace: warn. */
function barTone(used: number, pace: number, limit: number): Tone {
  if (used >= limit) return 'danger';
  return used > pace ? 'warn' : 'accent';
}

/** Each column's usage so far, and the even pace at its end (limit × the share of the window behind it). */
function chartColumns(bars: (number | null)[], limit: number | null): ChartColumn[] {
  return bars.map((bar, c) => {
    const pace = limit === null ? null : (limit * (c + 1)) / bars.length;
    return { bar, line: pace, tone: limit === null || bar === null || pace === null ? 'accent' : barTone(bar, pace, limit) };
  });
}

/** The longest title that fits. */
function title(limit: number | null, resetClock: string, width: number): string {
  const titles = limit === null
    ? ['Window use █ · no limit known, no pace', '█ used · no limit known', '█ used']
    : [`Window use █ vs even pace ⠒ to the limit at ${resetClock}`, '█ used vs ⠒ even pace to the limit', '█ used ⠒ pace'];
  return titles.find((t) => displayWidth(t) + 4 <= width) ?? titles[titles.length - 1]!;
}

/** Start and reset under the ends, "▲ now 14:30" under now's column (or "now 14:30 ▲" ending there). */
function timeLabels(start: string, reset: string, nowColumn: number, nowClock: string, width: number): string {
  const right = `▲ now ${nowClock}`;
  const now = nowColumn + displayWidth(right) <= width ? { at: nowColumn, text: right } : { at: nowColumn - displayWidth(right) + 1, text: `now ${nowClock} ▲` };
  return labelRow([now, { at: 0, text: start }, { at: width, text: reset }], width);
}

/**
 * The window's shape: usage so far, cumulative, as bars in time order (one column a stretch of
 * the window), against the straight line from 0 at the start to the limit at the reset (the even
 * pace). Bars above the line are ahead of that pace. Without a known limit, usage alone.
 */
export function windowChartLines(p: WindowChartInput): Line[] {
  const block = p.block;
  if (block === null || p.rows < CHART_MIN_ROWS) return [];
  const reset = p.readout.resetsAt ?? block.end;
  const known = block.usage.limit ?? p.readout.official?.impliedLimit ?? null;
  const limit = known !== null && known > 0 && Number.isFinite(known) ? known : null;
  const used = p.readout.perMinute.reduce((sum, v) => sum + v, 0);
  const top = Math.max(limit ?? 0, used);
  const labels = limit === null ? [formatInBasis(block.usage.basis, top)] : [formatPercent(top / limit), formatPercent(1)];
  const labelWidth = Math.max(...labels.map(displayWidth));
  const plotWidth = p.width - labelWidth - 1;
  if (!(reset > block.start) || !(top > 0) || !Number.isFinite(top) || plotWidth < MIN_PLOT) return [];
  const height = p.rows - 2;
  const columns = chartColumns(cumulative(p.readout.perMinute, block.start, reset, p.now, plotWidth), limit);
  const rowLabels: (string | null)[] = Array.from({ length: height }, () => null);
  if (limit !== null) rowLabels[rowOf(limit, top, height)] = labels[1]!;
  rowLabels[0] = labels[0]!;
  const clock = (ms: number) => formatClock(ms, p.timeZone);
  const nowColumn = Math.max(0, Math.min(plotWidth - 1, Math.floor(((p.now - block.start) / (reset - block.start)) * plotWidth)));
  return [
    titleRow(title(limit, clock(reset), p.width), p.width, p.color),
    ...withAxis(plotRows(columns, height, top, 'dim'), rowLabels, labelWidth).map((runs) => runsRow(runs, p.color)),
    row(span(' '.repeat(labelWidth + 1) + timeLabels(clock(block.start), clock(reset), nowColumn, clock(p.now), plotWidth), 'dim', p.color)),
  ];
}
