import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, removeTempDirs, storeEvent, T0, tokens } from '../../test/support/store-fixtures.js';
import { openNodeSqlite } from './driver-node.js';
import type { HistoryStore } from './history.js';
import type { StoredResponse } from './types.js';

afterEach(removeTempDirs);

function all(store: HistoryStore): StoredResponse[] {
  return [...store.exportRows()];
}

describe('upsert', () => {
  it('keeps the largest value of each token field across batches, and the first copy metadata', () => {
    const store = openTestStore();
    const first = storeEvent({ tokens: { input: 5, output: 1, cacheCreation: 300, cacheCreation5m: 300, cacheRead: 90 } });
    const later = storeEvent({
      timestamp: T0 + 4000,
      sessionId: 'session-b',
      cwd: '/elsewhere',
      model: 'claude-opus-4-5-20251101',
      file: '/logs/copy.jsonl',
      isSidechain: true,
      speed: 'fast',
      inferenceGeo: 'us',
      tokens: { input: 3, output: 412, cacheCreation: 200, cacheCreation1h: 200, cacheRead: 90, webSearchRequests: 2 },
    });
    expect(store.upsert([first], 'laptop')).toBe(true);
    expect(store.upsert([later], 'devbox')).toBe(true);
    expect(all(store)).toEqual([
      {
        ...first,
        machine: 'laptop',
        tokens: { input: 5, output: 412, cacheCreation: 300, cacheCreation5m: 300, cacheCreation1h: 200, cacheRead: 90, webSearchRequests: 2 },
      },
    ]);
    expect(store.takeNotices()).toEqual([]);
  });

  it('folds the copies within one batch the same way', () => {
    const store = openTestStore();
    const copies = [1, 150, 40].map((output, i) => storeEvent({ timestamp: T0 + i, tokens: { input: 10, output } }));
    store.upsert(copies, 'local');
    store.upsert(copies, 'local');
    const rows = all(store);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.timestamp).toBe(T0);
    expect(rows[0]!.tokens).toEqual(tokens({ input: 10, output: 150 }));
  });

  it('keeps the largest legacy costUSD, and a cost that arrives with a later copy', () => {
    const store = openTestStore();
    store.upsert([storeEvent({ key: 'a', costUSD: null }), storeEvent({ key: 'b', costUSD: 0.25 })], 'local');
    store.upsert([storeEvent({ key: 'a', costUSD: 0.5 }), storeEvent({ key: 'b', costUSD: 0.125 })], 'local');
    store.upsert([storeEvent({ key: 'a', costUSD: null }), storeEvent({ key: 'b', costUSD: null })], 'local');
    expect(all(store).map((r) => [r.key, r.costUSD])).toEqual([['a', 0.5], ['b', 0.25]]);
  });

  it('counts lines without ids once each, keyed by file and line offset', () => {
    const store = openTestStore();
    const file = '/logs/old.jsonl';
    const lines = [0, 812, 1650].map((offset) => storeEvent({ key: `${file}:${offset}`, file, tokens: { input: 7 } }));
    store.upsert(lines, 'local');
    store.upsert(lines.slice(1), 'local');
    expect(all(store).map((r) => r.key)).toEqual(['/logs/old.jsonl:0', '/logs/old.jsonl:812', '/logs/old.jsonl:1650']);
    expect(all(store).reduce((sum, r) => sum + r.tokens.input, 0)).toBe(21);
  });

  it('stores every field as given, strings interned once', () => {
    const store = openTestStore();
    const events = ['s1', 's2', 's1'].map((sessionId, i) =>
      storeEvent({
        key: `k${i}`, timestamp: T0 + i * 1000, sessionId, isSidechain: i === 1, speed: i === 2 ? 'fast' : 'standard',
        inferenceGeo: i === 2 ? 'us' : null, costUSD: i === 1 ? 0.1 + 0.2 : null,
      }),
    );
    store.upsert(events, 'local');
    expect(all(store)).toEqual(events.map((e) => ({ ...e, machine: 'local' })));
  });

  it('never merges two keys that share a hash: the later one is dropped', () => {
    const store = openTestStore();
    store.upsert([storeEvent({ key: 'first', tokens: { input: 1 } })], 'local');
    const db = openNodeSqlite()(store.path);
    db.exec("UPDATE responses SET key = 'other'"); // now 'first' hashes to a row keyed 'other'
    db.close();
    expect(store.upsert([storeEvent({ key: 'first', tokens: { input: 50 } })], 'local')).toBe(true);
    expect(all(store).map((r) => [r.key, r.tokens.input])).toEqual([['other', 1]]);
  });
});

describe('dropIdlessRows (before a rebuild)', () => {
  it("deletes one machine's rows of id-less lines from the files that are read again, and nothing else", () => {
    const store = openTestStore();
    store.upsert([
      storeEvent({ key: 'msg_1:req_1', file: '/again.jsonl' }),
      storeEvent({ key: '/again.jsonl@1:1:1:0:0', file: '/again.jsonl' }),
      storeEvent({ key: 'ino:1:2@2:1:1:0:0', file: '/again.jsonl' }),
      storeEvent({ key: '/gone.jsonl@3:1:1:0:0', file: '/gone.jsonl' }),
    ], 'local');
    store.upsert([storeEvent({ key: '/again.jsonl@4:1:1:0:0', file: '/again.jsonl' })], 'devbox');
    expect(store.dropIdlessRows('local', (file) => file === '/again.jsonl')).toBe(2);
    expect([...store.exportRows()].map((r) => `${r.machine} ${r.key}`).sort()).toEqual([
      'devbox /again.jsonl@4:1:1:0:0', 'local /gone.jsonl@3:1:1:0:0', 'local msg_1:req_1',
    ]);
  });
});
