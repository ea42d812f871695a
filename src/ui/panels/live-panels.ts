import { alertLines } from './alert-banner.js';
import { burnRateLines } from './burn-rate-panel.js';
import { daysChartLines } from './days-chart.js';
import { headerLines } from './header.js';
import { CHART_MIN_ROWS } from '../kit/chart.js';
import type { Layout, PanelSpec } from '../kit/layout.js';
import type { Line } from '../kit/Lines.js';
import { modelsLines } from './models-panel.js';
import { monthLines, valueLines } from './month-panel.js';
import { sessionsLines } from './sessions-panel.js';
import { weeklyLines } from './weekly-panel.js';
import { windowChartLines } from './window-chart.js';
import { windowLines } from './window-panel.js';
import { weeklyWindowLines } from './weekly-window-panel.js';
import { percentBuysLines } from './percent-buys.js';
import type { Metrics } from '../../engine/types.js';

/** A live-view panel (or part of one): its budget entry and its rows. */
export interface BuiltPanel {
  spec: PanelSpec;
  lines: Line[];
  /** Its rows when granted fewer than it wants (default: the first ones). */
  cut?: (rows: number) => Line[];
  /** A chart: drawn to the rows granted, whatever their number. */
  draw?: (rows: number) => Line[];
}

/** The rows of a panel granted `rows`. */
export function grantedLines(p: BuiltPanel, rows: number): Line[] {
  if (p.draw) return rows > 0 ? p.draw(rows) : [];
  if (rows >= p.lines.length) return p.lines;
  return p.cut ? p.cut(rows) : p.lines.slice(0, rows);
}

/**
 * Priorities (higher is kept longer). Panels are split where their parts matter unequally:
 * the clock row outlives the activity row, the rate outlives the sparkline, the month's
 * projection outlives the metered comparison. The charts go first, and take the rows left empty.
 */
const PRIORITY = {
  header: 100,
  alert: 90,
  window: 80,
  burn: 70,
  month: 60,
  activity: 55,
  sessions: 50,
  percentBuys: 48,
  spark: 45,
  week: 40,
  value: 35,
  models: 30,
  windowChart: 20,
  daysChart: 15,
} as const;

type Id = keyof typeof PRIORITY;

function panel(id: Id, lines: Line[], slot: PanelSpec['slot'], minLines = lines.length): BuiltPanel {
  return { spec: { id, lines: lines.length, minLines: Math.min(minLines, lines.length), priority: PRIORITY[id], slot }, lines };
}

/** Active sessions: cut, the last row says how many more there are; in one or two rows, one row says how many there are. */
function sessionsPanel(m: Metrics, width: number, color: boolean): BuiltPanel {
  const props = { sessions: m.sessions, now: m.now, timeZone: m.timeZone, width, color };
  return { ...panel('sessions', sessionsLines(props), 'full', 1), cut: (rows) => sessionsLines({ ...props, maxLines: rows }) };
}

/** A chart drawn to the rows it is granted (at least CHART_MIN_ROWS, more when rows are left empty); none when it has nothing to draw. */
function chartPanel(id: Id, slot: PanelSpec['slot'], draw: (rows: number) => Line[]): BuiltPanel[] {
  const lines = draw(CHART_MIN_ROWS);
  if (lines.length === 0) return [];
  return [{ spec: { id, lines: lines.length, minLines: lines.length, priority: PRIORITY[id], slot, grow: true }, lines, draw }];
}

/** The window's shape (left, when the account has a 5-hour window) and the last days' cost (right). */
function chartPanels(m: Metrics, left: number, right: number, color: boolean): BuiltPanel[] {
  const { activeBlock: block, now, timeZone } = m;
  return [
    ...(!hasFiveHour(m) ? [] : chartPanel('windowChart', 'left', (rows) => windowChartLines({ block, readout: m.readouts.fiveHour, now, timeZone, width: left, rows, color }))),
    ...chartPanel('daysChart', 'right', (rows) => daysChartLines({ days: m.days, feeUSD: m.month.feeUSD, daysInMonth: m.month.daysInMonth, now, timeZone, width: right, rows, color })),
  ];
}

/** Whether the account has a 5-hour window (a fresh reading without one, or an Ultra plan, says not). */
export function hasFiveHour(m: Pick<Metrics, 'plan'>): boolean {
  return m.plan.windows.includes('five_hour') || m.plan.windows.length === 0;
}

/**
 * The main window panel: the 5-hour window, with what a percent buys when measured; without a
 * 5-hour limit the weekly window takes its place (and its own row goes).
 */
function windowPanels(m: Metrics, width: number, color: boolean, compact: boolean): { main: BuiltPanel[]; week: BuiltPanel[] } {
  const cpp = m.costPerPercent;
  if (!hasFiveHour(m)) {
    const lines = weeklyWindowLines({ week: m.week, readout: m.readouts.sevenDay, official: m.official.windows, costPerPercent: cpp.seven_day, now: m.now, timeZone: m.timeZone, width, color });
    return { main: [panel('window', lines, 'left', 3)], week: [] };
  }
  const five = windowLines({ block: m.activeBlock, readout: m.readouts.fiveHour, limit: m.windowLimit, now: m.now, timeZone: m.timeZone, width, color, compact });
  // What a percent buys goes before the sessions panel when rows are short (the windows view keeps it).
  return {
    main: [panel('window', five, 'left'), panel('percentBuys', compact ? [] : percentBuysLines(cpp.five_hour, color), 'left')],
    week: [panel('week', weeklyLines({ week: m.week, readout: m.readouts.sevenDay, color }), 'left')],
  };
}

/** The live view's panels for a layout, in display order. */
export function livePanels(m: Metrics, layout: Layout, color: boolean, banner?: string | null): BuiltPanel[] {
  const full = layout.columns;
  const left = layout.leftWidth;
  const right = layout.mode === 'double' ? layout.rightWidth : layout.leftWidth;
  const compact = layout.mode === 'compact';
  const head = headerLines({ planLabel: m.plan.label, demo: m.demo, timeZone: m.timeZone, now: m.now, filesWatched: m.filesWatched, lastEventAt: m.lastEventAt, loading: m.loading, spikes: m.spikes, machines: m.machines, banner, width: full, color });
  const burn = burnRateLines({ burnRate: m.burnRate, width: left, color, compact });
  const monthProps = { seats: m.plan.seats, credits: m.usageCredits, month: m.month, value: m.value, priceMultiplier: m.plan.priceMultiplier, timeZone: m.timeZone, width: right, color, compact };
  const windows = windowPanels(m, left, color, compact);
  const panels = [
    panel('header', [head[0]!, ...head.slice(2)], 'full'),
    panel('activity', head.slice(1, 2), 'full'),
    panel('alert', alertLines({ metrics: m, width: full, color }), 'full'),
    ...windows.main,
    panel('burn', burn.slice(0, -1), 'left'),
    panel('spark', burn.slice(-1), 'left'),
    ...windows.week,
    panel('month', monthLines(monthProps), 'right', compact ? 1 : 3),
    panel('value', valueLines(monthProps), 'right'),
    sessionsPanel(m, full, color),
  ];
  if (!compact) panels.push(panel('models', modelsLines({ window: m.models.window, month: m.models.month, width: right, color }), 'right'));
  return [...panels, ...chartPanels(m, left, right, color)];
}
