import type { ChildProcess } from 'node:child_process';
import { spawnChild } from './isolation.js';
import { busyboxOnlyPath } from './remote-logs.js';
import { FrameParser, type Frame } from '../../src/remote/protocol.js';
import { buildRemoteScript, type ScriptInput } from '../../src/remote/script.js';

/** The remote script running on this machine (no ssh), its frames collected as they come. */
export interface LocalFeed {
  frames: Frame[];
  /** Everything it wrote on stderr. */
  stderr(): string;
  /** Resolves with the exit code once it ends by itself. */
  exited: Promise<number | null>;
  /** Kills it and waits for its exit. */
  stop(): Promise<void>;
}

/** Runs the feed script under `shell` (e.g. ['sh'] or ['busybox', 'sh']) with exactly `env` (its HOME a temp folder). */
export function runLocalFeed(shell: string[], input: ScriptInput, env: Record<string, string>): LocalFeed {
  const [program, ...args] = shell;
  const child: ChildProcess = spawnChild(program!, [...args, '-s'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const parser = new FrameParser();
  const frames: Frame[] = [];
  let stderr = '';
  child.once('error', (err) => (stderr += `${err.message}\n`));
  child.stdin!.on('error', () => {});
  child.stdout!.on('data', (chunk: Buffer) => frames.push(...parser.push(chunk)));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  child.stdin!.end(buildRemoteScript(input));
  return {
    frames,
    stderr: () => stderr,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * The shells to run the script under: sh with the system PATH and, where busybox is installed,
 * busybox sh with a PATH of busybox applets only (the script may use nothing else). `dir` holds
 * the applet links.
 */
export function scriptShells(dir: string): [name: string, shell: string[], pathEnv: string][] {
  const shells: [string, string[], string][] = [['sh', ['sh'], SYSTEM_PATH]];
  const busybox = busyboxOnlyPath(dir);
  if (busybox) shells.push(['busybox sh', [busybox.busybox, 'sh'], busybox.bin]);
  else console.warn('busybox is not installed: the script runs under sh only (apt-get install -y busybox)');
  return shells;
}
