import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';

/** Pure formatting helpers: numbers → short strings for a narrow pane. */

const TOKEN_UNITS = [
  { size: 1e9, suffix: 'B' },
  { size: 1e6, suffix: 'M' },
  { size: 1e3, suffix: 'k' },
] as const;

/** 950, 12.3k, 123k, 1.2M. */
export function formatTokens(n: number): string {
  const abs = Math.abs(n);
  for (const [i, unit] of TOKEN_UNITS.entries()) {
    if (abs < unit.size * 0.9995) continue;
    const scaled = n / unit.size;
    const text = Math.abs(scaled) >= 99.95 ? Math.round(scaled).toString() : scaled.toFixed(1);
    // 999.96k rounds to "1000k": move up one unit instead.
    if (Math.abs(Number(text)) >= 1000 && i > 0) return formatTokens(Math.sign(n) * TOKEN_UNITS[i - 1]!.size);
    return `${text}${unit.suffix}`;
  }
  return Math.round(n).toString();
}

/** $14.37, $1,234, $0.42, $0.0031 for tiny amounts. */
export function formatUSD(n: number): string {
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  if (abs >= 1000) return `${sign}$${Math.round(abs).toLocaleString('en-US')}`;
  if (abs > 0 && abs < 0.01) return `${sign}$${abs.toPrecision(2)}`;
  return `${sign}$${abs.toFixed(2)}`;
}

/** 1d 3h, 2h 13m, 45m, 30s. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m`;
  return `${totalSeconds}s`;
}

/** "12s ago", "5m ago", "just now". */
export function formatAge(ms: number): string {
  if (ms < 1000) return 'just now';
  return `${formatDuration(ms).split(' ')[0]} ago`;
}

/** A 0..1 fraction as "48 %". */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}

/** ×12.3 */
export function formatMultiplier(x: number): string {
  return `×${x >= 100 ? Math.round(x) : x.toFixed(1)}`;
}

/** Trend of current ÷ previous: "▲ +35%", "▼ −20%", "—". */
export function formatTrend(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const pct = Math.round((ratio - 1) * 100);
  if (pct > 0) return `▲ +${pct}%`;
  if (pct < 0) return `▼ −${-pct}%`;
  return '—';
}

export interface Bar {
  text: string;
  /** True when the fraction was above 1 (the bar is shown full). */
  over: boolean;
}

/** A bar of █ and ░, `width` cells, clamped to 0..1. */
export function progressBar(fraction: number, width: number): Bar {
  const cells = Math.max(0, Math.floor(width));
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(clamped * cells);
  return { text: '█'.repeat(filled) + '░'.repeat(cells - filled), over: fraction > 1 };
}

const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** The last `width` values as ▁…█ scaled to their max; blank for 0. */
export function sparkline(values: readonly number[], width = values.length): string {
  const shown = width > 0 ? values.slice(-width) : [];
  const max = Math.max(0, ...shown);
  return shown
    .map((v) => {
      if (!(v > 0) || max === 0) return ' ';
      const level = Math.min(8, Math.max(1, Math.ceil((v / max) * 8)));
      return SPARKS[level - 1];
    })
    .join('');
}

/** HH:mm (or HH:mm:ss) of an epoch in a zone. */
export function formatClock(ms: number, timeZone: string, seconds = false): string {
  return format(new TZDate(ms, timeZone), seconds ? 'HH:mm:ss' : 'HH:mm');
}

/** "Nov 9" of an epoch in a zone. */
export function formatDay(ms: number, timeZone: string): string {
  return format(new TZDate(ms, timeZone), 'MMM d');
}

/** "Nov 9" of a YYYY-MM-DD date. */
export function formatDateString(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1), 'MMM d');
}

/** "Nov 2026" of a YYYY-MM month. */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return format(new Date(y ?? 1970, (m ?? 1) - 1, 1), 'MMM yyyy');
}

/** claude-opus-4-6-20251101 → opus-4-6. */
export function shortModel(model: string): string {
  return model.replace(/^claude-/, '').replace(/-\d{8}$/, '');
}

/** "1 bad line", "3 bad lines". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** Pad or cut a string to exactly `width` display cells. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const w = displayWidth(text);
  if (w > width) return cut(text, width);
  const pad = ' '.repeat(width - w);
  return align === 'left' ? text + pad : pad + text;
}

// Emoji we print that terminals draw two cells wide.
const WIDE = new Set(['⚡']);

/** Display cells of a string (code points; known emoji count 2). */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.has(ch) ? 2 : 1;
  return w;
}

function cut(text: string, width: number): string {
  if (width <= 0) return '';
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** Counts as tokens but without a trailing ".0": 3k, 1.2k, 950. */
export function formatCount(n: number): string {
  return formatTokens(n).replace(/\.0(?=[kMB]$)/, '');
}

/** A usage amount in its basis: USD for cost, tokens otherwise. */
export function formatInBasis(basis: 'cost' | 'tokens' | 'io', n: number): string {
  return basis === 'cost' ? formatUSD(n) : `${formatTokens(n)} tok`;
}
