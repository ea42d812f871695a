import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandPath, spawnChild, spawnChildSync } from './isolation.js';

/** Runs test/support/store-child.ts in its own process, for the store's multi-process tests. */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./store-child.ts', import.meta.url));

/**
 * How a child is run so that folder permissions bind it. Root ignores them (CAP_DAC_OVERRIDE), so
 * as root the child keeps uid 0 but loses that capability (util-linux's setpriv drops it from the
 * bounding and inheritable sets, so the exec'd Node never has it). Switching to an unprivileged
 * user instead would stop it from reading a checkout kept under a 0700 folder (a clone into
 * `mktemp -d`); keeping CAP_DAC_READ_SEARCH leaves every folder readable, wherever the checkout is.
 */
export type PermissionsBinding = { prefix: string[] } | { missing: string };

const DROP = '-dac_override';
let binding: PermissionsBinding | undefined;

/** The command prefix under which folder permissions bind the child, or why there is none here. */
export function permissionsBinding(): PermissionsBinding {
  return (binding ??= findBinding());
}

function findBinding(): PermissionsBinding {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const setpriv = commandPath('setpriv');
  if (setpriv === null) return { missing: 'the tests run as root and setpriv (util-linux) is not installed to drop CAP_DAC_OVERRIDE' };
  const prefix = [setpriv, `--bounding-set=${DROP}`, `--inh-caps=${DROP}`, '--'];
  // Proof that it binds here: a folder that cannot be written, as the child would find it.
  const dir = mkdtempSync(join(tmpdir(), 'cctop-setpriv-'));
  try {
    chmodSync(dir, 0o555);
    const run = spawnChildSync(prefix[0]!, [...prefix.slice(1), 'mkdir', join(dir, 'x')], { encoding: 'utf8' });
    if (run.status === 0) return { missing: 'setpriv could not drop CAP_DAC_OVERRIDE here: root still writes a read-only folder' };
    if (!run.stderr.includes('Permission denied')) return { missing: `setpriv --bounding-set=${DROP} failed: ${run.stderr.trim()}` };
    return { prefix };
  } finally {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A started child and the JSON line it prints (rejected when it exits otherwise than with 0). */
export interface StartedChild {
  process: ChildProcess;
  result: Promise<Record<string, unknown>>;
}

/** Starts the child with `args` (same Node, an isolated env; under `prefix` if given, e.g. `permissionsBinding()`'s). */
export function startChild(args: string[], prefix: string[] = []): StartedChild {
  const command = [...prefix, process.execPath, '--import', 'tsx', CHILD, ...args];
  const child = spawnChild(command[0]!, command.slice(1), { cwd: ROOT });
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
export function runChild(args: string[], prefix: string[] = []): Promise<Record<string, unknown>> {
  return startChild(args, prefix).result;
}
