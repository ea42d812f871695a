import { describe, expect, it } from 'vitest';
import { detectLimitHit } from './limit-hit.js';

const FILE = '/logs/s.jsonl';

function apiError(text: string, timestamp: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'assistant',
    timestamp,
    sessionId: 'sess',
    message: { model: '<synthetic>', content: [{ type: 'text', text }] },
    isApiErrorMessage: true,
    ...extra,
  };
}

const rateLimit = (text: string, timestamp: string) =>
  apiError(text, timestamp, { error: 'rate_limit', apiErrorStatus: 429 });

describe('detectLimitHit', () => {
  it('reads a session limit with a clock time in the named zone', () => {
    const text = "You've hit your session limit · resets 9:50pm (Asia/Saigon)";
    expect(detectLimitHit(rateLimit(text, '2026-11-20T13:10:00.000Z'), FILE, 'Europe/London')).toEqual({
      timestamp: Date.UTC(2026, 10, 20, 13, 10),
      kind: 'five_hour',
      // 13:10Z is 20:10 in Saigon (UTC+7); 21:50 local is 14:50Z the same day.
      resetsAt: Date.UTC(2026, 10, 20, 14, 50),
      text,
      sessionId: 'sess',
      file: FILE,
    });
  });

  it('takes the next day when the clock time is not strictly after the message', () => {
    const text = "You've hit your session limit · resets 21:50 (Asia/Saigon)";
    const hit = detectLimitHit(rateLimit(text, '2026-11-20T14:50:00.000Z'), FILE, 'UTC');
    expect(hit?.resetsAt).toBe(Date.UTC(2026, 10, 21, 14, 50));
  });

  it('reads the legacy text with unix seconds', () => {
    const record = {
      type: 'assistant',
      timestamp: '2025-02-01T12:00:00.000Z',
      message: { content: [{ type: 'text', text: 'Claude AI usage limit reached|1738425600' }] },
    };
    const hit = detectLimitHit(record, FILE, 'UTC');
    expect(hit?.resetsAt).toBe(1738425600 * 1000);
    expect(hit?.kind).toBe('unknown');
    expect(hit?.sessionId).toBe('');
  });

  it('reads "5-hour limit reached ∙ resets 3pm" in the given zone across a DST change', () => {
    // 06:00Z on 2025-03-09 is 01:00 EST; clocks go to EDT at 02:00, so 3pm is 19:00Z, not 20:00Z.
    const record = apiError('5-hour limit reached ∙ resets 3pm', '2025-03-09T06:00:00.000Z');
    const hit = detectLimitHit(record, FILE, 'America/New_York');
    expect(hit?.kind).toBe('five_hour');
    expect(hit?.resetsAt).toBe(Date.UTC(2025, 2, 9, 19, 0));
  });

  it('reads a weekly limit with a weekday, across the end of DST', () => {
    // Fri 2026-10-23 (CEST, UTC+2); Berlin goes to CET on Sun 10-25, so Mon 9am is 08:00Z.
    const text = "You've hit your weekly limit · resets Mon 9am (Europe/Berlin)";
    const hit = detectLimitHit(rateLimit(text, '2026-10-23T12:00:00.000Z'), FILE, 'UTC');
    expect(hit?.kind).toBe('weekly');
    expect(hit?.resetsAt).toBe(Date.UTC(2026, 9, 26, 8, 0));
  });

  it('reads an Opus weekly limit; with no zone in the text it uses the timeZone argument', () => {
    // Mon 2026-01-05 10:00Z; the next Thursday 5pm UTC is 2026-01-08.
    const text = "You've hit your Opus weekly limit · resets Thu 5pm";
    const hit = detectLimitHit(rateLimit(text, '2026-01-05T10:00:00.000Z'), FILE, 'UTC');
    expect(hit?.kind).toBe('weekly');
    expect(hit?.resetsAt).toBe(Date.UTC(2026, 0, 8, 17, 0));
  });

  it('handles 12am and 12pm', () => {
    const midnight = detectLimitHit(rateLimit('limit reached · resets 12am', '2026-01-05T10:00:00Z'), FILE, 'UTC');
    const noon = detectLimitHit(rateLimit('limit reached · resets 12pm', '2026-01-05T10:00:00Z'), FILE, 'UTC');
    expect(midnight?.resetsAt).toBe(Date.UTC(2026, 0, 6, 0, 0));
    expect(noon?.resetsAt).toBe(Date.UTC(2026, 0, 5, 12, 0));
  });

  it('falls back to the timeZone argument when the named zone is not IANA', () => {
    const hit = detectLimitHit(rateLimit('session limit · resets 3pm (Mars/Olympus)', '2026-01-05T10:00:00Z'), FILE, 'UTC');
    expect(hit?.resetsAt).toBe(Date.UTC(2026, 0, 5, 15, 0));
  });

  it('detects limit text on an API error without the error field; resetsAt null when no time', () => {
    const hit = detectLimitHit(apiError('Usage limit reached for this organization', '2026-01-05T10:00:00Z'), FILE, 'UTC');
    expect(hit?.kind).toBe('unknown');
    expect(hit?.resetsAt).toBeNull();
  });

  it('shortens the text to 200 characters', () => {
    const hit = detectLimitHit(rateLimit(`session limit ${'x'.repeat(500)}`, '2026-01-05T10:00:00Z'), FILE, 'UTC');
    expect(hit?.text).toHaveLength(200);
  });

  it.each([
    ['server_error', 'API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}'],
    ['overloaded', 'API Error: 529 Overloaded'],
    ['authentication_failed', 'Invalid API key · Please run /login'],
  ])('is null for other API errors (%s)', (error, text) => {
    expect(detectLimitHit(apiError(text, '2026-01-05T10:00:00Z', { error }), FILE, 'UTC')).toBeNull();
  });

  it('is null for ordinary records and non-objects', () => {
    expect(detectLimitHit({ type: 'assistant', message: { content: 'we hit your limit, no' } }, FILE, 'UTC')).toBeNull();
    expect(detectLimitHit('rate_limit', FILE, 'UTC')).toBeNull();
    expect(detectLimitHit(null, FILE, 'UTC')).toBeNull();
  });

  it('is null when the message has no readable timestamp', () => {
    expect(detectLimitHit(rateLimit('session limit', 'not a date'), FILE, 'UTC')).toBeNull();
  });
});
