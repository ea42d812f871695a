import type { ReactElement } from 'react';
import { row, span, titleRow, type Line } from '../kit/Lines.js';
import { ScrollLines } from '../kit/ScrollLines.js';
import { fit } from '../kit/width.js';

interface HelpViewProps {
  /** Width in columns. */
  width: number;
  /** Rows available. */
  height: number;
  /** Colour on or off. */
  color: boolean;
}

const KEYS: [string, string][] = [
  ['1', 'live view'],
  ['2', 'days: tokens by kind and cost per day'],
  ['3', 'sessions: all sessions (s sorts by cost or $/h)'],
  ['4', 'models: cost per model this month'],
  ['d', 'diagnostics: bad lines, unpriced models'],
  ['p', 'cycle the plan (pro, max5, max20, api)'],
  ['↑↓', 'scroll a list (also j k, PgUp PgDn, Home End)'],
  ['?', 'this help'],
  ['q', 'quit'],
];

const PANELS: [string, string][] = [
  ['burn rate', 'tokens/min and $/h over the trailing window; sparkline = last hour'],
  ['5-hour window', 'usage against the window limit; official = Anthropic, estimate = local'],
  ['month', 'cost at API prices vs your plan fee; 2.5× = 2.5 times the fee'],
  ['model mix', 'share of tokens and cost per model family'],
  ['sessions', 'active sessions; ⚡ = spiking above its own baseline'],
  ['7d', 'rolling 7-day totals and weekly limit'],
];

/** Keys, then what each panel means (below the title). */
function helpLines({ color }: Pick<HelpViewProps, 'color'>): Line[] {
  return [
    ...KEYS.map(([k, text]) => row(span(fit(k, 3), 'accent', color), text)),
    row(''),
    ...PANELS.map(([name, text]) => row(span(`${name}: `, 'title', color), text)),
  ];
}

/** Keys and what each panel means; the rows scroll. */
export function HelpView({ width, height, color }: HelpViewProps): ReactElement {
  return <ScrollLines head={[titleRow('Help', width, color)]} body={helpLines({ color })} height={height} color={color} />;
}
