import {
  spawn, spawnSync,
  type ChildProcess, type ChildProcessWithoutNullStreams, type SpawnOptions, type SpawnOptionsWithoutStdio,
  type SpawnSyncOptions, type SpawnSyncOptionsWithBufferEncoding, type SpawnSyncOptionsWithStringEncoding, type SpawnSyncReturns,
} from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, realpathSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join, relative, resolve } from 'node:path';

/**
 * Every process a test starts goes through this file: it gets a fresh temporary HOME and XDG
 * folders, and never the user's own (their history store, config, cache or tmux server).
 * test/support/global-setup.ts gives the test workers themselves a temporary HOME, XDG folders
 * and TMPDIR, removed after the run; what the code under test spawns inherits those.
 */

/** The XDG base folders a child gets, each inside its own fresh HOME. */
export const XDG_FOLDERS = {
  XDG_CONFIG_HOME: ['.config'],
  XDG_STATE_HOME: ['.local', 'state'],
  XDG_DATA_HOME: ['.local', 'share'],
  XDG_CACHE_HOME: ['.cache'],
  XDG_RUNTIME_DIR: ['.run'],
} as const;

export type XdgName = keyof typeof XDG_FOLDERS;
export const XDG_NAMES = Object.keys(XDG_FOLDERS) as XdgName[];

/** Variables that lead a child to the user's own things: never passed on. */
const LEAKS = ['CLAUDE_CONFIG_DIR', 'TMUX', 'TMUX_PANE'];

/**
 * An environment whose HOME and XDG folders are fresh folders under `base` (NO_COLOR set): the
 * temp folder, which a test run removes whole; a helper that outlives no run of its own (the
 * bench's sshd) passes a folder it removes itself.
 */
export function isolatedEnv(extra: Record<string, string> = {}, base = tmpdir()): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(base, 'cctop-home-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, NO_COLOR: '1' };
  for (const name of XDG_NAMES) env[name] = join(home, ...XDG_FOLDERS[name]);
  mkdirSync(env.XDG_RUNTIME_DIR!, { mode: 0o700 });
  for (const name of LEAKS) delete env[name];
  return { ...env, ...extra };
}

/** Whether `path` lies strictly inside the temp folder (as written or with symlinks resolved). */
export function inTemp(path: string): boolean {
  const bases = new Set([resolve(tmpdir()), realpathSync(tmpdir())]);
  return [...bases].some((base) => {
    const rel = relative(base, resolve(path));
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  });
}

/** What in `env` would reach outside the temp folder: [] when a child may run with it. */
export function isolationProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (env.HOME === undefined || !inTemp(env.HOME)) problems.push(`HOME=${env.HOME}`);
  for (const name of XDG_NAMES) {
    const value = env[name];
    if (value !== undefined && !inTemp(value)) problems.push(`${name}=${value}`);
  }
  // A comma-separated list of folders, as Claude Code reads it.
  const claude = env.CLAUDE_CONFIG_DIR?.split(',').map((dir) => dir.trim()).filter((dir) => dir !== '') ?? [];
  if (!claude.every(inTemp)) problems.push(`CLAUDE_CONFIG_DIR=${env.CLAUDE_CONFIG_DIR}`);
  for (const name of ['TMUX', 'TMUX_PANE']) if (env[name] !== undefined) problems.push(`${name}=${env[name]}`);
  return problems;
}

/** `env` (a fresh isolated one when absent), after checking it keeps the child in the temp folder. */
function checked(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const chosen = env ?? isolatedEnv();
  const problems = isolationProblems(chosen);
  if (problems.length > 0) throw new Error(`a test's child would see the user's own folders: ${problems.join(', ')}`);
  return chosen;
}

/** `spawn` with an isolated environment: `options.env` if it passes `isolationProblems`, else a fresh `isolatedEnv()`. */
export function spawnChild(command: string, args: readonly string[], options?: SpawnOptionsWithoutStdio): ChildProcessWithoutNullStreams;
export function spawnChild(command: string, args: readonly string[], options: SpawnOptions): ChildProcess;
export function spawnChild(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(command, args, { ...options, env: checked(options.env) });
}

/** `spawnSync` with an isolated environment, as `spawnChild`. */
export function spawnChildSync(command: string, args: readonly string[], options: SpawnSyncOptionsWithStringEncoding): SpawnSyncReturns<string>;
export function spawnChildSync(command: string, args: readonly string[], options?: SpawnSyncOptionsWithBufferEncoding): SpawnSyncReturns<Buffer>;
export function spawnChildSync(command: string, args: readonly string[], options: SpawnSyncOptions = {}): SpawnSyncReturns<string | Buffer> {
  return spawnSync(command, args, { ...options, env: checked(options.env) });
}

/** Runs `command` to its end and returns its stdout; throws with its stderr when it fails. */
export function runChildSync(command: string, args: readonly string[], options: Omit<SpawnSyncOptionsWithStringEncoding, 'encoding'> = {}): string {
  const run = spawnChildSync(command, args, { ...options, encoding: 'utf8' });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status ?? run.signal}: ${run.stderr.trim()}`);
  return run.stdout;
}

/**
 * Where the program `name` is on the PATH, or null. Looked up here, not by `sh -c 'command -v'`:
 * that child needed a HOME of its own, and outside a test run (the bench's sshd) nothing removed it.
 */
export function commandPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir || '.', name);
    try {
      accessSync(path, constants.X_OK);
      if (statSync(path).isFile()) return path;
    } catch {
      // Not here: the next folder.
    }
  }
  return null;
}
