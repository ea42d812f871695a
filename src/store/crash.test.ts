import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../../test/support/store-fixtures.js';
import { startChild } from '../../test/support/store-processes.js';
import { openNodeSqlite } from './driver-node.js';
import { openStore } from './open.js';

afterEach(removeTempDirs);

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('kill -9 while writing', () => {
  it('leaves every stored position covering exactly the rows stored with it', async () => {
    const path = join(tempDir(), 'history.sqlite');
    const writer = startChild(['write', path, 'laptop', '60000', '20']);
    const failed = writer.result.then(() => 'finished', () => 'killed');
    const watcher = openStore({ path });
    await until(() => (watcher.store?.info()?.responses ?? 0) > 2000 || watcher.store === null);
    writer.process.kill('SIGKILL');
    expect(await failed).toBe('killed');
    watcher.store!.close();

    const { store, notices } = openStore({ path });
    expect(notices).toEqual([]);
    const rows = store!.info()!.responses;
    expect(rows).toBeGreaterThan(2000);
    expect(rows).toBeLessThan(60_000);
    expect(store!.positions().map((p) => p.offset)).toEqual([rows]);
    const db = openNodeSqlite()(path);
    expect({ ...db.prepare('PRAGMA integrity_check').get() }).toEqual({ integrity_check: 'ok' });
    db.close();
  });
});
