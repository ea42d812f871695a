import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { stop } from './proc.js';

/** How cctop is started: a copy of the built `dist/` when present, else the sources through tsx. */
export interface Launcher {
  cmd: string;
  args: string[];
  label: string;
  /** Set when a source file is newer than the build. */
  stale: boolean;
}

/**
 * The build is copied into `work` first (beside a link to the repo's node_modules): whoever
 * shares the checkout may rebuild `dist/` mid-run, and every run must measure the same build.
 * `CCTOP_BENCH_NODE=PATH` runs it under another Node (say `scripts/node-release.sh 22`'s, as users run it).
 */
export function launcher(repo: string, work: string, node = process.env.CCTOP_BENCH_NODE ?? process.execPath): Launcher {
  const dist = join(repo, 'dist');
  if (!existsSync(join(dist, 'cli.js'))) {
    return { cmd: process.execPath, args: ['--import', 'tsx', join(repo, 'src', 'cli.tsx')], label: 'src/cli.tsx via tsx (no dist/)', stale: false };
  }
  const built = statSync(join(dist, 'cli.js')).mtimeMs;
  const copy = join(work, 'build');
  cpSync(dist, join(copy, 'dist'), { recursive: true });
  writeFileSync(join(copy, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'));
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const label = `dist/ built ${new Date(built).toISOString().slice(0, 16)}Z, copied to ${copy} at the start, on Node ${version}`;
  return { cmd: node, args: [join(copy, 'dist', 'cli.js')], label, stale: newestIn(join(repo, 'src')) > built };
}

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * An environment that reads only the given tree: an empty temporary home with its own XDG data,
 * state and config folders (never the user's store, state or settings), UTC, no inherited
 * Claude settings.
 */
export function isolatedEnv(home: string): NodeJS.ProcessEnv {
  const xdg = {
    XDG_DATA_HOME: join(home, 'data'), XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache'),
  };
  for (const dir of Object.values(xdg)) mkdirSync(dir, { recursive: true });
  return { PATH: process.env.PATH, HOME: home, ...xdg, TZ: 'UTC', NO_COLOR: '1', LANG: 'C.UTF-8' };
}

/** The history store of a run, always explicit: none (`--no-store`, as before the store) or a file. */
export function storeArgs(file: string | null): string[] {
  return file === null ? ['--no-store'] : ['--store', file];
}

export interface FollowLine {
  /** performance.now() when the line arrived. */
  at: number;
  text: string;
}

/** A running `cctop --json --follow`, with its snapshot lines as they arrive (its heartbeats apart). */
export class FollowSession {
  readonly child: ChildProcess;
  readonly startedAt: number;
  readonly lines: FollowLine[] = [];
  readonly heartbeats: FollowLine[] = [];
  /** Bytes of stdout so far (newlines included), snapshots and heartbeats alike. */
  bytesOut = 0;
  private waiters: (() => void)[] = [];
  private exited = false;

  constructor(l: Launcher, args: readonly string[], env: NodeJS.ProcessEnv) {
    this.startedAt = performance.now();
    this.child = spawn(l.cmd, [...l.args, '--json', '--follow', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const rl = createInterface({ input: this.child.stdout! });
    rl.on('line', (text) => {
      this.bytesOut += Buffer.byteLength(text) + 1;
      if (text.startsWith('{"type":"heartbeat"')) {
        this.heartbeats.push({ at: performance.now(), text });
        return;
      }
      this.lines.push({ at: performance.now(), text });
      this.wake();
    });
    this.child.on('exit', () => {
      this.exited = true;
      this.wake();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The first line from index `from` on whose snapshot passes `test`; rejects after `timeoutMs`. */
  async waitFor(from: number, test: (snapshot: Snapshot) => boolean, timeoutMs: number): Promise<{ index: number; line: FollowLine; snapshot: Snapshot }> {
    const found = await this.waitForText(from, (text) => test(JSON.parse(text) as Snapshot), timeoutMs);
    return { ...found, snapshot: JSON.parse(found.text) as Snapshot };
  }

  /** Like `waitFor` on the raw line (a snapshot is large: parsing all of each line costs the bench). */
  async waitForText(from: number, test: (text: string) => boolean, timeoutMs: number): Promise<{ index: number; line: FollowLine; text: string }> {
    const deadline = performance.now() + timeoutMs;
    for (let i = from; ; i++) {
      while (i >= this.lines.length) {
        if (this.exited) throw new Error('cctop exited');
        if (performance.now() > deadline) throw new Error(`no matching line within ${timeoutMs} ms`);
        await this.nextLine(deadline);
      }
      const line = this.lines[i]!;
      const text = line.text;
      line.text = ''; // each line is judged once
      if (test(text)) return { index: i, line, text };
    }
  }

  stop(): Promise<void> {
    return stop(this.child);
  }

  private nextLine(deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, deadline - performance.now()));
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/**
 * Σ of every day's total tokens, read from the snapshot's `days` array alone (the snapshot
 * lists `days` right before `month`; the whole line is parsed if that ever changes).
 */
export function daysTotal(text: string): number {
  const start = text.indexOf('"days":[');
  const end = text.indexOf('],"month":', start);
  const days = start !== -1 && end !== -1 ? (JSON.parse(text.slice(start + 7, end + 1)) as Snapshot['days']) : (JSON.parse(text) as Snapshot).days;
  return days.reduce((a, d) => a + d.tokens.total, 0);
}

/** The parts of cctop's JSON snapshot the bench reads. */
export interface Snapshot {
  now: string;
  since: string;
  loading: { done: boolean; filesRead: number; filesTotal: number; bytesRead: number; bytesTotal: number };
  burnRate: { tokensPerMinute: number };
  activeBlock: { start: string; end: string; tokens: { total: number } } | null;
  days: { date: string; tokens: { input: number; output: number; cacheCreation: number; cacheRead: number; total: number } }[];
  diagnostics: { badLines: number; filesRead: number; linesRead: number };
}
