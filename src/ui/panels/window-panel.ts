import type { ActiveBlock, LimitBasis, LimitEstimate, WindowReadout } from '../../usage/window-types.js';
import { formatClock, formatDuration, formatInBasis, formatPercent, formatTokens, formatUSD, progressBar } from '../kit/format.js';
import { row, span, titleRow, type Line } from '../kit/Lines.js';
import { levelTone } from '../kit/theme.js';

interface WindowInput {
  /** The current 5-hour block, null when no activity in it. */
  block: ActiveBlock | null;
  /** The window as shown: official or estimate, reset, limit time, limit hit. */
  readout: WindowReadout;
  /** The limit estimate the usage is measured against. */
  limit: LimitEstimate;
  /** The current time (epoch ms). */
  now: number;
  /** IANA zone of the clock times. */
  timeZone: string;
  /** Width in columns. */
  width: number;
  /** Colour on or off. */
  color: boolean;
  /** Compact digest: no separate "used" row. */
  compact?: boolean;
}

/** Width of the label column before a bar ("official "). */
const LABEL = 9;

/** "label ████░░░░ 48 %" coloured by level; `over` adds a flag. */
function barRow(label: string, fraction: number, width: number, color: boolean): Line {
  const pct = formatPercent(fraction);
  const bar = progressBar(fraction, width - label.length - pct.length - 1 - (fraction > 1 ? 5 : 0));
  const tone = levelTone(fraction);
  return row(label, span(bar.text, tone, color), ' ', span(pct, tone, color), bar.over ? span(' over', 'danger', color) : '');
}

/** "$16.80 of $35.00 · P90 of 12 windows", or the used amount when no limit. */
function usageDetail(basis: LimitBasis, used: number, limit: number | null, label: string): string {
  if (limit === null) return `${formatInBasis(basis, used)} used · no limit known`;
  return `${formatInBasis(basis, used)} of ${formatInBasis(basis, limit)} · ${label}`;
}

/** Bars: official first when fresh, the estimate beside it; a stale official is marked. */
function barLines(p: WindowInput, block: ActiveBlock): Line[] {
  const { usage } = block;
  const { source, official } = p.readout;
  const lines: Line[] = [];
  if (source === 'official' && official) lines.push(barRow('official '.padEnd(LABEL), official.usedPercent / 100, p.width, p.color));
  if (usage.fraction !== null) lines.push(barRow(source === 'official' ? 'estimate '.padEnd(LABEL) : '', usage.fraction, p.width, p.color));
  lines.push(row(span(usageDetail(usage.basis, usage.used, usage.limit, p.limit.label), 'dim', p.color)));
  if (source === 'stale' && official) {
    const age = formatDuration(official.ageMs);
    lines.push(row(span(`official ${Math.round(official.usedPercent)} % · stale (${age} old)`, 'dim', p.color)));
  }
  return lines;
}

/** "limit reached at 15:40", "limit at 16:05 (in 1h 35m)" as a warning, or "not at this rate". */
function limitLine(p: WindowInput, block: ActiveBlock): Line {
  const { limitAt, limitReached, source } = p.readout;
  if (limitAt !== null && limitReached) return row(span(`⚠ limit reached at ${formatClock(limitAt, p.timeZone)}`, 'danger', p.color));
  if (limitAt !== null) {
    const when = `⚠ limit at ${formatClock(limitAt, p.timeZone)} (in ${formatDuration(limitAt - p.now)})`;
    return row(span(when, 'danger', p.color));
  }
  if (block.usage.limit === null && source !== 'official') return row(span('limit: unknown', 'dim', p.color));
  return row('limit: ', span('not at this rate', 'ok', p.color));
}

/** "limit hit 13:10 · resets 17:50" in the danger tone. */
function hitLines(p: WindowInput): Line[] {
  const hit = p.readout.hit;
  if (!hit) return [];
  const reset = hit.resetsAt === null ? '' : ` · resets ${formatClock(hit.resetsAt, p.timeZone)}`;
  return [row(span(`⛔ limit hit ${formatClock(hit.at, p.timeZone)}${reset}`, 'danger', p.color))];
}

/** Title, bars, totals, reset, projection and the limit warning. */
export function windowLines(p: WindowInput): Line[] {
  const block = p.block;
  if (block === null) {
    return [titleRow('5-hour window', p.width, p.color), ...hitLines(p), row(span('no activity in the current window', 'dim', p.color))];
  }
  const start = formatClock(block.start, p.timeZone);
  const resetAt = p.readout.resetsAt ?? block.end;
  return [
    titleRow(`5-hour window ${start}–${formatClock(block.end, p.timeZone)}`, p.width, p.color),
    ...hitLines(p),
    ...barLines(p, block),
    ...(p.compact ? [] : [row(`used ${formatTokens(block.tokens.total)} tok · ${formatUSD(block.costUSD)}`)]),
    row(`resets ${formatClock(resetAt, p.timeZone)} · in ${formatDuration(resetAt - p.now)}`),
    row(`at reset ~${formatTokens(block.projectedTokens)} tok · ${formatUSD(block.projectedCostUSD)}`),
    limitLine(p, block),
  ];
}
