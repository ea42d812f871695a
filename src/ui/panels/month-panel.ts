import type { MonthSummary, ValueSummary } from '../../usage/calendar-types.js';
import { formatDateString, formatDay, formatMonth, formatMultiple, formatMultiplier, formatTokens, formatUSD, modelName } from '../kit/format.js';
import { cutRow, row, span, titleRow, type Line } from '../kit/Lines.js';
import { displayWidth, wrapAll } from '../kit/width.js';
import type { UsageCredits } from '../../usage/window-history-types.js';

interface MonthInput {
  /** Month-to-date figures. */
  month: MonthSummary;
  /** Plan fee against metered API prices. */
  value: ValueSummary;
  /** The price multiplier applied to API prices (1 = list price). */
  priceMultiplier: number;
  /** IANA zone for dates. */
  timeZone: string;
  /** Width in columns. */
  width: number;
  /** Colour on or off. */
  color: boolean;
  /** Compact digest: two rows, cost so far → month-end, then break-even. */
  compact?: boolean;
  /** Seats the fee covers (shown when more than one). */
  seats?: number;
  /** The month's usage credits (fast mode, past the limit): money on top of the fee. */
  credits?: UsageCredits;
}

/** "on top of the fee ~$12.40 in usage credits (fast mode $9.10, past the limit $3.30)", wrapped; none when there are none. */
function creditLines(p: MonthInput): Line[] {
  const c = p.credits;
  if (!c || c.totalUSD <= 0) return [];
  const parts = [c.fastModeUSD > 0 ? `fast mode ${formatUSD(c.fastModeUSD)}` : '', c.pastLimitUSD > 0 ? `past the limit ${formatUSD(c.pastLimitUSD)}` : ''].filter(Boolean);
  const text = `on top of the fee ~${formatUSD(c.totalUSD)} in usage credits (${parts.join(', ')})`;
  return wrapAll(text, p.width, '  ').map((t) => row(span(t, 'warn', p.color)));
}

/** "broke even Nov 9", "not yet · ~6 days at this pace", or "not yet". */
export function breakEvenText(m: MonthSummary, timeZone: string): string {
  if (m.breakEvenAt !== null) return `broke even ${formatDay(m.breakEvenAt, timeZone)}`;
  if (m.daysToBreakEven === null) return 'not yet';
  const daysLeft = m.daysInMonth - m.daysElapsed + 1;
  if (m.daysToBreakEven > daysLeft) return 'not this month at this pace';
  const days = Math.ceil(m.daysToBreakEven);
  return `not yet · ~${days} ${days === 1 ? 'day' : 'days'} at this pace`;
}

/** Heaviest day, as a multiple of the fee when there is one, then the runners-up when they fit. */
function heaviestText(m: MonthSummary, width: number): string | null {
  const h = m.heaviestDay;
  if (h === null) return null;
  const multiple = h.feeMultiple === null ? '' : ` (${formatMultiple(h.feeMultiple)} fee)`;
  const text = `heaviest ${formatDateString(h.date)} ${formatUSD(h.costUSD)}${multiple}`;
  const others = m.topDays.slice(1).map((d) => `${formatDateString(d.date)} ${formatUSD(d.costUSD)}`);
  const full = others.length ? `${text} · then ${others.join(', ')}` : text;
  return displayWidth(full) <= width ? full : text;
}

/** API metered cost vs plan fee for the month's projection. */
function meteredLines(p: MonthInput): Line[] {
  const v = p.value;
  const at = p.priceMultiplier === 1 ? 'API' : `API at ${formatMultiplier(p.priceMultiplier)}`;
  const cheaper = v.cheaper === 'plan' ? 'plan is cheaper' : 'API is cheaper';
  const lines = [row(`${at} ~${formatUSD(v.projectedMeteredCostUSD)} vs fee ${formatUSD(v.feeUSD)} → `, span(cheaper, v.cheaper === 'plan' ? 'ok' : 'warn', p.color))];
  return [...lines, ...feeBuysLines(v, p.width).map((text) => cutRow(text, p.width))];
}

/** "$100.00 buys 4.0M Opus 4.6 output tokens; you used 9.8M this month", on two rows when narrow. */
function feeBuysLines(v: ValueSummary, width: number): string[] {
  if (v.breakEvenOutputTokens === null) return [];
  const model = v.breakEvenModel ? `${modelName(v.breakEvenModel)} ` : '';
  const buys = `${formatUSD(v.feeUSD)} buys ${formatTokens(v.breakEvenOutputTokens)} ${model}output tokens;`;
  const used = `you used ${formatTokens(v.outputTokensMonth)} this month`;
  return displayWidth(`${buys} ${used}`) <= width ? [`${buys} ${used}`] : [buys, used];
}

/** The metered view for the api plan: no fee, no multipliers. */
function apiLines(p: MonthInput): Line[] {
  const m = p.month;
  const heaviest = heaviestText(m, p.width);
  return [
    row(`so far ${formatUSD(m.costUSD)} metered · avg ${formatUSD(m.dailyAverageUSD)}/day`),
    row(`month-end ~${formatUSD(m.projectedCostUSD)}`),
    ...(heaviest ? [row(heaviest)] : []),
  ];
}

/** Plan view: value multiplier, break-even, heaviest day. */
function planLines(p: MonthInput): Line[] {
  const m = p.month;
  const seats = (p.seats ?? 1) > 1 ? ` (${p.seats} seats)` : '';
  const value = m.valueMultiplier === null ? '' : ` · ${formatMultiple(m.valueMultiplier)} of the ${formatUSD(m.feeUSD)} fee${seats}`;
  const projected = m.projectedValueMultiplier === null ? '' : ` (${formatMultiple(m.projectedValueMultiplier)})`;
  const heaviest = heaviestText(m, p.width);
  return [
    row(`so far ${formatUSD(m.costUSD)}`, span(value, 'accent', p.color)),
    row(`month-end ~${formatUSD(m.projectedCostUSD)}${projected}`),
    row(span(breakEvenText(m, p.timeZone), m.breakEvenAt !== null ? 'ok' : 'warn', p.color)),
    ...creditLines(p),
    ...(heaviest ? [row(heaviest)] : []),
    ...machineSplitLines(m, p.width),
  ];
}

/** "laptop $412 · devbox $1,180": the month per machine, when remotes are read. */
function machineSplitLines(m: MonthSummary, width: number): Line[] {
  if (m.byMachine.length === 0) return [];
  return [cutRow(m.byMachine.map((x) => `${x.machine} ${formatUSD(x.costUSD)}`).join(' · '), width)];
}

/** The two-row digest. */
function compactLines(p: MonthInput): Line[] {
  const m = p.month;
  const value = m.valueMultiplier === null ? '' : ` · ${formatMultiple(m.valueMultiplier)} fee`;
  const head = row(`month ${formatUSD(m.costUSD)} → ~${formatUSD(m.projectedCostUSD)}`, span(value, 'accent', p.color));
  if (m.feeUSD <= 0) return [head];
  return [head, row(span(breakEvenText(m, p.timeZone), m.breakEvenAt !== null ? 'ok' : 'warn', p.color))];
}

/** The metered comparison rows: API cost vs fee, output tokens vs what the fee buys. */
export function valueLines(p: MonthInput): Line[] {
  return p.month.feeUSD > 0 && p.value.cheaper !== null && !p.compact ? meteredLines(p) : [];
}

/** Title then the plan or the metered view. */
export function monthLines(p: MonthInput): Line[] {
  if (p.compact) return compactLines(p);
  const title = titleRow(`Month ${formatMonth(p.month.month)}`, p.width, p.color);
  return [title, ...(p.month.feeUSD > 0 ? planLines(p) : apiLines(p))];
}
