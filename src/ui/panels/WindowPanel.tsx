import type { ReactElement } from 'react';
import type { ActiveBlock, LimitBasis, LimitEstimate, LimitHitSummary, OfficialWindow } from '../../usage/metrics-types.js';
import { formatClock, formatDuration, formatInBasis, formatPercent, formatTokens, formatUSD, progressBar } from '../kit/format.js';
import { Lines, row, span, titleRow, type Line } from '../kit/Lines.js';
import { levelTone } from '../kit/theme.js';

export interface WindowPanelProps {
  /** The current 5-hour block, null when no activity in it. */
  block: ActiveBlock | null;
  /** The limit estimate the usage is measured against. */
  limit: LimitEstimate;
  /** Anthropic's own 5-hour reading, when recorded. */
  official: OfficialWindow | null;
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
  /** Usage-limit messages found in the logs (the latest relevant one is shown). */
  hits?: readonly LimitHitSummary[];
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
function barLines(p: WindowPanelProps, block: ActiveBlock): Line[] {
  const { usage } = block;
  const fresh = p.official !== null && !p.official.stale;
  const lines: Line[] = [];
  if (fresh && p.official) lines.push(barRow('official '.padEnd(LABEL), p.official.usedPercent / 100, p.width, p.color));
  if (usage.fraction !== null) lines.push(barRow(fresh ? 'estimate '.padEnd(LABEL) : '', usage.fraction, p.width, p.color));
  lines.push(row(span(usageDetail(usage.basis, usage.used, usage.limit, p.limit.label), 'dim', p.color)));
  if (p.official?.stale) {
    const age = formatDuration(p.official.ageMs);
    lines.push(row(span(`official ${Math.round(p.official.usedPercent)} % · stale (${age} old)`, 'dim', p.color)));
  }
  return lines;
}

/** "limit at 16:05" as a warning, or "not at this rate". */
function limitLine(p: WindowPanelProps, block: ActiveBlock): Line {
  const fresh = p.official !== null && !p.official.stale;
  const at = fresh && p.official?.projectedFullAt ? p.official.projectedFullAt : block.limitReachedAt;
  if (at !== null) {
    const when = `⚠ limit at ${formatClock(at, p.timeZone)} (in ${formatDuration(at - p.now)})`;
    return row(span(when, 'danger', p.color));
  }
  if (block.usage.limit === null && !fresh) return row(span('limit: unknown', 'dim', p.color));
  return row('limit: ', span('not at this rate', 'ok', p.color));
}

/** The latest 5-hour limit hit of this window, or one whose reset is still ahead. */
function currentHit(p: WindowPanelProps): LimitHitSummary | null {
  const hits = (p.hits ?? []).filter((h) => h.kind !== 'weekly');
  const last = hits[hits.length - 1];
  if (!last) return null;
  const inWindow = p.block !== null && last.at >= p.block.start;
  return inWindow || (last.resetsAt !== null && last.resetsAt > p.now) ? last : null;
}

/** "limit hit 13:10 · resets 17:50" in the danger tone. */
function hitLines(p: WindowPanelProps): Line[] {
  const hit = currentHit(p);
  if (!hit) return [];
  const reset = hit.resetsAt === null ? '' : ` · resets ${formatClock(hit.resetsAt, p.timeZone)}`;
  return [row(span(`⛔ limit hit ${formatClock(hit.at, p.timeZone)}${reset}`, 'danger', p.color))];
}

/** Title, bars, totals, reset, projection and the limit warning. */
export function windowLines(p: WindowPanelProps): Line[] {
  const block = p.block;
  if (block === null) {
    return [titleRow('5-hour window', p.width, p.color), ...hitLines(p), row(span('no activity in the current window', 'dim', p.color))];
  }
  const start = formatClock(block.start, p.timeZone);
  const fresh = p.official !== null && !p.official.stale;
  const resetAt = fresh && p.official ? p.official.resetsAt : block.end;
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

/** Where the user stands in the current 5-hour window. */
export function WindowPanel(props: WindowPanelProps): ReactElement {
  return <Lines lines={windowLines(props)} />;
}
