import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, storeEvent, tempDir } from '../../test/support/store-fixtures.js';
import { openNodeSqlite } from './driver-node.js';
import type { OpenDatabase } from './driver.js';
import { openStore } from './open.js';

afterEach(removeTempDirs);

const NOW = Date.UTC(2026, 1, 3, 4, 5, 6, 789);

function rawOpen(): OpenDatabase {
  return openNodeSqlite();
}

describe('openStore', () => {
  it('creates the folder 0700 and the file 0600, in WAL mode', () => {
    const path = join(tempDir(), 'data', 'cctop', 'history.sqlite');
    const { store, notices } = openStore({ path });
    expect(notices).toEqual([]);
    store!.upsert([storeEvent()], 'local');
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    expect(statSync(join(path, '..', '..')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
    const other = rawOpen()(path);
    expect(other.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(other.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({ value: 5 });
    other.close();
    store!.close();
  });

  it('reopens an existing store with its rows', () => {
    const path = join(tempDir(), 'history.sqlite');
    const first = openStore({ path }).store!;
    first.upsert([storeEvent()], 'local');
    first.close();
    const again = openStore({ path });
    expect(again.notices).toEqual([]);
    expect(again.store!.info()?.responses).toBe(1);
  });

  it('moves a corrupt file aside (with its WAL) and starts a new one, with a notice', () => {
    const path = join(tempDir(), 'history.sqlite');
    const garbage = Buffer.alloc(8192, 'garbage bytes, not SQLite ');
    writeFileSync(path, garbage);
    writeFileSync(`${path}-wal`, 'stale');
    const { store, notices } = openStore({ path, now: () => NOW });
    const aside = `${path}.bad-2026-02-03T040506.789Z`;
    expect(notices).toEqual([
      `history store: ${path} could not be used (file is not a database); moved it to ${aside} and started a new one`,
    ]);
    expect(readFileSync(aside)).toEqual(garbage);
    expect(readFileSync(`${aside}-wal`, 'utf8')).toBe('stale');
    expect(store!.upsert([storeEvent()], 'local')).toBe(true);
    expect(store!.info()?.responses).toBe(1);
  });

  it('leaves a file of a newer schema version exactly as it is, with a notice', () => {
    const dir = tempDir();
    const path = join(dir, 'history.sqlite');
    const made = openStore({ path }).store!;
    made.upsert([storeEvent()], 'local');
    made.close();
    const db = rawOpen()(path);
    db.exec("UPDATE meta SET value = 7 WHERE key = 'schema_version'");
    db.close();
    const bytes = readFileSync(path);
    const result = openStore({ path, now: () => NOW });
    const text = `${path} was made by a newer cctop (schema 7; this one knows 5); upgrade cctop, or --store elsewhere`;
    expect(result).toEqual({ store: null, notices: [`history store off: ${text}; running in memory`], newer: { schema: 7, text } });
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(['history.sqlite']);
  });

  it('reports a path it cannot use, without throwing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    const path = join(dir, 'file', 'history.sqlite');
    const result = openStore({ path });
    expect(result).toEqual({
      store: null,
      notices: [`history store off: cannot create its folder (EEXIST: file already exists, mkdir '${join(dir, 'file')}'); running in memory`],
    });
    mkdirSync(join(dir, 'folder.sqlite'));
    expect(openStore({ path: join(dir, 'folder.sqlite') }).notices).toEqual([
      `history store off: EISDIR: illegal operation on a directory, open '${join(dir, 'folder.sqlite')}'; running in memory`,
    ]);
    expect(existsSync(`${path}.bad`)).toBe(false);
  });
});

