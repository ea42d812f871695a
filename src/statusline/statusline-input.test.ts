import { describe, expect, it } from 'vitest';
import { parseStatuslineInput, readingOf, resetTime } from './statusline-input.js';
import { officialRecordLine, parseOfficialRecord } from '../state/official-record.js';

const RESET_MS = Date.parse('2026-03-02T13:12:00Z');

describe('statusline input', () => {
  it('reads resets_at as Unix seconds, numeric strings, milliseconds or ISO-8601', () => {
    expect(resetTime(1772457120)).toBe(RESET_MS);
    expect(resetTime('1772457120')).toBe(RESET_MS);
    expect(resetTime(1772457120.4)).toBe(RESET_MS + 400);
    expect(resetTime(RESET_MS)).toBe(RESET_MS);
    expect(resetTime('2026-03-02T13:12:00Z')).toBe(RESET_MS);
    expect(resetTime('2026-03-02T14:12:00+01:00')).toBe(RESET_MS);
    expect(resetTime('soon')).toBeNull();
    expect(resetTime(-5)).toBeNull();
    // Past the last instant a Date holds (found by test/fuzz.test.tsx: --json threw on it).
    expect(resetTime(8.64e15)).toBe(8.64e15);
    expect(resetTime(8.64e15 + 1)).toBeNull();
    expect(resetTime('1e300')).toBeNull();
  });

  it('turns the input into a record: a window with an unreadable reset is absent', () => {
    const input = parseStatuslineInput(JSON.stringify({
      session_id: 's', model: { display_name: 'Opus 4.6' },
      rate_limits: { five_hour: { used_percentage: 10, resets_at: 'whenever' }, seven_day: { used_percentage: 3, resets_at: 1772457120 } },
    }));
    expect(input && readingOf(input, 5)).toEqual({
      at: 5, sessionId: 's', model: 'Opus 4.6', fiveHour: null, sevenDay: { usedPercent: 3, resetsAt: RESET_MS }, sessionCostUSD: null,
    });
  });

  it('keeps every other window by Claude Code\'s key (an Ultra reading: no five_hour), leaving out a malformed one', () => {
    const input = parseStatuslineInput(JSON.stringify({
      session_id: 's',
      rate_limits: {
        seven_day: { used_percentage: 41.2, resets_at: 1772457120 },
        seven_day_opus: { used_percentage: 63.5, resets_at: 1772457120 },
        seven_day_sonnet: { used_percentage: 'lots', resets_at: 1772457120 },
        'bad key!': { used_percentage: 1, resets_at: 1772457120 },
        spend_limit: { used_usd: 3, limit_usd: 50 },
      },
    }));
    const reading = input && readingOf(input, 5);
    expect(reading).toEqual({
      at: 5, sessionId: 's', model: null, fiveHour: null, sevenDay: { usedPercent: 41.2, resetsAt: RESET_MS },
      otherWindows: { seven_day_opus: { usedPercent: 63.5, resetsAt: RESET_MS } }, sessionCostUSD: null,
    });
    // The state file's line keeps it, and reads back the same.
    expect(parseOfficialRecord(officialRecordLine(reading!))).toEqual(reading);
  });

  it('rejects what is not a statusline input', () => {
    expect(parseStatuslineInput('')).toBeNull();
    expect(parseStatuslineInput('{')).toBeNull();
    expect(parseStatuslineInput('null')).toBeNull();
    expect(parseStatuslineInput('{"session_id": 5}')).toBeNull();
  });
});
