import type { ChildProcess } from 'node:child_process';
import { RemoteStream, type AnyFrame, type RemoteMode } from './stream.js';

const STDERR_KEEP = 8192;
/** How long a stopped ssh (with whatever its command started) has to exit on SIGTERM before SIGKILL. */
export const STOP_GRACE_MS = 750;
/** How long a stop waits for the exit after SIGKILL: past it, the connection is let go regardless. */
export const KILL_WAIT_MS = 250;

/** What one ssh run tells its feed. */
export interface ConnectionHandlers {
  /** Bytes arrived on ssh's stdout, and the frames they completed. */
  onData(bytes: number, frames: AnyFrame[], mode: RemoteMode | null): void;
  onSpawnError(err: Error): void;
  /** ssh has exited; `stderr`: its last 8 KiB. */
  onClose(code: number | null, signal: NodeJS.Signals | null, stderr: string): void;
}

/** A running ssh: stop it, and await `exited`. */
export interface Connection {
  child: ChildProcess;
  /** Resolves once ssh has exited and its output has ended (after `onClose`). */
  exited: Promise<void>;
  /**
   * Ends ssh and everything its command started (its process group: an `--ssh-command` wrapper
   * that does not exec, and its children): SIGTERM, SIGKILL after STOP_GRACE_MS. Resolves once
   * it has exited, or KILL_WAIT_MS after the SIGKILL whatever the processes do. Idempotent.
   */
  stop(): Promise<void>;
}

/**
 * Runs ssh with `stdin` written to it, as the leader of its own process group. The stdin stays
 * open while `cctop feed` answers (its end is how the feed learns the connection is gone); the
 * script's `sh -s` gets its end as soon as it says hello, so that the shell exits when the
 * script does. Once the stream is dropped (RemoteStream), ssh's output is no longer read.
 */
export function openConnection(invocation: { program: string; args: string[] }, stdin: string, handlers: ConnectionHandlers): Connection {
  // detached: a process group (and session) of its own, which stop() signals as a whole.
  // Loaded here, not imported: child_process (with net and dgram) costs every start ~5 ms.
  const child = process.getBuiltinModule('node:child_process').spawn(invocation.program, invocation.args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  const stream = new RemoteStream();
  const exited = new Promise<void>((resolve) => {
    child.once('close', (code, signal) => {
      handlers.onClose(code, signal, stderr);
      resolve();
    });
  });
  child.once('error', (err) => handlers.onSpawnError(err));
  child.stdin!.on('error', () => {}); // ssh gone before reading its stdin: its exit says why
  child.stdin!.write(stdin);
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-STDERR_KEEP)));
  child.stdout!.on('data', (chunk: Buffer) => {
    const before = stream.mode;
    const frames = stream.push(chunk);
    if (before === null && stream.mode === 'script') child.stdin!.end();
    if (stream.dropped) child.stdout!.destroy();
    handlers.onData(chunk.length, frames, stream.mode);
  });
  let stopping: Promise<void> | null = null;
  return { child, exited, stop: () => (stopping ??= stopGroup(child, exited)) };
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  signalGroup(child, 'SIGTERM');
  if (await settlesWithin(exited, STOP_GRACE_MS)) return;
  signalGroup(child, 'SIGKILL');
  // A process that left the group may still hold the pipes: 'close' must not wait for it.
  for (const pipe of [child.stdin, child.stdout, child.stderr]) pipe?.destroy();
  await settlesWithin(exited, KILL_WAIT_MS);
}

/** Signals the child's process group; the child alone where there is no group (it never started, or not POSIX). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** Whether `promise` settles within `ms`. */
function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([promise.then(() => true), late]).finally(() => clearTimeout(timer));
}
