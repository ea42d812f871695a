import { describe, expect, it } from 'vitest';
import { Calendar } from './calendar.js';
import { canonicalTimeZone, isValidTimeZone } from './zone.js';

const HOUR = 3_600_000;
const iso = (s: string) => Date.parse(s);

describe('Calendar: day keys in the zone', () => {
  it('2026-11-24T23:30Z is the 25th in Tokyo (+9) and the 24th in UTC', () => {
    expect(new Calendar('Asia/Tokyo').dayKey(iso('2026-11-24T23:30:00Z'))).toBe('2026-11-25');
    expect(new Calendar('UTC').dayKey(iso('2026-11-24T23:30:00Z'))).toBe('2026-11-24');
  });

  it('Asia/Kathmandu (+5:45): the day turns at 18:15Z', () => {
    const cal = new Calendar('Asia/Kathmandu');
    expect(cal.dayKey(iso('2026-11-24T18:14:59.999Z'))).toBe('2026-11-24');
    expect(cal.dayKey(iso('2026-11-24T18:15:00Z'))).toBe('2026-11-25');
    // The quarter-hour cache does not leak the earlier answer into the next quarter.
    expect(cal.dayKey(iso('2026-11-24T18:00:00Z'))).toBe('2026-11-24');
    expect(cal.startOfDay(iso('2026-11-25T03:00:00Z'))).toBe(iso('2026-11-24T18:15:00Z'));
  });

  it('monthKey follows the zone', () => {
    expect(new Calendar('Asia/Tokyo').monthKey(iso('2026-11-30T16:00:00Z'))).toBe('2026-12');
    expect(new Calendar('UTC').monthKey(iso('2026-11-30T16:00:00Z'))).toBe('2026-11');
  });
});

describe('Calendar: DST in America/New_York', () => {
  const ny = new Calendar('America/New_York');

  it('2026-03-08 (spring forward) has 23 hours', () => {
    const start = ny.parseDay('2026-03-08');
    expect(start).toBe(iso('2026-03-08T05:00:00Z')); // 00:00 EST
    expect(ny.addDays(start, 1)).toBe(iso('2026-03-09T04:00:00Z')); // 00:00 EDT
    expect(ny.addDays(start, 1) - start).toBe(23 * HOUR);
    expect(ny.dayKey(iso('2026-03-09T03:59:00Z'))).toBe('2026-03-08'); // 23:59 EDT
    expect(ny.dayKey(iso('2026-03-09T04:00:00Z'))).toBe('2026-03-09');
  });

  it('2026-11-01 (fall back) has 25 hours', () => {
    const start = ny.parseDay('2026-11-01');
    expect(start).toBe(iso('2026-11-01T04:00:00Z')); // 00:00 EDT
    expect(ny.addDays(start, 1)).toBe(iso('2026-11-02T05:00:00Z')); // 00:00 EST
    expect(ny.dayKey(iso('2026-11-02T04:59:00Z'))).toBe('2026-11-01'); // 23:59 EST
    expect(ny.startOfDay(iso('2026-11-01T20:00:00Z'))).toBe(start);
  });

  it('month starts around DST and the previous month', () => {
    const now = iso('2026-11-15T12:00:00Z');
    expect(ny.startOfMonth(now)).toBe(iso('2026-11-01T04:00:00Z'));
    expect(ny.startOfNextMonth(now)).toBe(iso('2026-12-01T05:00:00Z'));
    expect(ny.startOfPreviousMonth(now)).toBe(iso('2026-10-01T04:00:00Z'));
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zones and rejects nonsense', () => {
    expect(isValidTimeZone('Asia/Kathmandu')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('canonicalTimeZone', () => {
  it("answers UTC without Intl (the statusline's zone: ICU's start-up is a quarter of its run)", () => {
    const { DateTimeFormat } = Intl;
    Intl.DateTimeFormat = function () { throw new Error('Intl.DateTimeFormat called'); } as unknown as typeof Intl.DateTimeFormat;
    try {
      expect(canonicalTimeZone('UTC')).toBe('UTC');
    } finally {
      Intl.DateTimeFormat = DateTimeFormat;
    }
  });

  it('spells a zone as the tz database does, whatever the case it was given in', () => {
    expect(['utc', 'UTC', 'Europe/berlin', 'europe/berlin', 'Asia/Kathmandu', 'asia/kathmandu', 'America/Argentina/Buenos_Aires', 'america/new_york']
      .map(canonicalTimeZone)).toEqual(['UTC', 'UTC', 'Europe/Berlin', 'Europe/Berlin', 'Asia/Kathmandu', 'Asia/Kathmandu', 'America/Argentina/Buenos_Aires', 'America/New_York']);
  });
});
