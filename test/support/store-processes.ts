import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs test/support/store-child.ts in its own process, for the store's multi-process tests. */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./store-child.ts', import.meta.url));

/** The uid/gid of `nobody` when the tests run as root (root ignores folder permissions). */
export function unprivileged(): { uid: number; gid: number } | undefined {
  return process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
}

/** A started child and the JSON line it prints (rejected when it exits otherwise than with 0). */
export interface StartedChild {
  process: ChildProcess;
  result: Promise<Record<string, unknown>>;
}

/** Starts the child with `args` (same Node and env; as `user` if given). */
export function startChild(args: string[], user?: { uid: number; gid: number }): StartedChild {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, ...user });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const result = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) reject(new Error(`store child exited ${code ?? signal}: ${err}`));
      else resolve({ ...(JSON.parse(out) as Record<string, unknown>), stderr: err });
    });
  });
  return { process: child, result };
}

/** Runs the child with `args` to its end and parses the JSON line it prints. */
export function runChild(args: string[], user?: { uid: number; gid: number }): Promise<Record<string, unknown>> {
  return startChild(args, user).result;
}
