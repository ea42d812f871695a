import { TZDate } from '@date-fns/tz';
import { tzOffset } from '@date-fns/tz/tzOffset';
import { format } from 'date-fns/format';
import { describe, expect, it } from 'vitest';
import { randomFrom } from '../demo/lines.js';
import { Calendar } from './calendar.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (s: string) => Date.parse(s);

/** The day key as the calendar wrote it before: date-fns formatting a TZDate. */
const reference = (time: number, zone: string) => format(new TZDate(time, zone), 'yyyy-MM-dd');

/** Zones with every kind of offset: quarter and half hours, negative DST, 30-minute DST, midnight transitions, a skipped day. */
const ZONES = [
  'UTC', 'America/New_York', 'Europe/London', 'Europe/Dublin', 'Asia/Kathmandu', 'Asia/Kolkata', 'Australia/Lord_Howe',
  'Pacific/Chatham', 'Pacific/Apia', 'Pacific/Kiritimati', 'America/St_Johns', 'Asia/Tehran', 'Africa/Casablanca',
  'America/Havana', 'Antarctica/Troll', 'America/Santiago', 'Europe/Moscow', 'Africa/Monrovia', 'Asia/Gaza', 'Pacific/Honolulu',
];

/** The instants at which `zone`'s offset changes in `[from, to)`, found by a daily scan bisected to the millisecond. */
function transitions(zone: string, from: number, to: number): number[] {
  const offset = (t: number) => tzOffset(zone, new Date(t));
  const found: number[] = [];
  for (let t = from; t < to; t += DAY) {
    if (offset(t) === offset(t + DAY)) continue;
    let lo = t;
    let hi = t + DAY;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offset(mid) === offset(t)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  return found;
}

describe('Calendar.dayKey by offset arithmetic is what date-fns formats', () => {
  it.each(ZONES)('%s: around every transition from 1970 to 2036', (zone) => {
    const cal = new Calendar(zone);
    const edges = transitions(zone, iso('1970-01-01T00:00:00Z'), iso('2036-01-01T00:00:00Z'));
    if (!['UTC', 'Pacific/Honolulu', 'Asia/Kolkata'].includes(zone)) expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) {
      for (const delta of [-HOUR, -1000, -1, 0, 1, 1000, HOUR, 12 * HOUR]) {
        expect([edge + delta, cal.dayKey(edge + delta)]).toEqual([edge + delta, reference(edge + delta, zone)]);
      }
    }
  });

  it('at 2,000 random instants per zone from 1900 to 2100, asked in random order', () => {
    const random = randomFrom(5);
    const from = iso('1900-01-01T00:00:00Z');
    const span = iso('2100-01-01T00:00:00Z') - from;
    for (const zone of ZONES) {
      const cal = new Calendar(zone);
      for (let i = 0; i < 2000; i++) {
        // Half the instants near a local midnight (where a wrong offset shows), half anywhere.
        const t = i % 2 ? from + Math.floor(random() * span) : Math.floor((from + random() * span) / DAY) * DAY + Math.floor((random() - 0.5) * 16 * HOUR);
        if (cal.dayKey(t) !== reference(t, zone)) expect([zone, new Date(t).toISOString(), cal.dayKey(t)]).toEqual([zone, new Date(t).toISOString(), reference(t, zone)]);
      }
    }
  });
});

describe('Calendar.dayKey far from now', () => {
  it('writes years before 1 and after 9999 as date-fns does', () => {
    for (const year of [-50, 0, 1, 999, 9999, 10000]) {
      const t = new Date(0).setUTCFullYear(year, 5, 15);
      for (const zone of ['UTC', 'Asia/Kathmandu']) expect(new Calendar(zone).dayKey(t)).toBe(reference(t, zone));
    }
  });
});

describe('Calendar.dayKey on DST edges', () => {
  it('America/New_York: the last millisecond of 2026-03-08 (EDT) and 2026-11-01 (EST)', () => {
    const ny = new Calendar('America/New_York');
    expect(ny.dayKey(iso('2026-03-08T06:59:59.999Z'))).toBe('2026-03-08'); // 01:59:59.999 EST
    expect(ny.dayKey(iso('2026-03-09T03:59:59.999Z'))).toBe('2026-03-08');
    expect(ny.dayKey(iso('2026-03-09T04:00:00Z'))).toBe('2026-03-09');
    expect(ny.dayKey(iso('2026-11-02T04:59:59.999Z'))).toBe('2026-11-01');
    expect(ny.dayKey(iso('2026-11-02T05:00:00Z'))).toBe('2026-11-02');
  });

  it('America/Havana springs forward at midnight: 2026-03-08 starts at 01:00 CDT (05:00Z)', () => {
    const havana = new Calendar('America/Havana');
    expect(havana.dayKey(iso('2026-03-08T04:59:59.999Z'))).toBe('2026-03-07'); // 23:59:59.999 CST
    expect(havana.dayKey(iso('2026-03-08T05:00:00Z'))).toBe('2026-03-08'); // 01:00 CDT
  });

  it('Australia/Lord_Howe moves by half an hour (+10:30 ↔ +11)', () => {
    const lh = new Calendar('Australia/Lord_Howe');
    // 2026-04-05 02:00 +11 → 01:30 +10:30 (15:00Z on the 4th); the day turns at 13:00Z before, 13:30Z after.
    expect(lh.dayKey(iso('2026-04-03T12:59:59.999Z'))).toBe('2026-04-03');
    expect(lh.dayKey(iso('2026-04-03T13:00:00Z'))).toBe('2026-04-04');
    expect(lh.dayKey(iso('2026-04-05T13:29:59.999Z'))).toBe('2026-04-05');
    expect(lh.dayKey(iso('2026-04-05T13:30:00Z'))).toBe('2026-04-06');
  });

  it('Asia/Kathmandu went from +5:30 to +5:45 in 1986; the day turns at 18:15Z since', () => {
    const ktm = new Calendar('Asia/Kathmandu');
    expect(ktm.dayKey(iso('1985-06-01T18:29:59.999Z'))).toBe('1985-06-01');
    expect(ktm.dayKey(iso('1985-06-01T18:30:00Z'))).toBe('1985-06-02');
    expect(ktm.dayKey(iso('2026-06-01T18:14:59.999Z'))).toBe('2026-06-01');
    expect(ktm.dayKey(iso('2026-06-01T18:15:00Z'))).toBe('2026-06-02');
  });

  it('Pacific/Apia skipped 2011-12-30 (from -10 to +14)', () => {
    const apia = new Calendar('Pacific/Apia');
    expect(apia.dayKey(iso('2011-12-30T09:59:59.999Z'))).toBe('2011-12-29');
    expect(apia.dayKey(iso('2011-12-30T10:00:00Z'))).toBe('2011-12-31');
    expect(apia.monthKey(iso('2011-12-30T10:00:00Z'))).toBe('2011-12');
  });

  it('Europe/London and Europe/Dublin (negative DST in the data) agree on 2026-03-29 and 2026-10-25', () => {
    for (const zone of ['Europe/London', 'Europe/Dublin']) {
      const cal = new Calendar(zone);
      expect(cal.dayKey(iso('2026-03-28T23:59:59.999Z'))).toBe('2026-03-28');
      expect(cal.dayKey(iso('2026-03-29T22:59:59.999Z'))).toBe('2026-03-29');
      expect(cal.dayKey(iso('2026-03-29T23:00:00Z'))).toBe('2026-03-30');
      expect(cal.dayKey(iso('2026-10-25T23:59:59.999Z'))).toBe('2026-10-25');
    }
  });
});
