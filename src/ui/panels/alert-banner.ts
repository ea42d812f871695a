import { alertText, shownAlert } from '../kit/alert-text.js';
import { fit, truncate, wrapWords } from '../kit/width.js';
import { row, span, type Line } from '../kit/Lines.js';
import type { Metrics } from '../../engine/types.js';

interface AlertInput {
  /** The live metrics: recent alerts, worded from the current figures. */
  metrics: Metrics;
  /** Width in columns. */
  width: number;
  /** Colour on or off. */
  color: boolean;
}

/** Rows of words an alert may take in a narrow pane before its words are cut. */
const MAX_TEXT_ROWS = 2;

/** A box around the most severe recent alert, its words wrapped to two rows before they are cut; no rows without alerts. */
export function alertLines({ metrics, width, color }: AlertInput): Line[] {
  const alert = shownAlert(metrics.alerts);
  if (alert === null) return [];
  const inner = Math.max(1, width - 4);
  const tone = alert.kind === 'spike' || alert.kind.endsWith('80') ? 'warn' : 'danger';
  const edge = '─'.repeat(inner + 2);
  return [
    row(span(`╭${edge}╮`, tone, color)),
    ...textRows(`⚠ ${alertText(alert, metrics)}`, inner).map((text) => row(span('│ ', tone, color), span(fit(text, inner), tone, color), span(' │', tone, color))),
    row(span(`╰${edge}╯`, tone, color)),
  ];
}

/** The words on at most MAX_TEXT_ROWS rows of `width`, the last cut with "…" when they do not fit. */
function textRows(text: string, width: number): string[] {
  const rows = wrapWords(text, width);
  if (rows.length <= MAX_TEXT_ROWS) return rows;
  const kept = rows.slice(0, MAX_TEXT_ROWS - 1);
  return [...kept, truncate(rows.slice(MAX_TEXT_ROWS - 1).join(' '), width)];
}
