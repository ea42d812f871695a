import type { ReactElement } from 'react';
import { Lines, row, span, titleRow, type Line } from '../kit/Lines.js';

export interface HelpViewProps {
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
  ['?', 'this help'],
  ['q', 'quit'],
];

const PANELS: [string, string][] = [
  ['burn rate', 'tokens/min and $/h over the trailing window; sparkline = last hour'],
  ['5-hour window', 'usage against the window limit; official = Anthropic, estimate = local'],
  ['month', 'cost at API prices vs your plan fee; ×N = value multiplier'],
  ['model mix', 'share of tokens and cost per model family'],
  ['sessions', 'active sessions; ⚡ = spiking above its own baseline'],
  ['7d', 'rolling 7-day totals and weekly limit'],
];

/** Keys, then what each panel means. */
export function helpLines({ width, color }: HelpViewProps): Line[] {
  return [
    titleRow('Help', width, color),
    ...KEYS.map(([k, text]) => row(span(k.padEnd(3), 'accent', color), text)),
    row(''),
    ...PANELS.map(([name, text]) => row(span(`${name}: `, 'title', color), text)),
  ];
}

/** Keys and what each panel means. */
export function HelpView(props: HelpViewProps): ReactElement {
  return <Lines lines={helpLines(props)} maxLines={props.height} />;
}
