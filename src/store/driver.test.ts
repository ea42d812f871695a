import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../../test/support/store-fixtures.js';
import { runChild } from '../../test/support/store-processes.js';
import { loadDriver, sqliteCode, type SqlDatabase } from './driver.js';

afterEach(removeTempDirs);

function database(): SqlDatabase {
  const driver = loadDriver();
  if (driver.open === null) throw new Error(driver.reason);
  return driver.open(join(tempDir(), 'd.sqlite'));
}

describe('the driver adapter', () => {
  it('runs, gets, lists and iterates', () => {
    const db = database();
    db.exec('CREATE TABLE t (a INTEGER, b TEXT, c REAL, d BLOB)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)');
    expect(insert.run(1, 'one', 0.5, null)).toEqual({ changes: 1 });
    expect(insert.run(2, 'two', null, null)).toEqual({ changes: 1 });
    expect(db.prepare('UPDATE t SET c = 1.5').run()).toEqual({ changes: 2 });
    const select = db.prepare('SELECT a, b, c FROM t WHERE a >= ? ORDER BY a');
    expect({ ...select.get(2) }).toEqual({ a: 2, b: 'two', c: 1.5 });
    expect(select.get(3)).toBeUndefined();
    expect(select.all(0).map((row) => ({ ...row }))).toEqual([{ a: 1, b: 'one', c: 1.5 }, { a: 2, b: 'two', c: 1.5 }]);
    expect([...select.iterate(0)].map((row) => row.b)).toEqual(['one', 'two']);
    db.close();
    expect(() => db.exec('SELECT 1')).toThrow();
  });

  it('lists rows as arrays in the columns\' order, and the statement keeps its objects after', () => {
    const db = database();
    db.exec("CREATE TABLE t (a INTEGER, b TEXT, c REAL); INSERT INTO t VALUES (1, 'one', 0.5), (2, 'two', NULL)");
    const select = db.prepare('SELECT c, a, b AS name FROM t WHERE a >= ? ORDER BY a');
    expect(select.rows(0)).toEqual([[0.5, 1, 'one'], [null, 2, 'two']]);
    expect({ ...select.get(2) }).toEqual({ c: null, a: 2, name: 'two' });
    db.close();
  });

  it('lists rows as arrays where node:sqlite has no setReturnArrays (Node before 22.16)', () => {
    const { StatementSync } = createRequire(import.meta.url)('node:sqlite') as { StatementSync: { prototype: Record<string, unknown> } };
    const own = StatementSync.prototype.setReturnArrays;
    delete StatementSync.prototype.setReturnArrays;
    try {
      const db = database();
      db.exec("CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'one'), (2, 'two')");
      expect(db.prepare('SELECT b, a FROM t ORDER BY a DESC').rows()).toEqual([['two', 2], ['one', 1]]);
      db.close();
    } finally {
      StatementSync.prototype.setReturnArrays = own;
    }
  });

  it('names primary result codes from node:sqlite errors and extended code names', () => {
    expect(sqliteCode({ code: 'ERR_SQLITE_ERROR', errcode: 26, errstr: 'file is not a database' })).toBe('SQLITE_NOTADB');
    expect(sqliteCode({ code: 'ERR_SQLITE_ERROR', errcode: 13 | (1 << 8) })).toBe('SQLITE_FULL');
    expect(sqliteCode({ code: 'SQLITE_IOERR_WRITE' })).toBe('SQLITE_IOERR');
    expect(sqliteCode({ code: 'SQLITE_CORRUPT' })).toBe('SQLITE_CORRUPT');
    expect(sqliteCode({ code: 'ENOENT' })).toBeNull();
    expect(sqliteCode('text')).toBeNull();
  });

  it('loads node:sqlite without its ExperimentalWarning, passing others through', async () => {
    expect(await runChild(['warnings'])).toEqual({
      loaded: true,
      seen: ['ExperimentalWarning: another feature'],
      stderr: expect.stringMatching(/^\(node:\d+\) ExperimentalWarning: another feature\n/),
    });
  });
});
