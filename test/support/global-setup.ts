import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { TMUX_DIR_PREFIX, TMUX_SOCKET } from './tmux.js';

/**
 * Vitest's globalSetup (vitest.config.ts), run once in the main process before the workers start:
 * the workers, and every process they start, see a temporary HOME, temporary XDG folders and a
 * temporary TMPDIR (tmux's sockets included), all inside one folder that is removed after the
 * run with whatever the tests left in it. Code under test that spawns (ssh, the feed's sh) and
 * code that defaults to ~ therefore never reaches the user's own files.
 */

/** The runner's own HOME, XDG folders and temp folder, as they were before the run (for the isolation test). */
export interface OuterEnv {
  HOME: string;
  TMPDIR: string;
  XDG_CONFIG_HOME: string;
  XDG_STATE_HOME: string;
  XDG_DATA_HOME: string;
  XDG_CACHE_HOME: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    outerEnv: OuterEnv;
    runRoot: string;
  }
}

export default function setup(project: TestProject): () => void {
  const env = process.env;
  const home = env.HOME ?? homedir();
  const outer: OuterEnv = {
    HOME: home,
    TMPDIR: tmpdir(),
    XDG_CONFIG_HOME: env.XDG_CONFIG_HOME || join(home, '.config'),
    XDG_STATE_HOME: env.XDG_STATE_HOME || join(home, '.local', 'state'),
    XDG_DATA_HOME: env.XDG_DATA_HOME || join(home, '.local', 'share'),
    XDG_CACHE_HOME: env.XDG_CACHE_HOME || join(home, '.cache'),
  };
  const root = mkdtempSync(join(tmpdir(), 'cctop-test-'));
  const runnerHome = join(root, 'runner-home');
  const folders = {
    HOME: runnerHome,
    XDG_CONFIG_HOME: join(runnerHome, '.config'),
    XDG_STATE_HOME: join(runnerHome, '.local', 'state'),
    XDG_DATA_HOME: join(runnerHome, '.local', 'share'),
    XDG_CACHE_HOME: join(runnerHome, '.cache'),
    XDG_RUNTIME_DIR: join(runnerHome, '.run'),
  };
  for (const dir of Object.values(folders)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  Object.assign(env, folders, { TMPDIR: root, TMUX_TMPDIR: root });
  for (const name of ['CLAUDE_CONFIG_DIR', 'TMUX', 'TMUX_PANE']) delete env[name];
  project.provide('outerEnv', outer);
  project.provide('runRoot', root);

  return () => {
    killTmuxServers(root);
    removeAll(root);
  };
}

/** Removes `dir` with everything in it, first making writable any folder a test left read-only (not root). */
function removeAll(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  } catch {
    const open = (path: string) => {
      chmodSync(path, 0o700);
      for (const entry of readdirSync(path, { withFileTypes: true })) if (entry.isDirectory()) open(join(path, entry.name));
    };
    open(dir);
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
}

/** Ends any private tmux server (test/support/tmux.ts) still running: a test file that failed before its afterAll. */
function killTmuxServers(root: string): void {
  for (const name of readdirSync(root)) {
    const socket = join(root, name, TMUX_SOCKET);
    if (!name.startsWith(TMUX_DIR_PREFIX) || !existsSync(socket)) continue;
    spawnSync('tmux', ['-S', socket, 'kill-server'], { stdio: 'ignore' });
  }
}
