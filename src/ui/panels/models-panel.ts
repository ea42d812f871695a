import type { ModelShare } from '../../usage/session-types.js';
import { formatPercent, formatUSD, progressBar } from '../kit/format.js';
import { row, span, titleRow, type Line } from '../kit/Lines.js';
import { fit } from '../kit/width.js';

interface ModelsInput {
  /** Family rows in the active window, sorted by cost. */
  window: ModelShare[];
  /** Family rows in the month, sorted by cost. */
  month: ModelShare[];
  /** Width in columns. */
  width: number;
  /** Colour on or off. */
  color: boolean;
}

const NAME = 7;
const PCT = 5;

/** The family rows ("Opus", "Sonnet"…); all rows when none is named after its family. */
function familyRows(shares: ModelShare[]): ModelShare[] {
  const families = shares.filter((s) => s.name === s.family);
  return families.length > 0 ? families : shares;
}

/** Cells of each share bar: two bars and two percentages share the width after the name. */
function barWidth(width: number): number {
  return Math.max(3, Math.min(12, Math.floor((width - NAME - 2 * (PCT + 2) - 9) / 2)));
}

function shareRow(s: ModelShare, width: number, color: boolean): Line {
  const w = barWidth(width);
  const tokens = `${progressBar(s.tokenShare, w).text} ${fit(formatPercent(s.tokenShare), PCT, 'right')}`;
  const cost = `${progressBar(s.costShare, w).text} ${fit(formatPercent(s.costShare), PCT, 'right')}`;
  return row(fit(s.family, NAME), span(tokens, 'accent', color), '  ', span(cost, 'warn', color), ` ${formatUSD(s.costUSD)}`);
}

function scopeLines(label: string, shares: ModelShare[], width: number, color: boolean): Line[] {
  const families = familyRows(shares);
  if (families.length === 0) return [];
  const w = barWidth(width);
  const head = `${fit(label, NAME)}${fit('tokens', w + PCT + 1)}  ${fit('cost', w + PCT + 1)}`;
  return [row(span(head, 'dim', color)), ...families.map((s) => shareRow(s, width, color))];
}

/** Title, then the window's and the month's family rows. */
export function modelsLines(p: ModelsInput): Line[] {
  return [
    titleRow('Model mix', p.width, p.color),
    ...scopeLines('window', p.window, p.width, p.color),
    ...scopeLines('month', p.month, p.width, p.color),
  ];
}
