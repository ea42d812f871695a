import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, FIXTURES, isolatedEnv, REPO, runCli, type CliResult } from './support/cli.js';
import { spawnChild } from './support/isolation.js';
import { append, response } from './support/faults.js';

const REPORT = ['--dir', FIXTURES, '--now', '2026-02-10T23:00:00Z', '--tz', 'UTC', '--since', '2026-02-01'];
const REFUSED = 'ssh: connect to host devbox port 22: Connection refused';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/** A home of its own (HOME, every XDG folder inside it), removed after the test; `script` writes an executable there. */
function home() {
  const env = isolatedEnv();
  const dir = env.HOME!;
  homes.push(dir);
  Object.assign(env, { XDG_DATA_HOME: join(dir, '.local', 'share'), XDG_CACHE_HOME: join(dir, '.cache') });
  const script = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };
  return { env, dir, script };
}

/** `runCli`, and how long it took. */
async function timed(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult & { seconds: number }> {
  const start = Date.now();
  const result = await runCli(args, env);
  return { ...result, seconds: (Date.now() - start) / 1000 };
}

describe('a one-shot report tries each remote once and says what failed', () => {
  it('--json: a refused connection on stderr once, in machines[], status 1, within seconds', async () => {
    const h = home();
    // Fails as ssh does: its reason on stderr, status 255.
    const ssh = h.script('fake-ssh', `echo "${REFUSED}" >&2; exit 255`);
    const run = await timed(['--json', ...REPORT, '--remote', 'devbox', '--ssh-command', ssh], h.env);
    expect([run.code, run.stderr]).toEqual([1, `cctop: devbox: ${REFUSED}\n`]);
    expect(JSON.parse(run.stdout).machines).toEqual([{ machine: 'devbox', state: 'failed', lagMs: null, message: `devbox: ${REFUSED}` }]);
    expect(run.seconds).toBeLessThan(10);
  }, 30_000);

  it('--json: a host that never answers is given up after 10 s', async () => {
    const h = home();
    const ssh = h.script('hanging-ssh', 'exec sleep 600');
    const run = await timed(['--json', ...REPORT, '--remote', 'devbox', '--ssh-command', ssh], h.env);
    expect([run.code, run.stderr]).toEqual([1, 'cctop: devbox: no answer within 10 s\n']);
    expect(JSON.parse(run.stdout).machines).toEqual([{ machine: 'devbox', state: 'failed', lagMs: null, message: 'devbox: no answer within 10 s' }]);
    expect(run.seconds).toBeLessThan(20);
  }, 40_000);

  it('the plain snapshot: the same report, status 1', async () => {
    const h = home();
    const ssh = h.script('fake-ssh', `echo "${REFUSED}" >&2; exit 255`);
    const run = await timed([...REPORT, '--remote', 'devbox', '--ssh-command', ssh], h.env);
    expect([run.code, run.stderr]).toEqual([1, `cctop: devbox: ${REFUSED}\n`]);
    expect(run.stdout).toMatch(/^cctop · Max · UTC 23:00:00\n/);
    expect(run.seconds).toBeLessThan(10);
  }, 30_000);
});

describe('every notice of a one-shot report also goes to stderr, once', () => {
  it('a store that cannot be made: the notice on stderr and in the snapshot, status 0', async () => {
    const h = home();
    writeFileSync(join(h.dir, 'a-file'), '');
    const run = await runCli(['--json', ...REPORT, '--store', join(h.dir, 'a-file', 'cctop', 'history.sqlite')], h.env);
    // Folders are made one level at a time (each 0700): the file stands where the first one would be.
    const notice = `history store off: cannot create its folder (EEXIST: file already exists, mkdir '${join(h.dir, 'a-file')}'); running in memory`;
    expect([run.code, run.stderr]).toEqual([0, `cctop: ${notice}\n`]);
    expect(JSON.parse(run.stdout).diagnostics.notices).toEqual([notice]);
  }, 30_000);

  it('a full disk while storing (a file size limit): the notice on stderr and in the snapshot', async () => {
    const h = home();
    const root = join(h.dir, 'claude');
    let text = '';
    for (let n = 1; n <= 3000; n++) text += response(n);
    append(join(root, 'projects', '-home-me-src-app', 'session-1.jsonl'), text);
    // ulimit -f: writes past 200 KiB fail (EFBIG; Node ignores SIGXFSZ) as on a full disk; stdout is a pipe, not limited.
    const command = `ulimit -f 200; exec "${process.execPath}" --import tsx "${CLI}" --json --dir "${root}" --now 2026-11-20T12:00:00Z --tz UTC --since 2026-11-01`;
    const run = await new Promise<CliResult>((resolve) => {
      const child = spawnChild('sh', ['-c', command], { cwd: REPO, env: h.env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    const notice = 'history store: saving failed (disk I/O error); running in memory from now on';
    expect([run.code, run.stderr]).toEqual([0, `cctop: ${notice}\n`]);
    expect(JSON.parse(run.stdout).diagnostics.notices).toEqual([notice]);
  }, 60_000);
});
