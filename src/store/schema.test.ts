import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../../test/support/store-fixtures.js';
import { openNodeSqlite } from './driver-node.js';
import type { SqlDatabase } from './driver.js';
import { migrate, MIGRATIONS, NewerSchemaError, SCHEMA_VERSION } from './schema.js';

afterEach(removeTempDirs);

function database(): SqlDatabase {
  return openNodeSqlite()(join(tempDir(), 'h.sqlite'));
}

const version = (db: SqlDatabase) => db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()?.value;

describe('migrate', () => {
  it('applies the steps past the stored version, in order, once', () => {
    const db = database();
    const steps = ['CREATE TABLE a (x)', "INSERT INTO a VALUES ('v2')", "INSERT INTO a VALUES ('v3')"];
    expect(migrate(db, steps.slice(0, 1))).toBe(0);
    expect(migrate(db, steps)).toBe(1);
    expect(migrate(db, steps)).toBe(3);
    expect(db.prepare('SELECT x FROM a').all()).toEqual([{ x: 'v2' }, { x: 'v3' }]);
    expect(version(db)).toBe(3);
  });

  it('leaves the file as it was when a step fails', () => {
    const db = database();
    migrate(db, ['CREATE TABLE a (x)']);
    expect(() => migrate(db, ['CREATE TABLE a (x)', 'CREATE TABLE b (y)', 'NOT SQL'])).toThrow(/syntax error/);
    expect(version(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'b'").get()).toEqual({ n: 0 });
  });

  it('refuses a newer version', () => {
    const db = database();
    migrate(db, ['SELECT 1', 'SELECT 2']);
    expect(() => migrate(db, ['SELECT 1'])).toThrow(NewerSchemaError);
  });

  it('brings an empty file to the current version', () => {
    const db = database();
    expect(migrate(db)).toBe(0);
    expect(version(db)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(5);
  });

  it('spends the images of a version 4 store: no write before 5 marked them when their rows changed', () => {
    const db = database();
    migrate(db, MIGRATIONS.slice(0, 4));
    db.exec(`INSERT INTO images (history_start, prices, cut, fingerprint, gone, built_at, file, size)
      VALUES (1, 'p', 2, 'f', '[]', 3, 'h.sqlite.image-1', 0)`);
    expect(migrate(db)).toBe(4);
    expect(db.prepare('SELECT spent FROM images').all().map((row) => row.spent)).toEqual([1]);
    db.exec(`INSERT INTO images (history_start, prices, cut, fingerprint, gone, built_at, file, size)
      VALUES (2, 'p', 2, 'f', '[]', 3, 'h.sqlite.image-2', 0)`);
    expect(db.prepare('SELECT spent FROM images WHERE history_start = 2').get()?.spent).toBe(0);
  });
});
