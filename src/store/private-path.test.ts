import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, storeEvent, tempDir } from '../../test/support/store-fixtures.js';
import { openNodeSqlite } from './driver-node.js';
import { openStore } from './open.js';

afterEach(removeTempDirs);

const refused = (link: string) => ({
  store: null,
  notices: [`history store off: ${link} is a symbolic link; cctop will not follow it; running in memory`],
});

/** Another program's SQLite file, with a table of its own. */
function otherDatabase(dir: string): string {
  const path = join(dir, 'other.sqlite');
  const db = openNodeSqlite()(path);
  db.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')");
  db.close();
  chmodSync(path, 0o644);
  return path;
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the store path', () => {
  it("is refused when it is a symbolic link to another program's SQLite file, which stays as it was", () => {
    const dir = tempDir();
    const other = otherDatabase(dir);
    const bytes = readFileSync(other);
    const path = join(dir, 'history.sqlite');
    symlinkSync(other, path);
    expect(openStore({ path })).toEqual(refused(path));
    expect(readFileSync(other).equals(bytes)).toBe(true);
    expect(mode(other)).toBe(0o644);
    expect(readdirSync(dir).sort()).toEqual(['history.sqlite', 'other.sqlite']);
  });

  it('is refused when it is a link to nothing, which is not created', () => {
    const dir = tempDir();
    const path = join(dir, 'history.sqlite');
    symlinkSync(join(dir, 'elsewhere.sqlite'), path);
    expect(openStore({ path })).toEqual(refused(path));
    expect(existsSync(join(dir, 'elsewhere.sqlite'))).toBe(false);
  });

  it('is refused when a link stands where SQLite keeps its WAL', () => {
    const dir = tempDir();
    const path = join(dir, 'history.sqlite');
    writeFileSync(join(dir, 'target'), 'not a WAL');
    symlinkSync(join(dir, 'target'), `${path}-wal`);
    expect(openStore({ path })).toEqual(refused(`${path}-wal`));
    expect(readFileSync(join(dir, 'target'), 'utf8')).toBe('not a WAL');
    expect(existsSync(path)).toBe(false);
  });

  it('makes a store that others could read (0644) private (0600)', () => {
    const path = join(tempDir(), 'history.sqlite');
    openStore({ path }).store!.close();
    chmodSync(path, 0o644);
    const { store } = openStore({ path });
    store!.upsert([storeEvent()], 'local');
    expect([mode(path), mode(`${path}-wal`)]).toEqual([0o600, 0o600]);
    store!.close();
  });

  it.each(['000', '777'])('makes its folders 0700 and its files 0600 under a umask of %s', (mask) => {
    const umask = parseInt(mask, 8);
    const root = tempDir();
    const path = join(root, 'data', 'cctop', 'history.sqlite');
    mkdirSync(join(root, 'data'), 0o755);
    const before = process.umask(umask);
    const opened = (() => {
      try {
        return openStore({ path });
      } finally {
        process.umask(before);
      }
    })();
    expect(opened.notices).toEqual([]);
    opened.store!.upsert([storeEvent()], 'local');
    // The folder that was there is not ours to change.
    const modes = [join(root, 'data'), join(root, 'data', 'cctop'), path, `${path}-wal`, `${path}-shm`].map(mode);
    expect(modes).toEqual([0o755, 0o700, 0o600, 0o600, 0o600]);
    opened.store!.close();
  });
});
