import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FEED_CURSOR_FILE } from '../src/engine/remote-sources.js';
import { decodeCursor, decodePos } from '../src/remote/feed-cursor.js';
import { parseRemoteSpec, type RemoteSpec } from '../src/remote/spec.js';
import { openStore } from '../src/store/index.js';
import { isolatedEnv, runCli, startCli } from './support/cli.js';
import { recordFeed, type RecordedFeed } from './support/feed-recorder.js';
import { cctopOnPath, median } from './support/remote-cctop.js';
import { usageLine, userLine, waitFor, writeLog } from './support/remote-logs.js';
import { sshdMissing, startSshd, type Sshd } from './support/sshd.js';
import { isSnapshotLine } from './support/follow-output.js';

const missing = sshdMissing();
const NOW = '2026-02-10T23:00:00Z';
const at = (minutesBefore: number) => new Date(Date.parse(NOW) - minutesBefore * 60_000).toISOString();
/** Response n: 3 in + (100 + n) out + 7,883 cache write + 17,915 cache read tokens. */
const line = (n: number, session = 'devbox-session') => usageLine({ id: `msg_${n}`, requestId: `req_${n}`, output: 100 + n, timestamp: at(60 - n), sessionId: session });
const tokens = (...ns: number[]) => ns.reduce((a, n) => a + 3 + 100 + n + 7883 + 17_915, 0);
const total = (s: { days: { tokens: { total: number } }[] }) => s.days.reduce((a, d) => a + d.tokens.total, 0);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const USER = userLine('please look at the failing test');
const spec = (text: string): RemoteSpec => {
  const parsed = parseRemoteSpec(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.spec;
};
const keys = (r: RecordedFeed) => r.batches.flatMap((b) => b.events.map((e) => e.key));
const synced = (r: RecordedFeed) => waitFor(() => r.states.some((s) => s.state === 'live' && s.synced), 20_000, 'a synced live feed');

describe.skipIf(missing !== null)('remote machines with cctop on their PATH (mode 1: cctop feed), over a real sshd', () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const sshd = async (withCctop: boolean): Promise<Sshd> => {
    const scratch = mkdtempSync(join(tmpdir(), 'cctop-remote-bin-'));
    cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
    const server = await startSshd(withCctop ? { pathEnv: cctopOnPath(scratch).pathEnv } : {});
    cleanups.push(() => server.dispose());
    return server;
  };
  const feed = (opts: Parameters<typeof recordFeed>[0]) => {
    const r = recordFeed(opts);
    cleanups.push(() => r.feed.close());
    return r;
  };
  const setup = async () => {
    const server = await sshd(true);
    const local = join(mkdtempSync(join(tmpdir(), 'cctop-laptop-')), 'claude');
    cleanups.push(() => rmSync(local, { recursive: true, force: true }));
    writeLog(local, '-home-me-app', 'laptop.jsonl', [line(1, 'laptop-session'), line(2, 'laptop-session')]);
    const remote = join(server.dir, 'claude');
    // Response 2 is in both trees (a devbox tree synced to the laptop too): counted once.
    const remoteFile = writeLog(remote, '-home-me-app', 'devbox.jsonl', [line(2, 'laptop-session'), line(3)]);
    const args = (...extra: string[]) => ['--dir', local, '--remote', `ssh://127.0.0.1${remote}`, '--ssh-command', server.sshCommand,
      '--now', NOW, '--tz', 'UTC', '--since', '2026-02-01', ...extra];
    return { server, remote, remoteFile, args };
  };

  it('--json counts the laptop and the devbox together, each response once; the cursor goes to the store and back', async () => {
    const { remoteFile, args } = await setup();
    const store = join(mkdtempSync(join(tmpdir(), 'cctop-store-')), 'history.sqlite');
    cleanups.push(() => rmSync(join(store, '..'), { recursive: true, force: true }));
    const run = async () => {
      const { code, stdout, stderr } = await runCli(['--json', ...args('--store', store)]);
      expect([code, stderr]).toEqual([0, '']);
      return JSON.parse(stdout);
    };
    const first = await run();
    expect(total(first)).toBe(tokens(1, 2, 3));
    expect(first.machines).toEqual([{ machine: '127.0.0.1', state: 'live', lagMs: expect.any(Number), message: null }]);
    expect(first.sessions.map((x: { sessionId: string; machine: string }) => [x.sessionId, x.machine]).sort())
      .toEqual([['devbox-session', '127.0.0.1'], ['laptop-session', 'local']]);

    appendFileSync(remoteFile, `${line(4)}\n`);
    expect(total(await run())).toBe(tokens(1, 2, 3, 4));
    const { store: opened } = openStore({ path: store });
    const rows = opened!.positions().filter((p) => p.machine === '127.0.0.1');
    opened!.close();
    expect(rows.map((p) => p.path)).toEqual([FEED_CURSOR_FILE]);
    expect(decodePos(decodeCursor(rows[0]!.headHash)!.get(remoteFile)!)!.next).toBe(statSync(remoteFile).size);
  }, 90_000);

  it('says mode cctop, resumes from a given cursor, and costs fewer bytes per append than the script', async () => {
    const [withCctop, without] = [await sshd(true), await sshd(false)];
    const trees = [withCctop, without].map((server) => {
      const root = join(server.dir, 'claude');
      return { root, file: writeLog(root, 'p', 's.jsonl', [line(1), USER, line(2)]) };
    });
    const first = feed({ spec: spec(`ssh://127.0.0.1${trees[0]!.root}`), sshCommand: withCctop.sshCommand });
    await synced(first);
    expect(first.feed.state).toMatchObject({ state: 'live', synced: true, mode: 'cctop' });
    expect(keys(first)).toEqual(['msg_1:req_1', 'msg_2:req_2']);
    await first.feed.close();
    appendFileSync(trees[0]!.file, `${line(3)}\n`);

    const cctop = feed({ spec: spec(`ssh://127.0.0.1${trees[0]!.root}`), sshCommand: withCctop.sshCommand, cursor: first.feed.cursor });
    const script = feed({ spec: spec(`ssh://127.0.0.1${trees[1]!.root}`), sshCommand: without.sshCommand });
    await Promise.all([synced(cctop), synced(script)]);
    expect(keys(cctop)).toEqual(['msg_3:req_3']);
    expect(script.feed.state).toMatchObject({ state: 'live', synced: true, mode: 'script' });
    const perAppend = { cctop: [] as number[], script: [] as number[], cctopMs: [] as number[] };
    for (const n of range(4, 10)) {
      const before = [cctop.feed.bytesReceived, script.feed.bytesReceived];
      const t0 = Date.now();
      for (const { file } of trees) appendFileSync(file, `${USER}\n${line(n)}\n`);
      await waitFor(() => keys(cctop).includes(`msg_${n}:req_${n}`), 2000, `msg_${n} through cctop feed`);
      perAppend.cctopMs.push(cctop.batches.at(-1)!.at - t0);
      await waitFor(() => script.lines().some((l) => l.includes(`"msg_${n}"`)), 2000, `msg_${n} through the script`);
      perAppend.cctop.push(cctop.feed.bytesReceived - before[0]!);
      perAppend.script.push(script.feed.bytesReceived - before[1]!);
    }
    const long = usageLine({ id: 'msg_99', requestId: 'req_99', timestamp: at(1), text: 'x'.repeat(20_000) });
    const before = [cctop.feed.bytesReceived, script.feed.bytesReceived];
    for (const { file } of trees) appendFileSync(file, `${long}\n`);
    await waitFor(() => keys(cctop).includes('msg_99:req_99') && script.lines().some((l) => l.includes('"msg_99"')), 2000, 'the long line');
    console.log(`[remote cctop] append → onEvents: median ${median(perAppend.cctopMs)} ms; bytes per append (a usage line of ${line(4).length + 1} ` +
      `+ a user line of ${USER.length + 1}): cctop feed median ${median(perAppend.cctop)}, script median ${median(perAppend.script)}; ` +
      `a usage line of ${long.length + 1}: cctop feed ${cctop.feed.bytesReceived - before[0]!}, script ${script.feed.bytesReceived - before[1]!}`);
    expect(keys(cctop)).toEqual([...range(3, 10).map((n) => `msg_${n}:req_${n}`), 'msg_99:req_99']);
    expect(median(perAppend.cctop)).toBeLessThan(median(perAppend.script));
    expect([...cctop.warnings, ...script.warnings]).toEqual([]);
  }, 90_000);

  it('reconnects after sshd is killed and restarted mid-stream, from its cursor: nothing lost or twice', async () => {
    const server = await sshd(true);
    const root = join(server.dir, 'claude');
    const file = writeLog(root, 'p', 's.jsonl', [line(0)]);
    const r = feed({ spec: spec(`ssh://127.0.0.1${root}`), sshCommand: server.sshCommand, retry: { firstMs: 200 } });
    await synced(r);
    let n = 1;
    const writer = setInterval(() => appendFileSync(file, `${line(n++)}\n${USER}\n`), 150);
    cleanups.push(() => clearInterval(writer));
    /** Waits until the writer has appended `count` more lines. */
    const written = async (count: number, what: string) => {
      const from = n;
      await waitFor(() => n >= from + count, 10_000, `${count} lines written ${what}`);
    };
    await written(10, 'before the drop');
    await server.stop();
    await waitFor(() => r.feed.state.state === 'retrying', 10_000, 'the feed to notice');
    await written(6, 'while sshd is down');
    await server.restart();
    const restarted = Date.now();
    await waitFor(() => r.states.some((s) => s.state === 'live' && s.at > restarted), 20_000, 'a new connection');
    await written(6, 'after the reconnection');
    clearInterval(writer);
    // Delivered after every other, a last record shows that none came twice.
    const last = n;
    appendFileSync(file, `${line(last)}\n`);
    await waitFor(() => keys(r).includes(`msg_${last}:req_${last}`), 5000, `all ${last + 1} records`);
    expect(keys(r)).toEqual(range(0, last + 1).map((i) => `msg_${i}:req_${i}`));
    expect(r.states.find((s) => s.state === 'retrying')?.message).toMatch(/^127\.0\.0\.1: connection lost/);
  }, 60_000);

  it('--json --follow shows a remote append within 2 s, and exact totals after sshd went away and came back', async () => {
    const { server, remoteFile, args } = await setup();
    const child = startCli(['--json', '--follow', ...args('--no-store')], isolatedEnv());
    cleanups.push(() => void child.kill('SIGTERM'));
    let last: { days: { tokens: { total: number } }[]; machines: { state: string }[]; sessions: { sessionId: string }[] } | null = null;
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      const lines = (buffered += d.toString()).split('\n');
      buffered = lines.pop()!;
      const snapshot = lines.filter(isSnapshotLine).at(-1);
      if (snapshot) last = JSON.parse(snapshot);
    });
    await waitFor(() => last !== null && total(last) === tokens(1, 2, 3), 30_000, 'both machines in the first lines');
    const t0 = Date.now();
    appendFileSync(remoteFile, `${line(4)}\n`);
    await waitFor(() => total(last!) === tokens(1, 2, 3, 4), 5000, 'the remote append');
    expect(Date.now() - t0).toBeLessThan(2000);

    await server.stop();
    appendFileSync(remoteFile, `${line(5)}\n`);
    await server.restart();
    await waitFor(() => total(last!) === tokens(1, 2, 3, 4, 5), 45_000, 'the append made while sshd was down');
    // Counted after it, a record of a session of its own shows that none came twice.
    appendFileSync(remoteFile, `${line(6, 'sentinel-session')}\n`);
    await waitFor(() => last!.sessions.some((x) => x.sessionId === 'sentinel-session'), 5000, 'the sentinel record');
    expect(total(last!)).toBe(tokens(1, 2, 3, 4, 5, 6));
    expect(last!.machines[0]!.state).toBe('live');
  }, 90_000);
});
