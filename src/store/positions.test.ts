import { afterEach, describe, expect, it } from 'vitest';
import { historyEvents, openTestStore, position, removeTempDirs, storeEvent } from '../../test/support/store-fixtures.js';

afterEach(removeTempDirs);

describe('file positions', () => {
  it('round-trip every field, committed with the rows they cover', () => {
    const store = openTestStore();
    const a = position();
    const b = position({
      path: '/logs/b.jsonl', machine: 'devbox', inode: 2 ** 40 + 3, offset: 0, line: 0, mtimeMs: 1768469400000, headHash: '',
    });
    expect(store.commit({ events: [storeEvent()], positions: [a, b], machine: 'local' })).toBe(true);
    expect(store.positions()).toEqual([b, a]);
    expect(store.info()?.responses).toBe(1);
  });

  it('replace the earlier position of the same file and machine', () => {
    const store = openTestStore();
    store.savePositions([position({ offset: 10, line: 1 }), position({ machine: 'devbox', offset: 5 })]);
    store.savePositions([position({ offset: 4090, line: 40, size: 5000 })]);
    expect(store.positions().map((p) => [p.machine, p.offset, p.line, p.size])).toEqual([['devbox', 5, 17, 4096], ['local', 4090, 40, 5000]]);
  });

  it('are never saved without their rows: a failed commit stores neither', () => {
    const store = openTestStore({ maxBytes: 160 * 1024 });
    expect(store.commit({ events: [storeEvent()], positions: [position({ offset: 100 })], machine: 'local' })).toBe(true);
    const big = historyEvents(5000);
    expect(store.commit({ events: big, positions: [position({ offset: 9_000_000 })], machine: 'local' })).toBe(false);
    expect(store.takeNotices()).toEqual(['history store: saving failed (database or disk is full); running in memory from now on']);
    expect(store.positions().map((p) => p.offset)).toEqual([100]);
    expect(store.info()?.responses).toBe(1);
  });

  it('can be forgotten one by one or all at once (rebuild), keeping the rows', () => {
    const store = openTestStore();
    const b = position({ path: '/logs/b.jsonl' });
    store.commit({ events: [storeEvent()], positions: [position(), b, position({ machine: 'devbox' })] });
    expect(store.removePosition('/logs/projects/-home-me-project/session-a.jsonl', 'local')).toBe(true);
    expect(store.removePosition('/logs/none.jsonl', 'local')).toBe(false);
    expect(store.positions().map((p) => `${p.machine}:${p.path}`)).toEqual([
      'devbox:/logs/projects/-home-me-project/session-a.jsonl',
      'local:/logs/b.jsonl',
    ]);
    expect(store.clearPositions('devbox')).toBe(1);
    expect(store.clearPositions()).toBe(1);
    expect(store.positions()).toEqual([]);
    expect(store.info()?.responses).toBe(1);
    expect(store.takeNotices()).toEqual([]);
  });
});
