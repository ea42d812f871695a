import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..');
export const CLI = join(REPO, 'src', 'cli.tsx');
export const FIXTURES = join(REPO, 'fixtures', 'real');

/** An environment whose home and XDG folders are fresh temp folders: tests never see the real home. */
export function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'cctop-home-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.local', 'state'),
    NO_COLOR: '1', ...extra,
  };
  delete env.CLAUDE_CONFIG_DIR;
  return env;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = isolatedEnv()): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO, env });
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
