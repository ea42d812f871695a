import { afterEach, describe, expect, it } from 'vitest';
import type { LimitHit } from '../logs/events.js';
import { historyEvents, openTestStore, position, removeTempDirs, storeEvent, T0 } from '../../test/support/store-fixtures.js';

afterEach(removeTempDirs);

const DAY = 86_400_000;

function hit(overrides: Partial<LimitHit> = {}): LimitHit {
  const text = '5-hour limit reached ∙ resets 11am';
  return { timestamp: T0, kind: 'five_hour', resetsAt: T0 + 3_600_000, text, sessionId: 'session-a', file: '/logs/a.jsonl', ...overrides };
}

describe('response', () => {
  it('gives the stored response of a key as its copies folded, with its first copy\'s names and its row id; null for a key not stored', () => {
    const store = openTestStore();
    store.upsert([storeEvent({ key: 'other', sessionId: 'session-b', model: 'claude-opus-4-5' })], 'laptop');
    const first = storeEvent({ key: 'msg_1:req_1', speed: 'fast', inferenceGeo: 'us', costUSD: 0.5, tokens: { input: 100, output: 10, cacheRead: 7 } });
    store.upsert([first], 'devbox');
    store.upsert([storeEvent({ key: 'msg_1:req_1', sessionId: 'resumed', file: '/logs/b.jsonl', tokens: { input: 90, output: 400 } })], 'local');
    expect(store.response('msg_1:req_1')).toEqual({ ...first, machine: 'devbox', tokens: { ...first.tokens, output: 400 }, id: 2 });
    expect(store.response('msg_2:req_2')).toBeNull();
    expect(store.lastResponseId()).toBe(2);
  });
});

describe('forEachResponse', () => {
  it('yields the responses in [from, to] by time, across pages, each once', () => {
    const store = openTestStore();
    // 10,000 responses (pages of 4096), two per millisecond, stored newest first: pages split equal times.
    const events = historyEvents(10_000).map((e, i) => ({ ...e, timestamp: T0 + Math.floor(i / 2) }));
    store.upsert([...events].reverse(), 'local');
    const seen: number[] = [];
    expect(store.forEachResponse(T0 + 100, T0 + 4399, (r) => seen.push(r.timestamp))).toBe(8600);
    expect(seen[0]).toBe(T0 + 100);
    expect(seen[seen.length - 1]).toBe(T0 + 4399);
    expect(seen.every((t, i) => i === 0 || t >= seen[i - 1]!)).toBe(true);
    const keys = new Set<string>();
    store.forEachResponse(0, Number.MAX_SAFE_INTEGER, (r) => keys.add(r.key));
    expect(keys.size).toBe(10_000);
  });

  it('lets the callback write to the store, and names strings added meanwhile', () => {
    const store = openTestStore();
    store.upsert(historyEvents(5000), 'local'); // more than one page
    let count = 0;
    const sessions = new Set<string>();
    store.forEachResponse(0, Number.MAX_SAFE_INTEGER, (r) => {
      sessions.add(r.sessionId);
      if (count++ === 10) store.upsert([storeEvent({ key: 'late', timestamp: T0 + 10 * DAY, sessionId: 'late-session' })], 'other');
    });
    expect(count).toBe(5001);
    expect(sessions.has('late-session')).toBe(true);
    expect(store.takeNotices()).toEqual([]);
  });
});

describe('limit hits', () => {
  it('are stored once per (time, text) and read from a time on', () => {
    const store = openTestStore();
    const a = hit();
    const b = hit({ timestamp: T0 + DAY, kind: 'weekly', resetsAt: null, text: 'weekly limit reached' });
    store.commit({ hits: [a, b, a] });
    store.commit({ hits: [{ ...a, file: '/logs/copy.jsonl' }, hit({ text: 'other text' })] });
    expect(store.limitHits(0)).toEqual([a, hit({ text: 'other text' }), b]);
    expect(store.limitHits(T0 + 1)).toEqual([b]);
  });
});

describe('info and prune', () => {
  it('info counts rows, files and machines and spans UTC days', () => {
    const store = openTestStore();
    store.commit({ events: [storeEvent({ key: 'a', timestamp: Date.UTC(2025, 11, 31, 23, 59) })], positions: [position()], machine: 'laptop' });
    store.commit({ events: [storeEvent({ key: 'b', timestamp: Date.UTC(2026, 0, 2, 0, 1) }), storeEvent({ key: 'c' })], machine: 'devbox' });
    const info = store.info()!;
    expect(info).toEqual({
      path: store.path,
      sqliteVersion: expect.stringMatching(/^3\.\d+\.\d+$/),
      sizeBytes: info.sizeBytes,
      responses: 3,
      files: 1,
      firstDay: '2025-12-31',
      lastDay: '2026-01-15',
      machines: [{ machine: 'devbox', responses: 2 }, { machine: 'laptop', responses: 1 }],
      images: { count: 0, bytes: 0, cut: null },
    });
    expect(info.sizeBytes).toBeGreaterThan(4096);
  });

  it('info of an empty store', () => {
    const store = openTestStore();
    expect(store.info()).toMatchObject({ responses: 0, files: 0, firstDay: null, lastDay: null, machines: [] });
  });

  it('prune deletes the responses and limit hits before a time and says how many responses', () => {
    const store = openTestStore();
    store.commit({ events: historyEvents(10), hits: [hit({ timestamp: T0 - 1 }), hit({ timestamp: T0 + 150_000 })] });
    expect(store.prune(T0 + 150_000)).toBe(5);
    expect([...store.exportRows()].map((r) => r.timestamp - T0)).toEqual([150_000, 180_000, 210_000, 240_000, 270_000]);
    expect(store.limitHits(0).map((h) => h.timestamp)).toEqual([T0 + 150_000]);
    expect(store.prune(T0)).toBe(0);
  });
});
