import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { running } from '../../test/support/process-watch.js';
import { waitFor } from '../../test/support/remote-logs.js';
import { openConnection, STOP_GRACE_MS, type Connection } from './connection.js';
import type { AnyFrame } from './stream.js';

/** Whether `name` is a program on the PATH. */
const onPath = (name: string) => (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && fs.existsSync(path.join(dir, name)));

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cctop-connection-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

interface Run {
  connection: Connection;
  bytes: () => number;
  frames: AnyFrame[];
  closed: () => { signal: NodeJS.Signals | null } | null;
}

/** `sh -c SCRIPT` as the ssh program of a connection (no stdin wanted). */
function run(script: string): Run {
  let bytes = 0;
  let closed: { signal: NodeJS.Signals | null } | null = null;
  const frames: AnyFrame[] = [];
  const connection = openConnection({ program: 'sh', args: ['-c', script] }, '', {
    onData: (n, more) => {
      bytes += n;
      frames.push(...more);
    },
    onSpawnError: (err) => {
      throw err;
    },
    onClose: (_code, signal) => (closed = { signal }),
  });
  return { connection, bytes: () => bytes, frames, closed: () => closed };
}

/** A file the command run by `child(file, command)` writes its pid into before it execs. */
function pidFile(name: string): { file: string; child: (command: string) => string; pid: () => number | null } {
  const file = path.join(scratch, `${name}.pid`);
  return {
    file,
    child: (command) => `sh -c 'echo $$ > "$1"; exec ${command}' sh '${file}'`,
    pid: () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8').endsWith('\n') ? Number(fs.readFileSync(file, 'utf8')) : null),
  };
}

/** Resolves with `promise`'s value, or rejects after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** What a stop may take at most: the grace, the wait after SIGKILL, and room for a loaded machine, within cctop's 2 s. */
const STOP_BOUND_MS = 2000;

describe('openConnection', () => {
  it('drops a wrapper\'s flood without a hello after 64 KiB: one bad frame, and its output is no longer read', async () => {
    const r = run('yes MOTD; :');
    // Nothing stops it but the dropped stream: `yes` gets SIGPIPE, and the wrapper ends.
    await within(r.connection.exited, 5000, 'the flood to end');
    expect(r.frames).toEqual([{ kind: 'bad', reason: 'no cctop hello from the remote shell' }]);
    expect(r.bytes()).toBeGreaterThan(64 * 1024);
    expect(r.bytes()).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it('stop() ends a wrapper that does not exec and its children with SIGTERM to the group', async () => {
    const child = pidFile('term');
    const r = run(`${child.child('sleep 1000')}; :`);
    await waitFor(() => child.pid() !== null, 5000, 'the child to start');
    const t0 = Date.now();
    await r.connection.stop();
    expect(Date.now() - t0).toBeLessThan(STOP_GRACE_MS);
    expect(r.closed()).toEqual({ signal: 'SIGTERM' });
    // SIGKILL reaches the group at once; a member dies when it is next scheduled.
    await waitFor(() => !running(child.pid()!), 2000, 'the child to die');
  });

  it('stop() SIGKILLs the group after the grace when it ignores SIGTERM', async () => {
    const child = pidFile('kill');
    const r = run(`trap '' TERM; ${child.child('sleep 1000')}; :`);
    await waitFor(() => child.pid() !== null, 5000, 'the child to start');
    const t0 = Date.now();
    await r.connection.stop();
    // The promise: cctop exits within 2 s of SIGTERM whatever the children do (load may stretch the waits).
    expect(Date.now() - t0).toBeLessThan(STOP_BOUND_MS);
    // Killed, so after the grace (timers may fire a millisecond early by Date.now).
    expect(r.closed()).toEqual({ signal: 'SIGKILL' });
    // SIGKILL reaches the group at once; a member dies when it is next scheduled.
    await waitFor(() => !running(child.pid()!), 2000, 'the child to die');
  });

  it.skipIf(!onPath('setsid'))('stop() lets go of a connection whose pipes a process outside the group holds', async () => {
    const child = pidFile('escaped');
    const r = run(`trap '' TERM; setsid ${child.child('sleep 1000')}; :`);
    await waitFor(() => child.pid() !== null, 5000, 'the child to start');
    try {
      const t0 = Date.now();
      await r.connection.stop();
      // The promise: cctop exits within 2 s of SIGTERM whatever the children do (load may stretch the waits).
    expect(Date.now() - t0).toBeLessThan(STOP_BOUND_MS);
      expect(r.closed()).toEqual({ signal: 'SIGKILL' });
      expect(running(child.pid()!)).toBe(true);
    } finally {
      process.kill(child.pid()!, 'SIGKILL');
    }
  });
});
