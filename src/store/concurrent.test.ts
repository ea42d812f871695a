import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyEvents, openTestStore, removeTempDirs, tempDir } from '../../test/support/store-fixtures.js';
import { runChild } from '../../test/support/store-processes.js';
import { openStore } from './open.js';

afterEach(removeTempDirs);

/** Child processes started through tsx: on a loaded 2-core machine two of them took over 20 s. */
const CHILDREN_MS = 60_000;

describe('two processes writing at once', () => {
  it('both succeed and every row and position is stored', async () => {
    const path = join(tempDir(), 'history.sqlite');
    const [a, b] = await Promise.all([
      runChild(['write', path, 'laptop', '6000', '20', 'devbox']),
      runChild(['write', path, 'devbox', '6000', '20', 'laptop']),
    ]);
    expect(a).toMatchObject({ ok: true, notices: [], stderr: '' });
    expect(b).toMatchObject({ ok: true, notices: [], stderr: '' });
    const [aStart, aEnd, bStart, bEnd] = [a.started, a.finished, b.started, b.finished] as number[];
    expect(aStart! < bEnd! && bStart! < aEnd!).toBe(true); // the writes overlapped in time
    const store = openStore({ path }).store!;
    expect(store.info()).toMatchObject({
      responses: 12000,
      files: 2,
      machines: [{ machine: 'devbox', responses: 6000 }, { machine: 'laptop', responses: 6000 }],
    });
    expect(store.positions().map((p) => [p.machine, p.path, p.offset])).toEqual([
      ['devbox', '/devbox.jsonl', 6000],
      ['laptop', '/laptop.jsonl', 6000],
    ]);
    expect(store.forEachResponse(0, Number.MAX_SAFE_INTEGER, () => {})).toBe(12000);
  }, CHILDREN_MS);

  it('a reader in this process is not blocked while another connection writes', async () => {
    const path = join(tempDir(), 'history.sqlite');
    const reader = openTestStore({ path });
    reader.upsert(historyEvents(10), 'local');
    let done = false;
    const writing = runChild(['write', path, 'devbox', '4000', '20']).finally(() => (done = true));
    const seen = new Set<number>();
    while (!done) {
      seen.add(reader.info()?.responses ?? -1);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect((await writing).ok).toBe(true);
    expect([...seen].filter((n) => n > 10 && n < 4010).length).toBeGreaterThan(0); // read mid-write
    expect(reader.takeNotices()).toEqual([]);
    expect(reader.info()?.responses).toBe(4010);
  }, CHILDREN_MS);
});
