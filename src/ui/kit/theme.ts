/** Colour decisions in one place; with colour off every tone is plain (no ANSI at all). */

export type Tone = 'ok' | 'warn' | 'danger' | 'dim' | 'title' | 'accent' | 'plain';

/** The Text props of a tone: a subset of ink's TextProps. */
interface ToneProps {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
}

const TONES: Record<Tone, ToneProps> = {
  ok: { color: 'green' },
  warn: { color: 'yellow' },
  danger: { color: 'red', bold: true },
  dim: { dimColor: true },
  title: { bold: true, color: 'cyan' },
  accent: { color: 'magenta' },
  plain: {},
};

/** Text props for a tone, or none at all when colour is off. */
export function toneProps(tone: Tone, color: boolean): ToneProps {
  return color ? TONES[tone] : {};
}

/** Green below 50 %, yellow to 80 %, red from 80 %. */
export function levelTone(fraction: number | null): Tone {
  if (fraction === null) return 'plain';
  if (fraction >= 0.8) return 'danger';
  if (fraction >= 0.5) return 'warn';
  return 'ok';
}
