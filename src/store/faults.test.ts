import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyEvents, openTestStore, position, removeTempDirs, storeEvent, tempDir } from '../../test/support/store-fixtures.js';
import { permissionsBinding, runChild } from '../../test/support/store-processes.js';
import { openStore } from './open.js';

afterEach(removeTempDirs);

/** How the child runs so that a read-only folder binds it (as root: without CAP_DAC_OVERRIDE), or why it cannot. */
const binding = permissionsBinding();
const readOnlyChild = (args: string[], skip: (note: string) => never) =>
  'missing' in binding ? skip(binding.missing) : runChild(args, binding.prefix);

/** A folder the child process cannot write (mode 0555). */
function readOnlyFolder(withStore: boolean): string {
  const dir = join(tempDir(), 'store');
  mkdirSync(dir);
  const path = join(dir, 'history.sqlite');
  if (withStore) {
    const { store } = openStore({ path });
    store!.upsert([storeEvent()], 'local');
    store!.close();
  }
  chmodSync(dir, 0o555);
  return path;
}

describe('a store that cannot be written', () => {
  it('in a read-only folder, is off with a notice', async (ctx) => {
    const path = readOnlyFolder(false);
    expect(await readOnlyChild(['open', path], ctx.skip)).toEqual({
      opened: false,
      committed: null,
      notices: [`history store off: EACCES: permission denied, open '${path}'; running in memory`],
      stderr: '',
    });
  });

  it('already there in a folder made read-only, is off with a notice and left as it was', async (ctx) => {
    const path = readOnlyFolder(true);
    expect(await readOnlyChild(['open', path], ctx.skip)).toEqual({
      opened: false,
      committed: null,
      notices: ['history store off: attempt to write a readonly database; running in memory'],
      stderr: '',
    });
    chmodSync(join(path, '..'), 0o755);
    expect(openStore({ path }).store!.info()?.responses).toBe(1);
  });

  it('that fills up (a full disk), refuses later writes with one notice and keeps serving reads', () => {
    const store = openTestStore({ maxBytes: 160 * 1024 });
    expect(store.commit({ events: [storeEvent()], positions: [position()], machine: 'local' })).toBe(true);
    expect(store.upsert(historyEvents(5000), 'local')).toBe(false);
    expect(store.writable).toBe(false);
    expect(store.upsert([storeEvent({ key: 'small' })], 'local')).toBe(false);
    expect(store.savePositions([position({ offset: 1 })])).toBe(false);
    expect(store.prune(Number.MAX_SAFE_INTEGER)).toBe(0);
    expect(store.takeNotices()).toEqual(['history store: saving failed (database or disk is full); running in memory from now on']);
    expect(store.takeNotices()).toEqual([]);
    expect([...store.exportRows()].map((r) => r.key)).toEqual(['msg_01A:req_01A']);
    expect(store.positions()).toEqual([position()]);
  });

  it('once closed, answers softly', () => {
    const store = openTestStore();
    store.close();
    expect(store.upsert([storeEvent()], 'local')).toBe(false);
    expect(store.positions()).toEqual([]);
    expect(store.info()).toBeNull();
    expect(store.forEachResponse(0, Date.now(), () => {})).toBe(0);
    expect(store.takeNotices()).toHaveLength(1);
  });
});

describe('the driver', () => {
  it('is node:sqlite, with SQLite 3', () => {
    const store = openTestStore();
    expect(store.info()?.sqliteVersion).toMatch(/^3\.\d+\.\d+$/);
  });
});
