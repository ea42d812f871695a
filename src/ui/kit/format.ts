/**
 * Numbers, durations and times → short strings, shared by the monitor and the statusline. No
 * dependencies (times use the built-in Intl), so the statusline's bundle stays small.
 */

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

/**
 * An integer with its thousands grouped, as toLocaleString('en-US') writes it (1,234,567), without
 * ICU's number formatter: its first use costs the screen's first frame ~6 ms. Past 1e21, where a
 * number's digits are not plain, it asks toLocaleString.
 */
export function groupDigits(n: number): string {
  const digits = String(Math.abs(n));
  if (!/^\d+$/.test(digits)) return n.toLocaleString('en-US');
  return `${n < 0 ? '-' : ''}${digits.replace(/\B(?=(\d{3})+$)/g, ',')}`;
}

/** $14.37, $1,234, $0.42: two decimals everywhere, and <$0.01 for an amount that would show as $0.00. */
export function formatUSD(n: number): string {
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  if (abs >= 1000) return `${sign}$${groupDigits(Math.round(abs))}`;
  if (abs > 0 && abs < 0.005) return `${sign}<$0.01`;
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

/** A multiple of an amount (the plan fee): "12.3×", "0.8×", and "<0.1×" rather than "0.0×". */
export function formatMultiple(x: number): string {
  if (x > 0 && x < 0.05) return '<0.1×';
  return `${x >= 100 ? Math.round(x) : x.toFixed(1)}×`;
}

/** Trend of current ÷ previous: "▲ +35%", "▼ −20%", "—". */
export function formatTrend(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const pct = Math.round((ratio - 1) * 100);
  if (pct > 0) return `▲ +${pct}%`;
  if (pct < 0) return `▼ −${-pct}%`;
  return '—';
}

interface Bar {
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

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const formatters = new Map<string, Intl.DateTimeFormat>();
const PATTERNS: Record<'hm' | 'hms' | 'md', Intl.DateTimeFormatOptions> = {
  hm: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  hms: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  md: { month: 'numeric', day: 'numeric' },
};

/** One cached Intl formatter per zone and pattern: making one costs far more than using it. */
function formatter(timeZone: string, kind: keyof typeof PATTERNS): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', { ...PATTERNS[kind], timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** HH:mm (or HH:mm:ss) of an epoch in a zone. */
export function formatClock(ms: number, timeZone: string, seconds = false): string {
  return formatter(timeZone, seconds ? 'hms' : 'hm').format(ms);
}

/** "Nov 9" of an epoch in a zone. */
export function formatDay(ms: number, timeZone: string): string {
  const parts = formatter(timeZone, 'md').formatToParts(ms);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 1);
  return `${MONTHS[part('month') - 1]} ${part('day')}`;
}

/** "Nov 9" of a YYYY-MM-DD date. */
export function formatDateString(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${MONTHS[(m ?? 1) - 1] ?? '?'} ${d ?? 1}`;
}

/** A moment near now: "12:05" on the same day in the zone, else its day "Nov 24". */
export function formatWhen(ms: number, now: number, timeZone: string): string {
  const sameDay = Math.abs(now - ms) < 86_400_000 && formatDay(ms, timeZone) === formatDay(now, timeZone);
  return sameDay ? formatClock(ms, timeZone) : formatDay(ms, timeZone);
}

/** "Nov 2026" of a YYYY-MM month. */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${MONTHS[(m ?? 1) - 1] ?? '?'} ${y ?? 1970}`;
}

/** claude-opus-4-6-20251101 → opus-4-6. */
export function shortModel(model: string): string {
  return model.replace(/^claude-/, '').replace(/-\d{8}$/, '');
}

const FAMILY = /^claude-(opus|sonnet|haiku)-(\d+)(?:-(\d))?(?:-\d{8})?$/;
const LEGACY = /^claude-(\d+)(?:-(\d))?-(opus|sonnet|haiku)(?:-\d{8})?$/;

/** A model as people name it: claude-opus-4-6 → "Opus 4.6", claude-3-5-haiku-20241022 → "Haiku 3.5". */
export function modelName(model: string): string {
  const m = FAMILY.exec(model);
  const l = m ? null : LEGACY.exec(model);
  const [family, major, minor] = m ? [m[1], m[2], m[3]] : l ? [l[3], l[1], l[2]] : [];
  if (family === undefined) return shortModel(model);
  return `${family[0]!.toUpperCase()}${family.slice(1)} ${major}${minor === undefined ? '' : `.${minor}`}`;
}

/** "1 bad line", "3 bad lines". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** Counts as tokens but without a trailing ".0": 3k, 1.2k, 950. */
export function formatCount(n: number): string {
  return formatTokens(n).replace(/\.0(?=[kMB]$)/, '');
}

/** A usage amount in its basis: USD for cost, tokens otherwise. */
export function formatInBasis(basis: 'cost' | 'tokens' | 'io', n: number): string {
  return basis === 'cost' ? formatUSD(n) : `${formatTokens(n)} tok`;
}
