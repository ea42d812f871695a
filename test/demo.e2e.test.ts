import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CLI, FIXTURES, isolatedEnv, REPO, runCli, startCli } from './support/cli.js';
import { appendResponse } from './support/logs.js';
import { hasTmux, privateTmux, type TmuxServer } from './support/tmux.js';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/** A home of its own: HOME, every XDG folder and TMPDIR (where the demo writes its tree) inside it, removed after the test. */
function home() {
  const env = isolatedEnv();
  const dir = env.HOME!;
  homes.push(dir);
  Object.assign(env, { XDG_DATA_HOME: join(dir, '.local', 'share'), XDG_CACHE_HOME: join(dir, '.cache'), TMPDIR: join(dir, 'tmp') });
  mkdirSync(env.TMPDIR!);
  const demoFolders = () => readdirSync(env.TMPDIR!).filter((name) => name.startsWith('cctop-demo-'));
  return { env, dir, demoFolders, stateDir: join(env.XDG_STATE_HOME!, 'cctop') };
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the demo is never taken for the user\'s usage', () => {
  it('cctop | cat without any Claude Code logs prints nothing but the reason, with status 1', async () => {
    const h = home();
    const run = await runCli([], h.env);
    expect(run).toEqual({
      code: 1, stdout: '',
      stderr: 'cctop: no Claude Code logs in ~/.config/claude, ~/.claude: use --dir PATH, or --demo for made-up usage\n',
    });
    expect(h.demoFolders()).toEqual([]);
  }, 20_000);

  it('cctop --demo | cat says so on its first line, and leaves no folder', async () => {
    const h = home();
    const run = await runCli(['--demo', '--tz', 'UTC'], h.env);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout.split('\n').slice(0, 2)).toEqual(['DEMO · generated data, not your usage', expect.stringMatching(/^cctop · Max · UTC /)]);
    expect(h.demoFolders()).toEqual([]);
  }, 20_000);

  it('--json carries "demo": true for the demo, false for real logs', async () => {
    const h = home();
    const demo = await runCli(['--demo', '--json'], h.env);
    expect([demo.code, demo.stderr, JSON.parse(demo.stdout).demo]).toEqual([0, '', true]);
    const real = await runCli(['--json', '--dir', FIXTURES, '--now', '2026-02-10T23:00:00Z', '--since', '2026-02-01', '--no-store'], h.env);
    expect([real.code, real.stderr, JSON.parse(real.stdout).demo]).toEqual([0, '', false]);
  }, 30_000);

  it.each([
    [['serve', '--demo', '--metrics', ':9469'], '--demo goes with the monitor or --json'],
    [['mcp', '--demo'], '--demo goes with the monitor or --json'],
    [['store', 'info', '--demo'], '--demo goes with the monitor or --json'],
    [['--demo', '--metrics', ':9469'], '--demo is not served to Prometheus: drop --metrics (or "metrics" in the config file)'],
  ])('is refused where it could not say so: %j', async (argv, message) => {
    const run = await runCli(argv, home().env);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `cctop: ${message}\nTry cctop --help\n` });
  }, 20_000);

  it('--demo --json --follow writes no burn.json: the statusline never shows the demo\'s rate', async () => {
    const h = home();
    // The real clock (no --now): a monitor on the user's logs would write burn.json with its first line.
    const child = startCli(['--demo', '--json', '--follow'], h.env);
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
    expect(JSON.parse(first.split('\n')[0]!).demo).toBe(true);
    child.kill('SIGTERM');
    expect(await new Promise((resolve) => child.once('close', resolve))).toBe(0);
    expect(existsSync(join(h.stateDir, 'burn.json'))).toBe(false);
    const input = readFileSync(join(REPO, 'fixtures', 'statusline', 'no-rate-limits.json'), 'utf8');
    expect(await runCli(['statusline'], h.env, input)).toEqual({ code: 0, stdout: 'session $1.23\n', stderr: '' });
    expect(h.demoFolders()).toEqual([]);
  }, 30_000);
});

describe.skipIf(!hasTmux())('the demo on the screen (tmux)', () => {
  const servers: TmuxServer[] = [];
  afterAll(() => servers.forEach((server) => server.kill()));

  /** cctop in an 80×24 pane of a private tmux server (its command carries `env`); returns the screen reader and the server. */
  function inTmux(env: NodeJS.ProcessEnv) {
    const tmux = privateTmux();
    servers.push(tmux);
    tmux.start('demo', [process.execPath, '--import', 'tsx', CLI, '--tz', 'UTC'], { env, cwd: REPO, width: 80, height: 24 });
    const screen = () => tmux.screen('demo');
    const waitForScreen = (test: (text: string) => boolean, what: string, timeoutMs = 45_000) =>
      waitFor(() => (test(screen()) ? true : undefined), timeoutMs, () => `${what}; the screen:\n${screen()}`);
    return { tmux, screen, waitForScreen };
  }

  it('gives way to the user\'s logs as soon as Claude Code writes one', async () => {
    const h = home();
    const { tmux, waitForScreen } = inTmux(h.env);
    await waitForScreen((s) => s.includes('DEMO · no Claude Code logs in ~/.config/claude, ~/.claude'), 'the demo');
    expect(h.demoFolders()).toHaveLength(1);

    const project = join(h.dir, '.claude', 'projects', '-home-me-src-app');
    mkdirSync(project, { recursive: true });
    appendResponse(join(project, 'session-1.jsonl'), 1, Date.now() - 60_000);
    await waitForScreen((s) => s.includes('used 113k tok · $0.12') && !s.includes('DEMO'), 'the user\'s logs, without DEMO');
    await waitFor(() => (h.demoFolders().length === 0 ? true : undefined), 10_000, () => `the demo folder removed: ${h.demoFolders().join(', ')}`);
    // burn.json, written only now, holds the user's rate: one response of $0.123 (113k tokens) in the last 10 minutes.
    const burn = await waitFor(() => (existsSync(join(h.stateDir, 'burn.json')) ? readFileSync(join(h.stateDir, 'burn.json'), 'utf8') : undefined), 15_000, () => 'burn.json');
    expect(JSON.parse(burn)).toMatchObject({ tokensPerMinute: 11_300, costPerHour: expect.closeTo(0.738, 9) });

    tmux.tmux('send-keys', '-t', 'demo', 'q');
    expect(await tmux.exitStatus('demo')).toBe(0);
  }, 120_000);

  it('goes with a closed terminal: its temporary folder is removed', async () => {
    const h = home();
    const { tmux, waitForScreen } = inTmux(h.env);
    await waitForScreen((s) => s.includes('DEMO · no Claude Code logs'), 'the demo');
    expect(h.demoFolders()).toHaveLength(1);
    // The server and its pane go: cctop gets SIGHUP, and its terminal is gone.
    tmux.tmux('kill-server');
    await waitFor(() => (h.demoFolders().length === 0 ? true : undefined), 15_000, () => `the demo folder removed: ${h.demoFolders().join(', ')}`);
  }, 90_000);
});
