import type { ReactElement } from 'react';
import { row, span, titleRow, type Line } from '../kit/Lines.js';
import { ScrollLines } from '../kit/ScrollLines.js';
import { fit, wrapAll } from '../kit/width.js';

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
  ['2', 'days: tokens by kind and cost per day, with a bar against the heaviest day'],
  ['3', 'sessions: all sessions (s sorts by cost or $/h)'],
  ['4', 'models: cost per model this month'],
  ['5', 'windows: Anthropic\'s 5-hour and weekly windows, newest first: peak %, $, what a percent bought, hits, drift'],
  ['d', 'diagnostics: bad lines, unpriced models'],
  ['p', 'cycle the plan (pro, max, ultra, team, api)'],
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
  ['window chart', '█ usage so far in the 5-hour window, added up; ⠒ the even pace that reaches the limit at the reset: bars above it are ahead of that pace'],
  ['cost per day', 'the last 14–30 days as bars, spike days ⚠; the line is the plan fee per day (fee ÷ days in the month)'],
];

/** Width of the key column. */
const KEY = 3;

/** A key and what it does; the text wraps under itself. */
function keyLines([key, text]: [string, string], width: number, color: boolean): Line[] {
  return wrapAll(text, width - KEY).map((part, i) => row(span(fit(i === 0 ? key : '', KEY), 'accent', color), part));
}

/** "name: what it means"; the rows after the first indented. */
function panelLines([name, text]: [string, string], width: number, color: boolean): Line[] {
  const head = `${name}: `;
  return wrapAll(`${head}${text}`, width, '  ').map((part, i) =>
    i === 0 && part.startsWith(head) ? row(span(head, 'title', color), part.slice(head.length)) : row(part));
}

/** Keys, then what each panel means (below the title), wrapped to the width. */
function helpLines({ width, color }: Pick<HelpViewProps, 'width' | 'color'>): Line[] {
  // The blank row is a space: ink gives an empty text no height, and the scroll counts every row.
  return [...KEYS.flatMap((k) => keyLines(k, width, color)), row(' '), ...PANELS.flatMap((p) => panelLines(p, width, color))];
}

/** Keys and what each panel means; the rows wrap and scroll. */
export function HelpView({ width, height, color }: HelpViewProps): ReactElement {
  return <ScrollLines head={[titleRow('Help', width, color)]} body={helpLines({ width, color })} height={height} color={color} />;
}
