import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { afterWholePass, deliveriesOf, pendingWork, recordFeed, type RecordedFeed } from '../../test/support/feed-recorder.js';
import { busyboxOnlyPath, usageLine, userLine, waitFor, writeLog } from '../../test/support/remote-logs.js';
import { sshdMissing, startSshd, type Sshd, type SshdOptions } from '../../test/support/sshd.js';
import { parseLine } from '../logs/parse-line.js';
import { parseRemoteSpec, type RemoteSpec } from './spec.js';

const missing = sshdMissing();
if (missing) console.warn(`remote feed tests skipped: ${missing}`);

const u = (n: number) => usageLine({ id: `msg_${n}`, requestId: `req_${n}`, output: 100 + n });
const USER = userLine('please look at the failing test');
const spec = (text: string): RemoteSpec => {
  const parsed = parseRemoteSpec(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.spec;
};
const live = (r: RecordedFeed) => waitFor(() => r.states.some((s) => s.state === 'live' && s.synced), 8000, 'a synced live feed');
const ids = (lines: string[]) => lines.map((l) => /"id":"(msg_\d+)"/.exec(l)?.[1]);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe.skipIf(missing !== null)('RemoteFeed over a real sshd', () => {
  const cleanups: (() => Promise<void>)[] = [];
  const sshd = async (opts?: SshdOptions): Promise<Sshd> => {
    const server = await startSshd(opts);
    cleanups.push(() => server.dispose());
    return server;
  };
  const feed = (opts: Parameters<typeof recordFeed>[0]): RecordedFeed => {
    const recorded = recordFeed(opts);
    cleanups.unshift(() => recorded.feed.close());
    return recorded;
  };
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('delivers each usage line of the remote tree exactly once, and each append within 2 s', async () => {
    const server = await sshd();
    const root = path.join(server.dir, 'claude');
    const file = writeLog(root, '-home-me-app', 'session 1.jsonl', [USER, u(1), USER, u(2)]);
    writeLog(root, '-home-me-app', 'session 1/subagents/agent-a1.jsonl', [u(3)]);
    const r = feed({ spec: spec(`ssh://127.0.0.1${root}`), sshCommand: server.sshCommand });
    await live(r);
    expect(ids(r.lines()).sort()).toEqual(['msg_1', 'msg_2', 'msg_3']);
    const events = r.lines().flatMap((l) => parseLine(l, file, 'UTC'));
    expect(events.map((e) => (e.kind === 'usage' ? [e.event.key, e.event.tokens.output] : e.kind)).sort()).toEqual([
      ['msg_1:req_1', 101],
      ['msg_2:req_2', 102],
      ['msg_3:req_3', 103],
    ]);

    const latencies: number[] = [];
    const bytes: number[] = [];
    for (let n = 4; n < 12; n++) {
      // Not a wait for anything: the appends are spread over the script's 1 s pass, so that the latencies sample all of it.
      await new Promise((res) => setTimeout(res, 150 + ((n * 337) % 700)));
      const [before, t0] = [r.feed.bytesReceived, Date.now()];
      fs.appendFileSync(file, `${USER}\n${u(n)}\n`);
      await waitFor(() => ids(r.lines()).includes(`msg_${n}`), 2000, `msg_${n}`);
      latencies.push(r.deliveries.at(-1)!.at - t0);
      bytes.push(r.feed.bytesReceived - before);
    }
    console.log(
      `[remote feed] append → onLines: median ${median(latencies)} ms, max ${Math.max(...latencies)} ms; ` +
        `bytes received per append: median ${median(bytes)} (the usage line is ${u(4).length + 1}, the skipped user line ${USER.length + 1})`,
    );
    expect(ids(r.lines()).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => `msg_${n}`).sort());
    expect(r.warnings).toEqual([]);
  });

  it('holds half a line until the rest arrives, then delivers it once', async () => {
    const server = await sshd();
    const root = path.join(server.dir, 'claude');
    const file = writeLog(root, 'p', 's.jsonl', [u(1)]);
    const sentinel = writeLog(root, 'p', 'sentinel.jsonl', []);
    const r = feed({ spec: spec(`ssh://127.0.0.1${root}`), sshCommand: server.sshCommand });
    await live(r);
    const half = fs.statSync(file).size;
    fs.appendFileSync(file, u(2).slice(0, 300));
    await afterWholePass(r, sentinel, [u(101), u(102), u(103)]);
    expect(ids(deliveriesOf(r, file).flatMap((d) => d.lines))).toEqual(['msg_1']);
    fs.appendFileSync(file, `${u(2).slice(300)}\n`);
    await waitFor(() => deliveriesOf(r, file).length === 2, 2000, 'the completed line');
    // Delivered after it, a line appended next shows that the completed one came once.
    const whole = fs.statSync(file).size;
    fs.appendFileSync(file, `${u(3)}\n`);
    await waitFor(() => ids(r.lines()).includes('msg_3'), 2000, 'the next line');
    expect(deliveriesOf(r, file).map(({ from, to, lines }) => ({ from, to, lines }))).toEqual([
      { from: 0, to: half, lines: [u(1)] },
      { from: half, to: whole, lines: [u(2)] },
      { from: whole, to: fs.statSync(file).size, lines: [u(3)] },
    ]);
  });

  it('reconnects after sshd is killed and restarted mid-stream, with nothing lost or twice', async () => {
    const server = await sshd();
    const root = path.join(server.dir, 'claude');
    const file = writeLog(root, 'p', 's.jsonl', [u(0)]);
    const r = feed({ spec: spec(`ssh://127.0.0.1${root}`), sshCommand: server.sshCommand });
    await live(r);
    let n = 1;
    const writer = setInterval(() => fs.appendFileSync(file, `${u(n++)}\n${USER}\n`), 150);
    /** Waits until the writer has appended `count` more lines. */
    const written = async (count: number, what: string) => {
      const from = n;
      await waitFor(() => n >= from + count, 10_000, `${count} lines written ${what}`);
    };
    await written(10, 'before the drop');
    await server.stop();
    await waitFor(() => r.feed.state.state === 'retrying', 5000, 'the feed to notice');
    await written(10, 'while sshd is down');
    await server.restart();
    const restarted = Date.now();
    await waitFor(() => r.states.some((s) => s.state === 'live' && s.at > restarted), 10_000, 'a new connection');
    const reconnectMs = r.states.find((s) => s.state === 'live' && s.at > restarted)!.at - restarted;
    await written(6, 'after the reconnection');
    clearInterval(writer);
    // Delivered after every other, a last line shows that none came twice.
    const last = n;
    fs.appendFileSync(file, `${u(last)}\n`);
    await waitFor(() => ids(r.lines()).includes(`msg_${last}`), 4000, `all ${last + 1} lines`);
    console.log(`[remote feed] sshd back → feed live again in ${reconnectMs} ms; states: ${r.states.map((s) => s.state).filter((s, i, a) => s !== a[i - 1]).join(' → ')}`);
    expect(ids(r.lines())).toEqual(Array.from({ length: last + 1 }, (_, i) => `msg_${i}`));
    expect(r.deliveries.slice(1).map((d) => d.from)).toEqual(r.deliveries.slice(0, -1).map((d) => d.to));
    expect(r.states.find((s) => s.state === 'retrying')?.message).toMatch(/^127\.0\.0\.1: connection lost/);
  }, 40_000);

  it('resumes from the offsets given to its constructor', async () => {
    const server = await sshd();
    const root = path.join(server.dir, 'claude');
    const file = writeLog(root, 'p', 's.jsonl', [u(1), u(2)]);
    const known = fs.statSync(file).size;
    fs.appendFileSync(file, `${u(3)}\n`);
    const r = feed({ spec: spec(`ssh://127.0.0.1${root}`), sshCommand: server.sshCommand, offsets: new Map([[file, known]]) });
    await live(r);
    expect(r.deliveries.map(({ from, to, lines }) => ({ from, to, ids: ids(lines) }))).toEqual([{ from: known, to: fs.statSync(file).size, ids: ['msg_3'] }]);
    expect(r.feed.offsets.get(file)).toBe(fs.statSync(file).size);
  });

  it('reads the remote defaults when no path is given (here the session HOME, a temp folder)', async () => {
    const server = await sshd();
    writeLog(path.join(server.home, '.claude'), 'p', 's.jsonl', [u(1)]);
    const r = feed({ spec: spec('127.0.0.1'), sshCommand: server.sshCommand });
    await live(r);
    expect(r.deliveries.map((d) => [d.file, ids(d.lines)])).toEqual([[path.join(server.home, '.claude/projects/p/s.jsonl'), ['msg_1']]]);
  });

  it('works on a remote whose PATH holds busybox only', async (ctx) => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cctop-bb-'));
    cleanups.push(async () => fs.rmSync(scratch, { recursive: true, force: true }));
    const bin = busyboxOnlyPath(scratch);
    if (!bin) return ctx.skip('busybox is not installed');
    const server = await sshd({ pathEnv: bin.bin });
    const root = path.join(server.dir, 'claude');
    const file = writeLog(root, 'p', 's.jsonl', [USER, u(1)]);
    const r = feed({ spec: spec(`ssh://127.0.0.1${root}`), sshCommand: server.sshCommand });
    await live(r);
    fs.appendFileSync(file, `${u(2)}\n`);
    await waitFor(() => r.lines().length === 2, 2000, 'the append');
    expect(ids(r.lines())).toEqual(['msg_1', 'msg_2']);
  });

  it('names the host and stops when the remote path does not exist', async () => {
    const server = await sshd();
    const gone = path.join(server.dir, 'no such folder');
    const r = feed({ spec: spec(`ssh://127.0.0.1${gone.replaceAll(' ', '%20')}`), sshCommand: server.sshCommand });
    await waitFor(() => r.feed.state.state === 'failed', 8000, 'failed');
    expect(r.feed.state).toEqual({ state: 'failed', message: `127.0.0.1: remote path ${gone} does not exist` });
  });

  it('names the host and stops when the login is refused: no prompt, no hang, no retry', async () => {
    const server = await sshd();
    const t0 = Date.now();
    const r = feed({ spec: spec('ssh://127.0.0.1/tmp'), sshCommand: server.wrongKeyCommand });
    await waitFor(() => r.feed.state.state === 'failed', 8000, 'failed');
    const failedAfter = Date.now() - t0;
    console.log(`[remote feed] refused login reported after ${failedAfter} ms`);
    // No retry: one would be announced as 'retrying' instead of 'failed', and would wait on a timer.
    expect(r.states.map((s) => s.state)).toEqual(['connecting', 'failed']);
    expect(pendingWork(r.feed)).toEqual([]);
    expect(r.feed.state.message).toMatch(/^127\.0\.0\.1: ssh login refused \(.*Permission denied \(publickey\)\.\); check that `ssh 127\.0\.0\.1` logs in/);
  });

  it('close() kills ssh and resolves; nothing is reported after it', async () => {
    const server = await sshd();
    const root = path.join(server.dir, 'claude');
    const file = writeLog(root, 'p', 's.jsonl', [u(1)]);
    // A heartbeat every pass: the remote script notices the closed connection at its next one.
    const r = feed({ spec: spec(`ssh://127.0.0.1${root}`), sshCommand: server.sshCommand, heartbeatEvery: 1 });
    await live(r);
    // The remote script's scratch folder, removed by its EXIT trap.
    const scratch = () => fs.readdirSync(server.dir).filter((name) => name.startsWith('cctop-feed.'));
    expect(scratch()).toHaveLength(1);
    const t0 = Date.now();
    await r.feed.close();
    const closeMs = Date.now() - t0;
    const [states, deliveries] = [r.states.length, r.deliveries.length];
    expect(closeMs).toBeLessThan(1000);
    // Nothing left that could report: no ssh, no timer (a reconnection would need one), and then the remote end gone too.
    expect(pendingWork(r.feed)).toEqual([]);
    fs.appendFileSync(file, `${u(2)}\n`);
    await waitFor(() => scratch().length === 0, 10_000, 'the remote script to end');
    expect([r.states.length, r.deliveries.length]).toEqual([states, deliveries]);
  });
});
