import { describe, expect, it } from 'vitest';
import type { SessionSummary } from './session-types.js';
import { orderSessions, orderSpikes, sessionSummary } from './sessions.js';
import { ingestOf, OPUS, SONNET } from '../../test/support/test-events.js';

const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 10, 24, hh, mm, ss);
const NOW = at(12, 0, 30);

// s1: Sonnet 10:30 (100 in + 10 out: $0.00045), Opus 11:55 (1,000 in: $0.005), Sonnet 12:00 (1,000 out: $0.015)
const store = ingestOf([
  { timestamp: at(10, 30), sessionId: 's1', model: SONNET, tokens: { input: 100, output: 10 }, cwd: '/old/place' },
  { timestamp: at(11, 55), sessionId: 's1', model: OPUS, tokens: { input: 1_000 } },
  { timestamp: at(12, 0, 10), sessionId: 's1', model: SONNET, tokens: { output: 1_000 }, cwd: '/home/me/src/cctop' }, // the latest cwd names the project
  { timestamp: at(11, 30, 30), sessionId: 's2', tokens: { input: 1 } },
  { timestamp: at(11, 30, 29), sessionId: 's3', tokens: { input: 1 } },
]).store;
const input = { now: NOW, until: NOW, burnWindowMinutes: 10, windowStart: at(11, 0), spiking: new Set<string>() };

describe('sessionSummary', () => {
  it('totals, window share from the block start, rate over the burn window', () => {
    const s = sessionSummary(store.sessions.get('s1')!, input);
    expect(s).toMatchObject({ sessionId: 's1', project: 'src/cctop', firstSeen: at(10, 30), lastSeen: at(12, 0, 10), active: true, spiking: false });
    expect(s.tokens.total).toBe(2_110);
    // 0.00045 + 0.005 + 0.015
    expect(s.costUSD).toBeCloseTo(0.02045, 12);
    // window from 11:00: 1,000 + 1,000 tokens, $0.02
    expect(s.windowTokens).toBe(2_000);
    expect(s.windowCostUSD).toBeCloseTo(0.02, 12);
    // burn window 11:51–12:00: 2,000 tokens / 10 = 200/min; $0.02 / 10 × 60 = $0.12/h
    expect(s.tokensPerMinute).toBe(200);
    expect(s.costPerHour).toBeCloseTo(0.12, 12);
    // Main model by tokens: Sonnet 1,110 vs Opus 1,000
    expect(s.model).toBe(SONNET);
  });

  it('active means activity in the last 30 minutes (inclusive)', () => {
    expect(sessionSummary(store.sessions.get('s2')!, input).active).toBe(true); // exactly 30 min
    expect(sessionSummary(store.sessions.get('s3')!, input).active).toBe(false); // 30 min 1 s
  });

  it('no active block: window totals are 0; spiking comes from the set', () => {
    const s = sessionSummary(store.sessions.get('s1')!, { ...input, windowStart: null, spiking: new Set(['s1']) });
    expect(s).toMatchObject({ windowTokens: 0, windowCostUSD: 0, spiking: true });
  });
});

describe('orderSessions', () => {
  it('spiking first, then most recent activity', () => {
    const list = [
      { sessionId: 'a', spiking: false, lastSeen: 3 }, { sessionId: 'b', spiking: true, lastSeen: 1 }, { sessionId: 'c', spiking: false, lastSeen: 5 },
    ] as SessionSummary[];
    expect(orderSessions(list).map((s) => s.sessionId)).toEqual(['b', 'c', 'a']);
  });

  it('the same order whatever order the sessions came in: ties by id', () => {
    const at = (id: string) => ({ sessionId: id, spiking: false, lastSeen: 7 }) as SessionSummary;
    expect(orderSessions(['c', 'a', 'b'].map(at)).map((s) => s.sessionId)).toEqual(['a', 'b', 'c']);
    expect(orderSessions(['b', 'c', 'a'].map(at)).map((s) => s.sessionId)).toEqual(['a', 'b', 'c']);
  });
});

describe('orderSpikes', () => {
  it('the heaviest first, ties by id, whatever order they came in', () => {
    const spike = (sessionId: string, tokensPerMinute: number) => ({ sessionId, tokensPerMinute });
    const want = ['d', 'a', 'c', 'b'];
    expect(orderSpikes([spike('a', 5), spike('b', 1), spike('c', 5), spike('d', 9)]).map((s) => s.sessionId)).toEqual(want);
    expect(orderSpikes([spike('c', 5), spike('d', 9), spike('b', 1), spike('a', 5)]).map((s) => s.sessionId)).toEqual(want);
  });
});
