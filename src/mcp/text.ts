/** Plain-English pieces of the MCP tools' one-paragraph answers. */

const MINUTE = 60_000;

/** A duration for people: `51m`, `3h 0m`, `3d 11h`, `<1m`. */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return '<1m';
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** A percentage with one decimal: `12.5%`. */
export function formatPercent(percent: number): string {
  return `${percent.toFixed(1)}%`;
}

/** An amount in the limit basis: `$1.05` for cost, `1,195,051 tokens` otherwise. */
export function formatAmount(value: number, basis: string): string {
  return basis === 'cost' ? `$${value.toFixed(2)}` : `${Math.round(value).toLocaleString('en-US')} tokens`;
}

/** A burn rate: `10,619 tokens/min, $1.36/h`. */
export function formatRate(tokensPerMinute: number, costPerHour: number): string {
  return `${Math.round(tokensPerMinute).toLocaleString('en-US')} tokens/min, $${costPerHour.toFixed(2)}/h`;
}

/** USD with two decimals, `<$0.01` for an amount that would show as $0.00: `$43.00`. */
export function formatUSD(value: number): string {
  if (value > 0 && value < 0.005) return '<$0.01';
  return `${value < 0 ? '-' : ''}$${Math.abs(value).toFixed(2)}`;
}

/** An official percentage as Claude Code sends it (0.1 steps): `41.2%`, `100%`. */
export function formatPoints(percent: number): string {
  return `${Number(percent.toFixed(1))}%`;
}

/** A change in percent, signed: `−35%`, `+20.5%`. */
export function formatChange(percent: number): string {
  return `${percent < 0 ? '−' : '+'}${formatPoints(Math.abs(percent))}`;
}

const WEEKLY_PREFIX = 'seven_day_';

/** A window key for people: `5-hour`, `7-day`, `7-day Opus` (seven_day_opus); any other key as it is. */
export function windowName(key: string): string {
  if (key === 'five_hour') return '5-hour';
  if (key === 'seven_day') return '7-day';
  if (key.startsWith(WEEKLY_PREFIX) && key.length > WEEKLY_PREFIX.length) {
    const rest = key.slice(WEEKLY_PREFIX.length).replaceAll('_', ' ');
    return `7-day ${rest[0]!.toUpperCase()}${rest.slice(1)}`;
  }
  return key;
}

/** An instant's day (`Feb 7`) and time (`10:00`) in a time zone. */
export interface ZonedInstant {
  day: string;
  time: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    const options = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
    try {
      format = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    } catch {
      // A zone this Node does not know: the instants in UTC rather than no answer.
      format = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
    }
    formats.set(timeZone, format);
  }
  return format;
}

/** `iso` in `timeZone` as its day and time. */
export function zoned(iso: string, timeZone: string): ZonedInstant {
  const parts = Object.fromEntries(formatIn(timeZone).formatToParts(Date.parse(iso)).map((p) => [p.type, p.value]));
  return { day: `${parts.month} ${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** A span of instants: `Dec 1 14:00–19:00` within a day, `Feb 7 10:00–Feb 14 10:00` across days. */
export function formatSpan(from: string, to: string, timeZone: string): string {
  const a = zoned(from, timeZone);
  const b = zoned(to, timeZone);
  return `${a.day} ${a.time}–${a.day === b.day ? '' : `${b.day} `}${b.time}`;
}

/** A span of days: `Nov 20–30` within a month, `Dec 27–Jan 17` across months, `Dec 3` within a day. */
export function formatDays(from: string, to: string, timeZone: string): string {
  const [monthA, dayA] = zoned(from, timeZone).day.split(' ');
  const [monthB, dayB] = zoned(to, timeZone).day.split(' ');
  if (monthA !== monthB) return `${monthA} ${dayA}–${monthB} ${dayB}`;
  return dayA === dayB ? `${monthA} ${dayA}` : `${monthA} ${dayA}–${dayB}`;
}
