/**
 * Phase (6), remote roots: a private sshd on 127.0.0.1 (test/support/sshd.ts: temporary keys, its
 * own config, nothing outside a temp folder) serves a devbox tree; `cctop --json --follow` reads
 * it over ssh beside a small laptop tree, once per mode (1: `cctop feed` on the remote's PATH,
 * 2: the sh script). Turns are appended on the devbox one at a time; each one's latency runs from
 * just before its write to the first snapshot line that counts it, its traffic is what a TCP relay
 * in front of sshd passed each way meanwhile (ssh's wire bytes: encrypted, MACs and window
 * adjusts included, TCP/IP headers not). Every total is checked exact.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomFrom } from '../src/demo/lines.js';
import { sshdMissing, startSshd } from '../test/support/sshd.js';
import { daysTotal, FollowSession, isolatedEnv, type Launcher } from './lib/cctop.js';
import { CountingRelay } from './lib/relay.js';
import { appendTurn, writeRemoteTree, type RemoteTree } from './lib/remote-tree.js';
import { percentile } from './lib/stats.js';

type Mode = 'cctop feed' | 'sh script';

interface ModeFigures {
  mode: Mode;
  tree: string;
  syncMs: number;
  latenciesMs: number[];
  down: number[];
  up: number[];
  usageBytes: number[];
  idlePerMin: { down: number; up: number };
  problems: string[];
}

const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin';
const SYNC_TIMEOUT_MS = 60_000;
const APPEND_TIMEOUT_MS = 10_000;
/** After an append shows: time for the rest of its bytes (and ssh's window adjust) to pass. */
const SETTLE_MS = 400;
const IDLE_MS = 10_000;

/** Runs the phase and prints its figures; returns 1 when a total was not exact, else 0. */
export async function remoteBench(l: Launcher, repo: string, work: string, appends: number): Promise<number> {
  const out = (text: string) => process.stdout.write(`${text}\n`);
  const missing = sshdMissing();
  if (missing) {
    out(`\n(6) remote roots over ssh: skipped (${missing})`);
    return 0;
  }
  out(`\n(6) remote roots over ssh: a private sshd on 127.0.0.1; bytes counted by a TCP relay in front of it (ssh's wire bytes, both ways)`);
  const problems: string[] = [];
  for (const mode of ['cctop feed', 'sh script'] as const) {
    const figures = await measureMode(l, repo, join(work, `remote-${mode.replace(' ', '-')}`), mode, appends);
    if (mode === 'cctop feed') out(`  trees: ${figures.tree}`);
    printMode(figures, appends);
    problems.push(...figures.problems.map((p) => `(6) ${mode}: ${p}`));
  }
  out(problems.length === 0 ? '  remote correctness: OK (every total exact)' : `  remote correctness: FAILED\n    ${problems.join('\n    ')}`);
  return problems.length === 0 ? 0 : 1;
}

async function measureMode(l: Launcher, repo: string, dir: string, mode: Mode, appends: number): Promise<ModeFigures> {
  const tree = writeRemoteTree(dir, Date.now(), 7);
  const marker = join(dir, 'cctop-feed-ran');
  const sshd = await startSshd({ home: join(dir, 'remote-home'), pathEnv: mode === 'cctop feed' ? remoteCctop(l, repo, dir, marker) : SYSTEM_PATH });
  const relay = await CountingRelay.start(sshd.port);
  const sshCommand = sshd.sshCommand.replace(`-p ${sshd.port} `, `-p ${relay.port} `);
  const args = ['--tz', 'UTC', '--since', tree.firstDay, '--dir', tree.local, '--remote', `ssh://127.0.0.1${tree.root}`, '--ssh-command', sshCommand, '--no-store'];
  const session = new FollowSession(l, args, isolatedEnv(join(dir, 'home')));
  const about = `devbox ${tree.files.length} files, ${(tree.remoteBytes / 2 ** 20).toFixed(1)} MiB (over ssh); laptop 1 file (local), one response in both`;
  const figures: ModeFigures = { mode, tree: about, syncMs: NaN, latenciesMs: [], down: [], up: [], usageBytes: [], idlePerMin: { down: NaN, up: NaN }, problems: [] };
  try {
    const synced = await session.waitForText(0, (text) => daysTotal(text) === tree.totalTokens, SYNC_TIMEOUT_MS);
    figures.syncMs = synced.line.at - session.startedAt;
    if (existsSync(marker) !== (mode === 'cctop feed')) figures.problems.push(`the remote did not answer with ${mode}`);
    figures.idlePerMin = await idleTraffic(relay);
    await appendAll(session, tree, relay, synced.index, appends, figures);
  } catch (err) {
    figures.problems.push((err as Error).message);
  } finally {
    await session.stop();
    await relay.close();
    await sshd.dispose();
  }
  return figures;
}

/** Appends one turn at a time, each waited for; then checks the total stays exact 1.5 s more. */
async function appendAll(session: FollowSession, tree: RemoteTree, relay: CountingRelay, from: number, appends: number, f: ModeFigures): Promise<void> {
  const random = randomFrom(99);
  let [index, expected] = [from, tree.totalTokens];
  for (let i = 0; i < appends; i++) {
    const before = relay.mark();
    const t0 = performance.now();
    const turn = appendTurn(tree.files[i % tree.files.length]!, random, `append-${i}`);
    expected += turn.tokens;
    const seen = await session.waitForText(index + 1, (text) => daysTotal(text) >= expected, APPEND_TIMEOUT_MS)
      .catch(() => { throw new Error(`append ${i + 1} of ${appends} never showed`); });
    index = seen.index;
    if (daysTotal(seen.text) !== expected) f.problems.push(`append ${i + 1}: total ${daysTotal(seen.text)} ≠ ${expected}`);
    f.latenciesMs.push(seen.line.at - t0);
    f.usageBytes.push(turn.usageBytes);
    await sleep(SETTLE_MS);
    f.down.push(relay.down - before.down);
    f.up.push(relay.up - before.up);
    await sleep(random() * 600); // out of step with the script's one-second passes
  }
  await sleep(1500);
  for (let last = await nextLine(session, index); last; last = await nextLine(session, last.index)) {
    if (daysTotal(last.text) !== expected) f.problems.push(`after the appends: total ${daysTotal(last.text)} ≠ ${expected}`);
  }
}

function nextLine(session: FollowSession, index: number): Promise<{ index: number; text: string } | null> {
  if (session.lines.length <= index + 1) return Promise.resolve(null);
  return session.waitForText(index + 1, () => true, 0);
}

/** What the connection costs with nothing written (ssh's keepalive, the remote's heartbeat), per minute. */
async function idleTraffic(relay: CountingRelay): Promise<{ down: number; up: number }> {
  await sleep(1000);
  const before = relay.mark();
  await sleep(IDLE_MS);
  const perMin = 60_000 / IDLE_MS;
  return { down: (relay.down - before.down) * perMin, up: (relay.up - before.up) * perMin };
}

/** A `cctop` for the remote session's PATH that runs the build under test and leaves `marker`. */
function remoteCctop(l: Launcher, repo: string, dir: string, marker: string): string {
  const bin = join(dir, 'remote-bin');
  mkdirSync(bin, { recursive: true });
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  // From the repo, so that a tsx launcher (no dist/) finds its loader.
  writeFileSync(join(bin, 'cctop'), `#!/bin/sh\n: > ${quote(marker)}\ncd ${quote(repo)} && exec ${[l.cmd, ...l.args].map(quote).join(' ')} "$@"\n`);
  chmodSync(join(bin, 'cctop'), 0o755);
  return `${bin}:${SYSTEM_PATH}`;
}

function printMode(f: ModeFigures, appends: number): void {
  const p = (xs: number[], q: number) => percentile(xs, q).toFixed(0);
  const shown = f.latenciesMs.length;
  const line = shown === 0
    ? `no append measured`
    : `${shown} of ${appends} appends, append → line p50 ${p(f.latenciesMs, 50)} ms, p95 ${p(f.latenciesMs, 95)} ms, max ${Math.max(...f.latenciesMs).toFixed(0)} ms ` +
      `(target p95 < 2 s: ${percentile(f.latenciesMs, 95) < 2000 ? 'met' : 'MISSED'}); per append (a ${p(f.usageBytes, 50)} B usage line + a 1-6 KB tool result): ` +
      `down p50 ${p(f.down, 50)} B (max ${Math.max(...f.down)}), up p50 ${p(f.up, 50)} B (max ${Math.max(...f.up)})`;
  const idle = `idle (ssh's keepalive and the remote's heartbeat, each every 5 s): down ${f.idlePerMin.down.toFixed(0)} B/min, up ${f.idlePerMin.up.toFixed(0)} B/min`;
  const sync = Number.isNaN(f.syncMs) ? 'never synced' : `first exact line ${(f.syncMs / 1000).toFixed(2)} s after the start`;
  process.stdout.write(`  mode ${f.mode === 'cctop feed' ? '1, cctop feed' : '2, sh script'}: ${sync}; ${line}; ${idle}; ` +
    `${f.problems.length === 0 ? 'totals exact' : `PROBLEMS: ${f.problems.join('; ')}`}\n`);
}
