import { spawn, type ChildProcess } from 'node:child_process';
import { RemoteStream, type AnyFrame, type RemoteMode } from './stream.js';

const STDERR_KEEP = 8192;

/** What one ssh run tells its feed. */
export interface ConnectionHandlers {
  /** Bytes arrived on ssh's stdout, and the frames they completed. */
  onData(bytes: number, frames: AnyFrame[], mode: RemoteMode | null): void;
  onSpawnError(err: Error): void;
  /** ssh has exited; `stderr`: its last 8 KiB. */
  onClose(code: number | null, signal: NodeJS.Signals | null, stderr: string): void;
}

/** A running ssh: kill it, and await `exited`. */
export interface Connection {
  child: ChildProcess;
  exited: Promise<void>;
}

/**
 * Runs ssh with `stdin` written to it. The stdin stays open while `cctop feed` answers (its
 * end is how the feed learns the connection is gone); the script's `sh -s` gets its end as
 * soon as it says hello, so that the shell exits when the script does.
 */
export function openConnection(invocation: { program: string; args: string[] }, stdin: string, handlers: ConnectionHandlers): Connection {
  const child = spawn(invocation.program, invocation.args, { stdio: ['pipe', 'pipe', 'pipe'] });
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
    handlers.onData(chunk.length, frames, stream.mode);
  });
  return { child, exited };
}
