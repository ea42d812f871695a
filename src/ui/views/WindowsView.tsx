import type { ReactElement } from 'react';
import type { WindowDrift, WindowRecord } from '../../usage/window-history-types.js';
import { horizontalBar } from '../kit/chart.js';
import { formatClock, formatDay, formatUSD } from '../kit/format.js';
import { Lines, row, span, titleRow, type Line } from '../kit/Lines.js';
import { TableView, type ViewColumn } from '../kit/TableView.js';
import { driftText, windowName } from '../kit/window-words.js';
import { wrapAll } from '../kit/width.js';

interface WindowsViewProps {
  /** The official windows as recorded, newest first. */
  windows: WindowRecord[];
  /** Drift of what a percent buys, by window key. */
  drift: Record<string, WindowDrift | null>;
  timeZone: string;
  width: number;
  height: number;
  color: boolean;
}

const COLUMNS: ViewColumn[] = [
  { title: 'window', priority: 9 },
  { title: 'span', priority: 10 },
  { title: 'peak', align: 'right', priority: 8 },
  { title: '', priority: 3 },
  { title: 'spent', align: 'right', priority: 7 },
  { title: ' ', priority: 2 },
  { title: '$/%', align: 'right', priority: 6 },
  { title: 'hit', priority: 5 },
];

const BAR = 10;

/** "Dec 1 14:00–19:00", or "Nov 28 10:00–Dec 5 10:00" across days. */
function spanText(w: WindowRecord, timeZone: string): string {
  const startDay = formatDay(w.start, timeZone);
  const endDay = formatDay(w.end, timeZone);
  const end = startDay === endDay ? formatClock(w.end, timeZone) : `${endDay} ${formatClock(w.end, timeZone)}`;
  return `${startDay} ${formatClock(w.start, timeZone)}–${end}`;
}

function hitText(w: WindowRecord, timeZone: string): string {
  if (!w.hit || w.hitAt === null) return w.open ? 'open' : '';
  return `⛔ ${formatClock(w.hitAt, timeZone)}`;
}

function cells(w: WindowRecord, topUSD: number, timeZone: string): string[] {
  return [
    windowName(w.key),
    spanText(w, timeZone),
    `${Math.round(w.peakPercent)} %`,
    horizontalBar(w.peakPercent, 100, BAR),
    formatUSD(w.costUSD),
    horizontalBar(w.costUSD, topUSD, BAR),
    w.costPerPercent === null ? '—' : formatUSD(w.costPerPercent),
    hitText(w, timeZone),
  ];
}

/** The drift lines, then what the figures cover. */
function notes(p: WindowsViewProps): Line[] {
  const drifts = Object.entries(p.drift).flatMap(([key, d]) => (d ? [`⚠ ${driftText(key, d, p.timeZone)}`] : []));
  const warn = drifts.flatMap((t) => wrapAll(t, p.width, '  ')).map((t) => row(span(t, 'warn', p.color)));
  const about = 'Anthropic\'s readings; $ is local spend counted toward the plan (fast mode excluded) on the machines cctop reads; $/% between the first and last reading, when 5 points apart';
  return [...warn, ...wrapAll(about, p.width).map((t) => row(span(t, 'dim', p.color)))];
}

/** What to do to see windows here: the statusline records Anthropic's readings. */
function noWindowsLines(p: WindowsViewProps): Line[] {
  const text = [
    'No official readings yet. cctop learns your windows from Anthropic\'s own percentages, which Claude Code passes to its statusline command:',
    '  cctop statusline --print-config',
    'prints the line for ~/.claude/settings.json. From then on each response records the 5-hour and weekly percentages, and this view lists every window with what it bought.',
  ];
  return [titleRow('Windows', p.width, p.color), ...text.flatMap((t) => wrapAll(t, p.width)).map((t) => row(t))];
}

/**
 * The official windows, newest first: span, peak % and $ with bars (the $ scaled to the
 * costliest window), what a percent bought, when the limit was hit; the drift on top.
 */
export function WindowsView(p: WindowsViewProps): ReactElement {
  if (p.windows.length === 0) return <Lines lines={noWindowsLines(p)} maxLines={p.height} />;
  const topUSD = Math.max(0, ...p.windows.map((w) => w.costUSD));
  return (
    <TableView
      title={`Windows (${p.windows.length}) · newest first`}
      notes={notes(p)}
      columns={COLUMNS}
      rows={p.windows.map((w) => cells(w, topUSD, p.timeZone))}
      rowTones={p.windows.map((w) => (w.hit ? 'danger' : undefined))}
      width={p.width}
      height={p.height}
      color={p.color}
    />
  );
}
