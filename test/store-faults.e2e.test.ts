import { appendFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTree, type GeneratedTree } from '../bench/generate.js';
import { isolatedEnv, runCli, startCli } from './support/cli.js';
import { response } from './support/faults.js';

// The real clock's "now" for the generated tree; cctop runs at it with --now.
const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const BASE = ['--now', new Date(NOW).toISOString(), '--tz', 'UTC', '--since', '2026-10-20'];
let tree: GeneratedTree;

beforeAll(() => {
  tree = generateTree({ out: mkdtempSync(join(tmpdir(), 'cctop-store-faults-')), sizeBytes: 24 * 2 ** 20, seed: 11, now: NOW, days: 30 });
});

/** A home of its own with the store in it; `json` runs `cctop --json` over the tree. */
function home(storeFlags: string[] = []) {
  const env = isolatedEnv({ XDG_DATA_HOME: mkdtempSync(join(tmpdir(), 'cctop-data-')) });
  const store = join(env.XDG_DATA_HOME!, 'cctop', 'history.sqlite');
  const json = async (...extra: string[]) => {
    const run = await runCli(['--json', '--dir', tree.root, ...BASE, ...storeFlags, ...extra], env);
    return { ...run, snapshot: run.code === 0 ? JSON.parse(run.stdout) : null };
  };
  return { env, store, json };
}

/** The numbers a store must never change: per-day tokens and cost. */
const totals = (s: { days: { date: string; tokens: { total: number }; costUSD: number }[] }) => s.days.map((d) => [d.date, d.tokens.total, Math.round(d.costUSD * 1e6)]);

/** The totals straight from the logs, without a store (a test may have appended to the tree). */
async function fromLogs(): Promise<ReturnType<typeof totals>> {
  return totals((await home().json('--no-store')).snapshot);
}

describe('the history store under faults (the real CLI)', () => {
  it('kill -9 during the first backfill, then a restart: the same totals', async () => {
    const h = home();
    const child = startCli(['--json', '--follow', '--dir', tree.root, ...BASE], h.env);
    // The first line is out before the older history is read: kill it there.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    expect(existsSync(h.store)).toBe(true);
    const truth = await fromLogs();
    expect(totals((await h.json()).snapshot)).toEqual(truth);
    // And once more warm, from the store alone.
    expect(totals((await h.json()).snapshot)).toEqual(truth);
  }, 60_000);

  it('kill -9 right after a live append, then a restart: the appended response counted once', async () => {
    const h = home();
    await h.json();
    const child = startCli(['--json', '--follow', '--dir', tree.root, ...BASE], h.env);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const file = tree.liveFiles[0]!;
    const appended = response(901, { time: NOW - 30_000, session: 'fault-session' });
    appendFileSync(file, appended);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    const after = (await h.json()).snapshot;
    const fresh = (await home().json('--no-store')).snapshot;
    expect(totals(after)).toEqual(totals(fresh));
    expect(after.sessions.filter((s: { sessionId: string }) => s.sessionId === 'fault-session')).toHaveLength(1);
  }, 60_000);

  it('two processes on one store at once: both succeed with the same totals', async () => {
    const h = home();
    const truth = await fromLogs();
    const [a, b] = await Promise.all([h.json(), h.json()]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    expect(totals(a.snapshot)).toEqual(truth);
    expect(totals(b.snapshot)).toEqual(truth);
  }, 60_000);

  it('a corrupt store is moved aside with a notice and rebuilt from the logs', async () => {
    const h = home();
    await h.json();
    writeFileSync(h.store, Buffer.alloc(8192, 0x5a));
    const truth = await fromLogs();
    const run = await h.json();
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/could not be used \(file is not a database\); moved it to .*history\.sqlite\.bad-.* and started a new one/);
    expect(totals(run.snapshot)).toEqual(truth);
    expect(readdirSync(dirname(h.store)).some((f) => f.startsWith('history.sqlite.bad-'))).toBe(true);
  }, 60_000);

  it('a store that cannot be created: a notice, and the numbers from the logs in memory', async () => {
    // Its folder would have to be made inside a file.
    const file = join(mkdtempSync(join(tmpdir(), 'cctop-nostore-')), 'a-file');
    writeFileSync(file, '');
    const h = home(['--store', join(file, 'cctop', 'history.sqlite')]);
    const truth = await fromLogs();
    const run = await h.json();
    expect(run.code).toBe(0);
    expect(run.snapshot.diagnostics.notices.join('\n')).toMatch(/history store off/);
    expect(totals(run.snapshot)).toEqual(truth);
  }, 60_000);
});
