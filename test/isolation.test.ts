/**
 * The suite leaves the user's machine alone: every process it starts (directly, in tmux, through
 * the code under test, or over ssh) sees a temporary HOME and temporary XDG folders, never the
 * runner's own (test/support/isolation.ts, test/support/global-setup.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { parseRemoteSpec } from '../src/remote/spec.js';
import { REPO, runCli, startCli, CLI } from './support/cli.js';
import { recordFeed } from './support/feed-recorder.js';
import { commandPath, inTemp, isolatedEnv, runChildSync, spawnChild, XDG_FOLDERS, XDG_NAMES } from './support/isolation.js';
import { waitFor } from './support/remote-logs.js';
import { sshdMissing, startSshd } from './support/sshd.js';
import { hasTmux, privateTmux } from './support/tmux.js';

const ENV_CHILD = join(REPO, 'test', 'support', 'env-child.mjs');
const outer = inject('outerEnv');
const OUTER_FOLDERS = [outer.HOME, outer.XDG_CONFIG_HOME, outer.XDG_STATE_HOME, outer.XDG_DATA_HOME, outer.XDG_CACHE_HOME];
type Env = Record<string, string | undefined>;

/** Runs the env child with `start` and reads what it saw. */
async function envSeenBy(start: (out: string) => Promise<void>): Promise<Env> {
  const out = join(isolatedEnv().HOME!, 'env.json');
  await start(out);
  return JSON.parse(readFileSync(out, 'utf8')) as Env;
}

/** Where `path` lies: inside the temp folder or not, and which of the runner's own folders it is or lies in. */
function placed(path: string | undefined): { inTemp: boolean; inRunnersOwn: string[] } {
  const within = (own: string) => path !== undefined && (own === path || (own !== outer.HOME && !relative(own, path).startsWith('..')));
  return { inTemp: path !== undefined && inTemp(path), inRunnersOwn: OUTER_FOLDERS.filter(within) };
}

/** A child's HOME is a fresh temp folder, each XDG folder is inside it where XDG_FOLDERS says, and nothing leads elsewhere. */
function expectFreshHome(env: Env, others: string[]): void {
  const home = env.HOME!;
  expect(placed(home)).toEqual({ inTemp: true, inRunnersOwn: [] });
  expect(others).not.toContain(home);
  expect(Object.fromEntries(XDG_NAMES.map((name) => [name, env[name]])))
    .toEqual(Object.fromEntries(XDG_NAMES.map((name) => [name, join(home, ...XDG_FOLDERS[name])])));
  expect({ CLAUDE_CONFIG_DIR: env.CLAUDE_CONFIG_DIR, TMUX: env.TMUX, TMUX_PANE: env.TMUX_PANE })
    .toEqual({ CLAUDE_CONFIG_DIR: undefined, TMUX: undefined, TMUX_PANE: undefined });
}

describe('the test run', () => {
  it('runs its workers with a temporary HOME, XDG folders and TMPDIR, inside this run\'s own folder', () => {
    const root = inject('runRoot');
    expect(dirname(root)).toBe(outer.TMPDIR);
    expect(tmpdir()).toBe(root);
    for (const name of ['HOME', ...XDG_NAMES]) {
      expect([name, relative(root, process.env[name]!).startsWith('runner-home')]).toEqual([name, true]);
    }
    expect(OUTER_FOLDERS).not.toContain(process.env.HOME);
    expect(OUTER_FOLDERS).not.toContain(process.env.XDG_DATA_HOME);
    expect(process.env.CLAUDE_CONFIG_DIR).toBeUndefined();
  });
});

describe('a child started by the test helpers', () => {
  it('sees a fresh temporary HOME with every XDG folder inside it, a new one per child', async () => {
    const run = (out: string) => new Promise<void>((resolve) => spawnChild(process.execPath, [ENV_CHILD, out]).once('close', () => resolve()));
    const first = await envSeenBy(run);
    const second = await envSeenBy(run);
    expectFreshHome(first, [process.env.HOME!]);
    expectFreshHome(second, [process.env.HOME!, first.HOME!]);
  });

  it('is cctop keeping its history store in that fresh HOME (runCli)', async () => {
    const { code, stdout, stderr } = await runCli(['store', 'info']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const store = /^store +(\S+) /m.exec(stdout)?.[1];
    expect(placed(store)).toEqual({ inTemp: true, inRunnersOwn: [] });
    expect(store).toMatch(/\/cctop-home-[^/]+\/\.local\/share\/cctop\/history\.sqlite$/);
    expect(store!.startsWith(process.env.HOME!)).toBe(false);
  });

  it('is found on the PATH without starting a child (whose HOME nothing would remove outside a run)', () => {
    const before = readdirSync(tmpdir()).length;
    const sh = commandPath('sh');
    expect(sh !== null && sh.startsWith('/') && sh.endsWith('/sh')).toBe(true);
    expect(commandPath('no-such-program-cctop')).toBeNull();
    expect(readdirSync(tmpdir()).length).toBe(before);
  });

  it('refuses to start with the runner\'s own folders', () => {
    const own = { ...isolatedEnv(), XDG_DATA_HOME: outer.XDG_DATA_HOME };
    expect(() => startCli(['--help'], own)).toThrow(`a test's child would see the user's own folders: XDG_DATA_HOME=${outer.XDG_DATA_HOME}`);
  });
});

describe.skipIf(!hasTmux())('a program in the private tmux server', () => {
  const tmux = privateTmux();
  const session = 'isolation';
  afterEach(() => tmux.killSession(session));
  afterAll(() => tmux.kill());

  it('uses a socket of its own inside the temp folder', () => {
    expect(placed(tmux.socket).inTemp).toBe(true);
  });

  it('sees the environment its command carries, not the server\'s', async () => {
    const env = isolatedEnv();
    const seen = await envSeenBy(async (out) => {
      tmux.start(session, [process.execPath, ENV_CHILD, out], { env, cwd: REPO, width: 80, height: 24 });
      expect(await tmux.exitStatus(session)).toBe(0);
    });
    expectFreshHome(seen, [process.env.HOME!]);
    expect(seen.HOME).toBe(env.HOME);
    expect(seen.TERM).toMatch(/^(screen|tmux)/);
  });

  it('is cctop keeping its history store in the HOME its command carries', async () => {
    const env = isolatedEnv();
    tmux.start(session, [process.execPath, '--import', 'tsx', CLI, 'store', 'info'], { env, cwd: REPO, width: 250, height: 30 });
    expect(await tmux.exitStatus(session)).toBe(0);
    // The pane's history too: the line may have scrolled off by the time the dead pane says so.
    const output = tmux.tmux('capture-pane', '-p', '-S', '-', '-t', session);
    expect(output).toContain(`store      ${join(env.XDG_DATA_HOME!, 'cctop', 'history.sqlite')} (SQLite`);
  });
});

describe('a process the code under test starts (the remote feed\'s ssh)', () => {
  it('inherits the worker\'s temporary HOME and XDG folders', async () => {
    const spec = parseRemoteSpec('devbox');
    if (!spec.ok) throw new Error(spec.error);
    const seen = await envSeenBy(async (out) => {
      const r = recordFeed({ spec: spec.spec, sshCommand: `'${process.execPath}' '${ENV_CHILD}' '${out}'` });
      await waitFor(() => r.feed.state.state !== 'connecting' && existsSync(out), 10_000, 'the stand-in ssh to end');
      await r.feed.close();
    });
    expect(placed(seen.HOME)).toEqual({ inTemp: true, inRunnersOwn: [] });
    for (const name of XDG_NAMES) expect([name, seen[name]]).toEqual([name, process.env[name]]);
    expect(seen.CLAUDE_CONFIG_DIR).toBeUndefined();
  });
});

const missing = sshdMissing();
describe.skipIf(missing !== null)('a session of the test sshd', () => {
  it('has a temporary HOME and no XDG folder outside the temp folder', async () => {
    const server = await startSshd();
    try {
      const out = runChildSync('sh', ['-c', `${server.sshCommand} 127.0.0.1 env`]);
      const env = Object.fromEntries(out.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      expect(placed(env.HOME)).toEqual({ inTemp: true, inRunnersOwn: [] });
      expect(env.HOME).toBe(server.home);
      expect(XDG_NAMES.filter((name) => env[name] !== undefined && !inTemp(env[name]))).toEqual([]);
      expect(readdirSync(server.home)).toEqual([]);
    } finally {
      await server.dispose();
    }
  });
});
