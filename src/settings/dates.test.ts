import { describe, expect, it } from 'vitest';
import { dayIn, notAfterToday, parseDay, parseInstant } from './dates.js';
import { parseFlags, resolveOptions } from './options.js';

const NOW = Date.UTC(2026, 1, 28, 23, 30);
const resolve = (argv: string[], zone = 'UTC') => resolveOptions(parseFlags(argv), {}, { HOME: '/h' }, zone, () => NOW);

describe('--since and --now', () => {
  it('takes real days only, dashed or compact', () => {
    expect(parseDay('2024-02-29', '--since')).toBe('2024-02-29');
    expect(parseDay('20261001', '--since')).toBe('2026-10-01');
    for (const bad of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-1001', 'yesterday', '2026-2-3']) {
      expect(() => parseDay(bad, '--since')).toThrow(`--since: bad value "${bad}" (expected a calendar day as YYYY-MM-DD)`);
    }
  });

  it('refuses a --since after today in the zone, by the --now clock when given', () => {
    expect(resolve(['--since', '2026-02-28']).since).toBe('2026-02-28');
    expect(() => resolve(['--since', '2026-03-01'])).toThrow('--since: bad value "2026-03-01" (after today, 2026-02-28 in UTC)');
    // 23:30 UTC is already March 1st in Berlin.
    expect(resolve(['--since', '2026-03-01'], 'Europe/Berlin').since).toBe('2026-03-01');
    expect(resolve(['--since', '2026-03-01', '--tz', 'Asia/Tokyo']).since).toBe('2026-03-01');
    expect(() => resolve(['--since', '2026-11-26', '--now', '2026-11-25T12:00:00Z'])).toThrow(
      '--since: bad value "2026-11-26" (after today, 2026-11-25 in UTC)',
    );
    expect(resolve(['--since', '2026-11-25', '--now', '2026-11-25T12:00:00Z']).since).toBe('2026-11-25');
  });

  it('takes ISO-8601 instants with an offset', () => {
    expect(parseInstant('2026-11-25T10:00:00Z', '--now')).toBe(Date.UTC(2026, 10, 25, 10));
    expect(parseInstant('2026-11-25T10:00Z', '--now')).toBe(Date.UTC(2026, 10, 25, 10));
    expect(parseInstant('2026-11-25T10:00:00.25+01:00', '--now')).toBe(Date.UTC(2026, 10, 25, 9, 0, 0, 250));
    expect(parseInstant('2026-11-25t10:00:00-0530', '--now')).toBe(Date.UTC(2026, 10, 25, 15, 30));
    for (const bad of ['2026', 'Nov 25 2026', '2026-11-25', '2026-02-30T10:00:00Z', '2026-11-25T24:00:00Z', '2026-11-25T10:00:00', '2026-11-25T10:00:00+25:00']) {
      expect(() => parseInstant(bad, '--now')).toThrow(`--now: bad value "${bad}" (expected an ISO-8601 instant such as 2026-11-25T10:00:00Z)`);
    }
  });

  it('finds the day of an instant in a zone', () => {
    expect(dayIn('UTC', NOW)).toBe('2026-02-28');
    expect(dayIn('Pacific/Kiritimati', NOW)).toBe('2026-03-01');
    expect(() => notAfterToday('2026-03-01', '--before', 'America/New_York', NOW)).toThrow('--before: bad value "2026-03-01" (after today, 2026-02-28 in America/New_York)');
  });
});
