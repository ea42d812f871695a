import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';
import { isolatedEnv, spawnChild } from './isolation.js';

export { isolatedEnv } from './isolation.js';

export const REPO = resolve(import.meta.dirname, '..', '..');
export const CLI = join(REPO, 'src', 'cli.tsx');
export const FIXTURES = join(REPO, 'fixtures', 'real');

/** `node --import tsx src/cli.tsx ARGS` with this Node, in an isolated environment (a fresh one unless given). */
export function startCli(args: string[], env: NodeJS.ProcessEnv = isolatedEnv()): ChildProcessWithoutNullStreams {
  return spawnChild(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO, env });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env?: NodeJS.ProcessEnv, stdin?: string): Promise<CliResult> {
  const child = startCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(stdin ?? '');
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}
