import { describe, expect, it } from 'vitest';
import { SESSION_DETAIL_MS } from './session-book.js';
import { sessionSummary } from './sessions.js';
import { DAY, HOUR, MINUTE } from './time.js';
import { ingestOf, type EventOverrides } from '../../test/support/test-events.js';

const T = Date.UTC(2026, 10, 24, 12, 0, 0);

describe('SessionBook: per-minute detail for the last two days only', () => {
  it('drops the minutes older than two days before the newest response, keeps the totals and the order of the rest', () => {
    const { store } = ingestOf([
      { timestamp: T, sessionId: 'old' },
      { timestamp: T + 2 * DAY + 5 * MINUTE, sessionId: 'both' },
      { timestamp: T + 3 * HOUR, sessionId: 'both' },
      { timestamp: T + 2 * DAY + MINUTE, sessionId: 'both' },
      { timestamp: T + 2 * DAY + 2 * HOUR, sessionId: 'new' },
    ]);
    const cutoff = T + 2 * DAY + 2 * HOUR - SESSION_DETAIL_MS;
    expect(cutoff).toBe(T + 2 * HOUR);
    expect([...store.sessions.get('old')!.minutes.keys()]).toEqual([]);
    expect(store.sessions.get('old')!.tokens.total).toBe(110);
    expect([...store.sessions.get('both')!.minutes.keys()]).toEqual([T + 2 * DAY + 5 * MINUTE, T + 3 * HOUR, T + 2 * DAY + MINUTE]);
    expect(store.sessions.get('both')!.tokens.total).toBe(330);
    expect([...store.sessions.get('new')!.minutes.keys()]).toEqual([T + 2 * DAY + 2 * HOUR]);
  });

  it('never gives a minute older than the detail window an entry (newest first, as the backfill reads)', () => {
    const { store } = ingestOf([
      { timestamp: T + 3 * DAY, sessionId: 's' },
      { timestamp: T, sessionId: 's' },
      { timestamp: T + DAY + MINUTE, sessionId: 's' },
    ]);
    expect([...store.sessions.get('s')!.minutes.keys()]).toEqual([T + 3 * DAY, T + DAY + MINUTE]);
  });

  it('leaves the window share and the burn rate of the sessions as they were', () => {
    const now = T + 10 * DAY;
    const recent: EventOverrides[] = [0, 1, 3, 4, 9].map((m, i) => ({ timestamp: now - m * MINUTE, sessionId: 'live', key: `r${i}`, tokens: { input: 1_000 * (i + 1), output: 7 } }));
    const history: EventOverrides[] = Array.from({ length: 200 }, (_, i) => ({ timestamp: T + i * HOUR, sessionId: 'live', key: `h${i}` }));
    const input = { now, until: now, burnWindowMinutes: 10, windowStart: now - 2 * HOUR, spiking: new Set<string>() };
    const pick = ({ windowTokens, windowCostUSD, tokensPerMinute, costPerHour }: ReturnType<typeof sessionSummary>) => ({ windowTokens, windowCostUSD, tokensPerMinute, costPerHour });
    const withHistory = sessionSummary(ingestOf([...recent, ...history]).store.sessions.get('live')!, input);
    const recentOnly = sessionSummary(ingestOf(recent).store.sessions.get('live')!, input);
    expect(pick(withHistory)).toEqual(pick(recentOnly));
    expect(withHistory.tokensPerMinute).toBe(1_503.5);
  });
});
