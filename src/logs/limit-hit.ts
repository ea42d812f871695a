import { TZDate } from '@date-fns/tz';
import type { LimitHit } from './events.js';
import { sanitize } from './sanitize.js';

const LEGACY_TEXT = /Claude AI usage limit reached\|(\d{9,11})/;
const LIMIT_TEXT = /limit reached|hit your .*limit|usage limit/i;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** "resets Mon 9:50pm (Asia/Saigon)", "resets 3pm", "resets 21:50". */
const RESET_CLOCK =
  /resets?\s+(?:at\s+)?(?:(sun|mon|tue|wed|thu|fri|sat)[a-z]*,?\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?(?:\s*\(([^)]+)\))?/i;
const MAX_TEXT = 200;

/** A usage-limit message in a parsed log record, or null when the record is not one. */
export function detectLimitHit(record: unknown, file: string, timeZone: string): LimitHit | null {
  if (!isObject(record)) return null;
  const text = messageText(record);
  if (!isLimitRecord(record, text)) return null;
  const timestamp = typeof record.timestamp === 'string' ? Date.parse(record.timestamp) : NaN;
  if (!Number.isFinite(timestamp)) return null;
  return {
    timestamp,
    kind: limitKind(text),
    resetsAt: resetTime(text, timestamp, timeZone),
    text: shorten(sanitize(text.trim())),
    sessionId: typeof record.sessionId === 'string' ? sanitize(record.sessionId) : '',
    file,
  };
}

function isLimitRecord(record: Record<string, unknown>, text: string): boolean {
  if (record.error === 'rate_limit') return true;
  if (LEGACY_TEXT.test(text)) return true;
  return record.isApiErrorMessage === true && LIMIT_TEXT.test(text);
}

function limitKind(text: string): LimitHit['kind'] {
  if (/weekly/i.test(text)) return 'weekly';
  if (/session limit|5-hour|five-hour|5 hour/i.test(text)) return 'five_hour';
  return 'unknown';
}

function resetTime(text: string, timestamp: number, timeZone: string): number | null {
  const legacy = LEGACY_TEXT.exec(text);
  if (legacy?.[1]) return Number(legacy[1]) * 1000;
  const clock = RESET_CLOCK.exec(text);
  if (!clock) return null;
  const hour = to24h(Number(clock[2]), clock[4]?.toLowerCase());
  const minute = clock[3] ? Number(clock[3]) : 0;
  if (hour === null || minute > 59) return null;
  const zone = clock[5] && isTimeZone(clock[5].trim()) ? clock[5].trim() : timeZone;
  const weekday = clock[1] ? WEEKDAYS.indexOf(clock[1].toLowerCase()) : null;
  return nextClockTime(timestamp, zone, hour, minute, weekday);
}

function to24h(hour: number, meridiem: string | undefined): number | null {
  if (meridiem === undefined) return hour <= 23 ? hour : null;
  if (hour < 1 || hour > 12) return null;
  return (hour % 12) + (meridiem === 'pm' ? 12 : 0);
}

/** The first local `hour:minute` (on `weekday` if given) in `zone` strictly after `after`. */
function nextClockTime(
  after: number,
  zone: string,
  hour: number,
  minute: number,
  weekday: number | null,
): number | null {
  const local = new TZDate(after, zone);
  for (let dayOffset = 0; dayOffset <= 8; dayOffset++) {
    // Calendar arithmetic on the local date; TZDate then applies the zone's offset for that day.
    const day = new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate() + dayOffset));
    if (weekday !== null && day.getUTCDay() !== weekday) continue;
    const candidate = new TZDate(
      day.getUTCFullYear(),
      day.getUTCMonth(),
      day.getUTCDate(),
      hour,
      minute,
      0,
      0,
      zone,
    ).getTime();
    if (candidate > after) return candidate;
  }
  return null;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The text of `message.content` (string or text blocks), or a top-level `content` string. */
function messageText(record: Record<string, unknown>): string {
  const message = record.message;
  const content = isObject(message) ? message.content : record.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block) => (isObject(block) && typeof block.text === 'string' ? block.text : ''))
    .filter((t) => t !== '')
    .join('\n');
}

function shorten(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
