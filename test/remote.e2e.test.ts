import { appendFileSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isolatedEnv, runCli, startCli } from './support/cli.js';
import { usageLine, waitFor, writeLog } from './support/remote-logs.js';
import { sshdMissing, startSshd, type Sshd } from './support/sshd.js';
import { isSnapshotLine } from './support/follow-output.js';

const missing = sshdMissing();
const NOW = '2026-02-10T23:00:00Z';
const at = (minutesBefore: number) => new Date(Date.parse(NOW) - minutesBefore * 60_000).toISOString();
/** Response n: 3 in + (100 + n) out + 7,883 cache write + 17,915 cache read tokens. */
const line = (n: number, session = 'laptop-session') => usageLine({ id: `msg_${n}`, requestId: `req_${n}`, output: 100 + n, timestamp: at(30 - n), sessionId: session });
const tokens = (...ns: number[]) => ns.reduce((a, n) => a + 3 + 100 + n + 7883 + 17_915, 0);
const total = (s: { days: { tokens: { total: number } }[] }) => s.days.reduce((a, d) => a + d.tokens.total, 0);
const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');

describe.skipIf(missing !== null)('remote machines over a real sshd', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup() {
    const sshd: Sshd = await startSshd();
    cleanups.push(() => sshd.dispose());
    const local = join(mkdtempSync(join(tmpdir(), 'cctop-laptop-')), 'claude');
    writeLog(local, '-home-me-app', 'laptop.jsonl', [line(1), line(2)]);
    const remote = join(sshd.dir, 'claude');
    // Response 2 is in both trees (a devbox tree synced to the laptop too): counted once.
    const remoteFile = writeLog(remote, '-home-me-app', 'devbox.jsonl', [line(2), line(3, 'devbox-session')]);
    const args = (...extra: string[]) => ['--dir', local, '--remote', `ssh://127.0.0.1${remote}`, '--ssh-command', sshd.sshCommand,
      '--now', NOW, '--tz', 'UTC', '--since', '2026-02-01', '--no-store', ...extra];
    return { sshd, local, remote, remoteFile, args };
  }

  it('--json counts the laptop and the devbox together, each response once, split per machine', async () => {
    const { args } = await setup();
    const { code, stdout } = await runCli(['--json', ...args()]);
    expect(code).toBe(0);
    const s = JSON.parse(stdout);
    expect(total(s)).toBe(tokens(1, 2, 3));
    expect(s.machines).toEqual([{ machine: '127.0.0.1', state: 'live', lagMs: expect.any(Number), message: null }]);
    expect(s.sessions.map((x: { sessionId: string; machine: string }) => [x.sessionId, x.machine]).sort())
      .toEqual([['devbox-session', '127.0.0.1'], ['laptop-session', 'local']]);
    expect(s.month.byMachine.map((m: { machine: string }) => m.machine)).toEqual(['local', '127.0.0.1']);
    const split = s.month.byMachine.reduce((a: number, m: { costUSD: number }) => a + m.costUSD, 0);
    expect(split).toBeCloseTo(s.month.costUSD, 12);
  }, 60_000);

  it('--json --follow shows a remote append within 2 s, and survives sshd going away and coming back', async () => {
    const { sshd, remoteFile, args } = await setup();
    const child = startCli(['--json', '--follow', ...args()], isolatedEnv());
    cleanups.push(() => void child.kill('SIGTERM'));
    let last: { days: { tokens: { total: number } }[]; machines: { state: string }[] } | null = null;
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      const snapshot = lines.filter(isSnapshotLine).at(-1);
      if (snapshot) last = JSON.parse(snapshot);
    });
    await waitFor(() => last !== null && total(last) === tokens(1, 2, 3), 20_000, 'both machines in the first lines');
    const t0 = Date.now();
    appendFileSync(remoteFile, `${line(4, 'devbox-session')}\n`);
    await waitFor(() => total(last!) === tokens(1, 2, 3, 4), 5000, 'the remote append');
    expect(Date.now() - t0).toBeLessThan(2000);

    await sshd.stop();
    appendFileSync(remoteFile, `${line(5, 'devbox-session')}\n`);
    await sshd.restart();
    await waitFor(() => total(last!) === tokens(1, 2, 3, 4, 5), 45_000, 'the append made while sshd was down');
    expect(last!.machines[0]!.state).toBe('live');
  }, 90_000);

  it('--json --follow re-reads a remote file renamed over by a longer one: its new lines counted, its old ones once', async () => {
    const { remoteFile, args } = await setup();
    const child = startCli(['--json', '--follow', ...args()], isolatedEnv());
    cleanups.push(() => void child.kill('SIGTERM'));
    let last: { days: { tokens: { total: number } }[]; sessions: { sessionId: string }[] } | null = null;
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      const lines = (buffered += d.toString()).split('\n');
      buffered = lines.pop()!;
      const snapshot = lines.filter(isSnapshotLine).at(-1);
      if (snapshot) last = JSON.parse(snapshot);
    });
    await waitFor(() => last !== null && total(last) === tokens(1, 2, 3), 20_000, 'both machines in the first lines');
    // Past the old end (two lines) the new file holds 7 and 8 only: read on from there, 6 would be lost.
    const next = `${remoteFile}.new`;
    writeFileSync(next, text([line(3, 'devbox-session'), line(6, 'devbox-session'), line(7, 'devbox-session'), line(8, 'devbox-session')]));
    renameSync(next, remoteFile);
    await waitFor(() => total(last!) === tokens(1, 2, 3, 6, 7, 8), 5000, 'the replaced file');
    // Counted after them, a line of a session of its own shows that none of the file's lines came twice.
    appendFileSync(remoteFile, `${line(9, 'sentinel-session')}\n`);
    await waitFor(() => last!.sessions.some((x) => x.sessionId === 'sentinel-session'), 5000, 'the sentinel line');
    expect(total(last!)).toBe(tokens(1, 2, 3, 6, 7, 8, 9));
  }, 60_000);

  it('a store run resumes a remote file at its offset, and re-reads it when it was rewritten meanwhile', async () => {
    const { remoteFile, args } = await setup();
    const store = join(mkdtempSync(join(tmpdir(), 'cctop-store-')), 'history.sqlite');
    cleanups.push(() => rmSync(join(store, '..'), { recursive: true, force: true }));
    const run = async () => {
      const { code, stdout, stderr } = await runCli(['--json', ...args().filter((a) => a !== '--no-store'), '--store', store]);
      expect([code, stderr]).toEqual([0, '']);
      return total(JSON.parse(stdout));
    };
    expect(await run()).toBe(tokens(1, 2, 3));
    appendFileSync(remoteFile, `${line(4, 'devbox-session')}\n`);
    expect(await run()).toBe(tokens(1, 2, 3, 4));
    // Deleted and written again (on ext4 the same inode), a newline where the old end was, another
    // first line: only the stored id's first line hash tells that the stored offset is not this file's.
    const { ino } = statSync(remoteFile);
    rmSync(remoteFile);
    writeFileSync(remoteFile, text([line(5, 'devbox-session'), line(3, 'devbox-session'), line(6, 'devbox-session'), line(7, 'devbox-session')]));
    console.log(`[remote store] rewritten file: inode ${statSync(remoteFile).ino === ino ? 'reused' : 'new'}`);
    expect(await run()).toBe(tokens(1, 2, 3, 4, 5, 6, 7));
  }, 90_000);

  it('says so when the remote path does not exist or the login is refused, and still counts the laptop', async () => {
    const { sshd, local } = await setup();
    const base = ['--json', '--dir', local, '--now', NOW, '--tz', 'UTC', '--since', '2026-02-01', '--no-store'];
    const noPath = await runCli([...base, '--remote', 'ssh://127.0.0.1/nonexistent/claude', '--ssh-command', sshd.sshCommand]);
    const refused = await runCli([...base, '--remote', 'ssh://127.0.0.1/tmp', '--ssh-command', sshd.wrongKeyCommand]);
    for (const run of [noPath, refused]) {
      // The snapshot lacks a machine that was asked for: status 1, the reason on stderr once.
      expect(run.code).toBe(1);
      const s = JSON.parse(run.stdout);
      expect(total(s)).toBe(tokens(1, 2));
      expect(s.machines[0].state).toBe('failed');
      expect(s.machines[0].message).toContain('127.0.0.1');
      expect(run.stderr).toBe(`cctop: ${s.machines[0].message}\n`);
    }
  }, 60_000);
});
