import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ONE_SHOT_ANSWER_MS } from '../src/remote/feed.js';
import { runCli, startCli } from './support/cli.js';
import { HAS_PROC, rssMiB, rssPeak, running } from './support/process-watch.js';
import { waitFor } from './support/remote-logs.js';
import { isSnapshotLine } from './support/follow-output.js';

/**
 * `--ssh-command` wrappers that run their command without exec'ing it (issue 20): a flood of
 * chatter instead of a hello, children that outlive a SIGTERM to the wrapper, a wrapper that
 * ignores SIGTERM. cctop holds at most 64 KiB of it, stops the wrapper's whole process group,
 * and exits within 2 s of a SIGTERM whatever they do.
 */

const scratch = mkdtempSync(join(tmpdir(), 'cctop-wrapper-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const DROPPED = 'devbox: bad data from the remote (no cctop hello from the remote shell)';

/** The pids of every process a test started or had started: ended after it, if the test did not end them. */
const started: (() => number[])[] = [];
afterEach(() => {
  for (const pid of started.splice(0).flatMap((pids) => pids())) if (running(pid)) process.kill(pid, 'SIGKILL');
});

/** cctop with `--ssh-command WRAPPER` and these arguments. */
function cctop(wrapperPath: string, ...args: string[]): ChildProcess {
  const cli = startCli([...args, '--remote', 'devbox', '--ssh-command', wrapperPath]);
  started.push(() => [cli.pid!]);
  return cli;
}

/**
 * A wrapper script that records its pid and its child's, then runs `command` in that child,
 * not exec'd, and `:` after it (so the wrapper's shell stays too). `pids()`: those recorded.
 */
function wrapper(name: string, command: string, ignoreTerm: boolean): { path: string; pids: () => number[] } {
  const file = join(scratch, `${name}.pids`);
  const path = join(scratch, `${name}.sh`);
  const trap = ignoreTerm ? "trap '' TERM\n" : '';
  writeFileSync(file, '');
  writeFileSync(path, `#!/bin/sh\n${trap}echo $$ >> '${file}'\nsh -c 'echo $$ >> "$1"; exec ${command}' sh '${file}'\n:\n`, { mode: 0o755 });
  const pids = () => readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number);
  started.push(pids);
  return { path, pids };
}

/** The machine states of each `--follow` line so far. */
function followStates(child: ChildProcess): () => { state: string; message: string | null }[] {
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString('utf8')));
  return () => text.split('\n').filter(isSnapshotLine).flatMap((line) => (JSON.parse(line) as { machines: { state: string; message: string | null }[] }).machines);
}

/** The exit status, stdout and stderr of a child, once it has ended. */
function outcome(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let [stdout, stderr] = ['', ''];
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Sends SIGTERM and resolves with the exit status and how long it took. */
async function terminate(child: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const t0 = Date.now();
  child.kill('SIGTERM');
  const code = await exited;
  return { code, ms: Date.now() - t0 };
}

describe.skipIf(!HAS_PROC)('an --ssh-command wrapper that does not exec', () => {
  // The first cctop of a run compiles the sources (tsx, into this run's temp folder): ~30 MiB
  // more RSS than a built cctop, which the memory figures below are not about.
  beforeAll(async () => {
    await runCli(['--json', '--remote', 'devbox', '--ssh-command', 'true']);
  });

  it('floods chatter: each connection is dropped past 64 KiB, memory stays flat, SIGTERM ends it all', async () => {
    const flood = wrapper('flood', 'yes MOTD', false);
    const cli = cctop(flood.path, '--json', '--follow');
    const states = followStates(cli);
    const peak = rssPeak(cli.pid!);
    const drops = () => states().filter((s) => s.state === 'retrying').length;
    await waitFor(() => drops() >= 1, 10_000, 'the first connection dropped');
    const atFirst = rssMiB(cli.pid!)!;
    // Dropped after 1 s and 2 s of backoff: 3 s of a flood that, read whole, grew cctop by ~25 MiB/s.
    await waitFor(() => drops() >= 3, 10_000, 'three connections dropped');
    const peakMiB = peak.stop();
    const { code, ms } = await terminate(cli);
    console.log(`[wrapper] flood: RSS ${atFirst.toFixed(0)} MiB at the first drop, peak ${peakMiB.toFixed(0)} MiB over 3; exit ${ms} ms after SIGTERM`);
    expect(states().filter((s) => s.state === 'retrying').map((s) => s.message)).toEqual([DROPPED, DROPPED, DROPPED]);
    expect(peakMiB).toBeLessThan(150);
    expect(peakMiB - atFirst).toBeLessThan(16);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2000);
    expect(flood.pids().filter(running)).toEqual([]);
  });

  it('ignores SIGTERM (and so do its children): killed as a group, cctop still exits within 2 s', async () => {
    const deaf = wrapper('deaf', 'sleep 1000', true);
    const cli = cctop(deaf.path, '--json', '--follow');
    await waitFor(() => deaf.pids().length === 2, 10_000, 'the wrapper and its child to start');
    const { code, ms } = await terminate(cli);
    console.log(`[wrapper] deaf to SIGTERM: exit ${ms} ms after SIGTERM`);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2000);
    expect(deaf.pids().filter(running)).toEqual([]);
  });

  it('a one-shot report fails at once on the flood, with the reason, and leaves nothing running', async () => {
    const flood = wrapper('once', 'yes MOTD', true);
    const t0 = Date.now();
    const { code, stdout, stderr } = await outcome(cctop(flood.path, '--json'));
    const ms = Date.now() - t0;
    console.log(`[wrapper] one-shot on the flood: exit ${code} after ${ms} ms`);
    expect(code).toBe(1);
    expect(stderr).toContain(`cctop: ${DROPPED}\n`);
    // The feed's warning names its machine once (it said "devbox: devbox: bad data…").
    const snapshot = JSON.parse(stdout) as { machines: { message: string }[]; diagnostics: { notices: string[] } };
    expect(snapshot.diagnostics.notices).toContain('devbox: bad data from the remote: no cctop hello from the remote shell');
    expect(stderr).not.toContain('devbox: devbox');
    expect(snapshot.machines.map((m) => m.message)).toEqual([DROPPED]);
    expect(ms).toBeLessThan(ONE_SHOT_ANSWER_MS);
    expect(flood.pids().filter(running)).toEqual([]);
  });
});
