import { alertText, shownAlert } from '../kit/alert-text.js';
import { fit } from '../kit/width.js';
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

/** A three-row box around the most severe recent alert; no rows without alerts. */
export function alertLines({ metrics, width, color }: AlertInput): Line[] {
  const alert = shownAlert(metrics.alerts);
  if (alert === null) return [];
  const inner = Math.max(1, width - 4);
  const text = `⚠ ${alertText(alert, metrics)}`;
  const tone = alert.kind === 'spike' || alert.kind.endsWith('80') ? 'warn' : 'danger';
  const edge = '─'.repeat(inner + 2);
  return [
    row(span(`╭${edge}╮`, tone, color)),
    row(span('│ ', tone, color), span(fit(text, inner), tone, color), span(' │', tone, color)),
    row(span(`╰${edge}╯`, tone, color)),
  ];
}
