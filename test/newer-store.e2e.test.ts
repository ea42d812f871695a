import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openNodeSqlite } from '../src/store/driver-node.js';
import { FIXTURES, isolatedEnv, runCli } from './support/cli.js';
import { SCHEMA_VERSION } from '../src/store/schema.js';

const REPORT = ['--dir', FIXTURES, '--now', '2026-02-10T23:00:00Z', '--tz', 'UTC', '--since', '2026-02-01'];

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/** A home of its own (HOME and every XDG folder inside it) with a store made by `cctop --json`, then marked as a newer cctop's. */
async function newerStore() {
  const env = isolatedEnv();
  homes.push(env.HOME!);
  Object.assign(env, { XDG_DATA_HOME: join(env.HOME!, '.local', 'share'), XDG_CACHE_HOME: join(env.HOME!, '.cache') });
  const made = await runCli(['--json', ...REPORT], env);
  expect([made.code, made.stderr]).toEqual([0, '']);
  const dir = join(env.XDG_DATA_HOME!, 'cctop');
  const path = join(dir, 'history.sqlite');
  const db = openNodeSqlite()(path);
  db.exec(`UPDATE meta SET value = ${SCHEMA_VERSION + 1} WHERE key = 'schema_version'`);
  db.close();
  return { env, dir, path, bytes: readFileSync(path), report: JSON.parse(made.stdout) as { days: unknown[] } };
}

describe('a store made by a newer cctop is never touched', () => {
  it('the monitor\'s open (--json) runs in memory with a notice; store info, rebuild, prune and export refuse with status 1', async () => {
    const s = await newerStore();
    const text = `${s.path} was made by a newer cctop (schema ${SCHEMA_VERSION + 1}; this one knows ${SCHEMA_VERSION}); upgrade cctop, or --store elsewhere`;
    const untouched = () => {
      expect(readFileSync(s.path).equals(s.bytes)).toBe(true);
      expect(readdirSync(s.dir)).toEqual(['history.sqlite']);
    };

    const json = await runCli(['--json', ...REPORT], s.env);
    const notice = `history store off: ${text}; running in memory`;
    expect([json.code, json.stderr]).toEqual([0, `cctop: ${notice}\n`]);
    const snapshot = JSON.parse(json.stdout) as { days: unknown[]; diagnostics: { notices: string[] } };
    expect(snapshot.diagnostics.notices).toEqual([notice]);
    // The numbers come from the logs, in memory.
    expect(snapshot.days).toEqual(s.report.days);
    untouched();

    for (const command of [['store', 'info'], ['store', 'rebuild', '--dir', FIXTURES], ['store', 'prune', '--before', '2026-01-01'], ['store', 'export', '--json']]) {
      const run = await runCli(command, s.env);
      expect(run).toEqual({ code: 1, stdout: '', stderr: `cctop: ${command.slice(0, 2).join(' ')}: ${text}\n` });
      untouched();
    }
  }, 60_000);
});
