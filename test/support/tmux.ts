import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isolatedEnv, isolationProblems, runChildSync, spawnChildSync } from './isolation.js';

/**
 * A private tmux server for one test file: its own socket in a temp folder (`tmux -S`), started
 * with an isolated environment and ended by `kill()`. A pane's program gets its environment from
 * the command itself (`env -i …`), never from a server: a tmux session takes the server's
 * environment, not the client's, so on the user's own server it would see their HOME and XDG folders.
 */

export const TMUX_DIR_PREFIX = 'cctop-tmux-';
export const TMUX_SOCKET = 'sock';

/** Whether tmux is installed. */
export function hasTmux(): boolean {
  return spawnChildSync('tmux', ['-V']).status === 0;
}

export interface PaneOptions {
  /** The program's whole environment (checked by isolationProblems); TERM is the terminal's, tmux's own. */
  env: NodeJS.ProcessEnv;
  cwd: string;
  width: number;
  height: number;
}

export interface TmuxServer {
  /** The server's socket. */
  socket: string;
  /** Runs a tmux command against this server; its stdout. */
  tmux(...args: string[]): string;
  /** Starts `argv` in a new detached session (a pane that stays, dead, after the program ends). Session names: letters, digits, '-'. */
  start(session: string, argv: string[], opts: PaneOptions): void;
  /** The session's screen as text. */
  screen(session: string): string;
  /** Waits (polling every 100 ms, at most `timeoutMs`) until `text` is on the screen; the error shows the screen. */
  waitForScreen(session: string, text: string, timeoutMs: number): Promise<void>;
  /** Waits until the session's program has ended and returns its exit status. */
  exitStatus(session: string, timeoutMs?: number): Promise<number>;
  /** Ends one session (no error when it is gone). */
  killSession(session: string): void;
  /** Ends the server and removes its folder. */
  kill(): void;
}

/** `text` as one sh word, taken literally. */
const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

export function privateTmux(): TmuxServer {
  const dir = mkdtempSync(join(tmpdir(), TMUX_DIR_PREFIX));
  const socket = join(dir, TMUX_SOCKET);
  const config = join(dir, 'tmux.conf');
  // A dead pane stays, with its exit status, until the session is killed.
  writeFileSync(config, 'set -g remain-on-exit on\n');
  const serverEnv = isolatedEnv();
  let launched = 0;
  const tmux = (...args: string[]) => runChildSync('tmux', ['-S', socket, '-f', config, ...args], { env: serverEnv });
  const statusFile = (session: string) => join(dir, `${session}.status`);
  const screen = (session: string) => tmux('capture-pane', '-p', '-t', session);
  const until = async <T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> => {
    for (const deadline = Date.now() + timeoutMs; ;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(what());
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    socket,
    tmux,
    screen,
    start(session, argv, { env, cwd, width, height }) {
      const problems = isolationProblems(env);
      if (problems.length > 0) throw new Error(`a tmux pane would see the user's own folders: ${problems.join(', ')}`);
      const assignments = Object.entries(env)
        .filter(([name, value]) => value !== undefined && name !== 'TERM')
        .map(([name, value]) => quote(`${name}=${value}`));
      // A script, not a command line: tmux limits a command's length, and the shell must not read the arguments.
      // It writes the program's exit status to a file: tmux 3.3's #{pane_dead_status} is sometimes empty.
      const script = join(dir, `pane-${++launched}.sh`);
      const status = statusFile(session);
      rmSync(status, { force: true });
      writeFileSync(script, [
        `env -i TERM="$TERM" ${assignments.join(' ')} ${argv.map(quote).join(' ')}`,
        `echo $? > ${quote(`${status}.part`)} && mv ${quote(`${status}.part`)} ${quote(status)}`,
        '',
      ].join('\n'));
      tmux('new-session', '-d', '-s', session, '-x', String(width), '-y', String(height), '-c', cwd, `sh ${quote(script)}`);
    },
    async waitForScreen(session, text, timeoutMs) {
      await until(() => (screen(session).includes(text) ? true : undefined), timeoutMs,
        () => `"${text}" never appeared; the screen:\n${screen(session)}`);
    },
    async exitStatus(session, timeoutMs = 15_000) {
      const file = statusFile(session);
      return until(() => (existsSync(file) ? Number(readFileSync(file, 'utf8')) : undefined), timeoutMs,
        () => `the program in ${session} never ended; the screen:\n${screen(session)}`);
    },
    killSession(session) {
      spawnChildSync('tmux', ['-S', socket, 'kill-session', '-t', session], { env: serverEnv });
    },
    kill() {
      spawnChildSync('tmux', ['-S', socket, 'kill-server'], { env: serverEnv });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
