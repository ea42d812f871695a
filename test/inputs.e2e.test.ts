import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, FIXTURES, isolatedEnv, REPO, runCli, startCli } from './support/cli.js';
import { spawnChild } from './support/isolation.js';
import { manySessionsRoot } from './support/many-sessions.js';

const NOW = '2026-11-25T12:00:00Z';
const usage = (message: string) => `cctop: ${message}\nTry cctop --help\n`;

describe('bad flags exit 2 with the flag named, before anything starts', () => {
  it.each([
    [['--json', '--burn-window', '1e9'], '--burn-window: bad value "1e9" (expected a whole number of minutes, 1–60)'],
    [['--json', '--window-limit', '-5'], '--window-limit: bad value "-5" (expected auto or a number above 0, at most 1e12)'],
    [['--json', '--spike-factor', '1e308'], '--spike-factor: bad value "1e308" (expected a multiple of 1–100)'],
    [['--json', '--since', '2026-02-30'], '--since: bad value "2026-02-30" (expected a calendar day as YYYY-MM-DD)'],
    [['--json', '--since', '2026-11-26', '--now', NOW, '--tz', 'UTC'], '--since: bad value "2026-11-26" (after today, 2026-11-25 in UTC)'],
    [['--json', '--now', '2026-11-25'], '--now: bad value "2026-11-25" (expected an ISO-8601 instant such as 2026-11-25T10:00:00Z)'],
    [['store', 'vacuum'], 'unknown store subcommand "vacuum" (expected info, rebuild, export or prune)'],
    [['frobnicate'], 'unknown command "frobnicate" (expected statusline, store, serve, mcp or feed)'],
  ])('%j', async (argv, message) => {
    const { code, stdout, stderr } = await runCli(argv);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: usage(message) });
  }, 20_000);

  it('cctop feed without a Claude Code folder says so in its protocol, with status 1', async () => {
    const { code, stdout, stderr } = await runCli(['feed']);
    const err = { code: 'noroot', text: 'no Claude Code folder (~/.claude, ~/.config/claude or $CLAUDE_CONFIG_DIR)' };
    expect({ code, stdout, stderr }).toEqual({ code: 1, stdout: `{"cctop":1}\n${JSON.stringify({ err })}\n`, stderr: '' });
  });
});

describe('roots that cannot be read are said on stderr', () => {
  const file = join(isolatedEnv().HOME!, 'not-a-folder');
  writeFileSync(file, '');
  const missing = '/nonexistent/cctop-root';
  const none = 'cctop: warning: none of the log folders could be read: there is no usage to show\n';

  it('by --json, root by root, and when none can be read', async () => {
    const both = await runCli(['--json', '--dir', missing, '--dir', file, '--now', NOW]);
    expect(both.code).toBe(0);
    expect(both.stderr).toBe(`cctop: warning: cannot read ${missing}: does not exist\ncctop: warning: cannot read ${file}: not a folder\n${none}`);
    const one = await runCli(['--json', '--dir', FIXTURES, '--dir', missing, '--since', '2025-09-01', '--now', NOW]);
    expect(one.stderr).toBe(`cctop: warning: cannot read ${missing}: does not exist\n`);
    const found = await runCli(['--json', '--dir', FIXTURES, '--since', '2025-09-01', '--now', NOW]);
    expect(found.stderr).toBe('');
  }, 20_000);

  it('by --json when no Claude Code folder exists at all', async () => {
    const { code, stderr } = await runCli(['--json', '--now', NOW]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: 'cctop: warning: no Claude Code logs in ~/.config/claude, ~/.claude: use --dir PATH\n' });
  });

  it('by --json --follow, with the first line', async () => {
    const child = startCli(['--json', '--follow', '--dir', missing, '--now', NOW]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: `cctop: warning: cannot read ${missing}: does not exist\n${none}` });
  }, 20_000);
});

/** `cctop ARGS | head -1` in bash: cctop's own exit status, its stderr, and what head printed. */
function intoHead(args: string[]): Promise<{ status: string; stderr: string; line: string }> {
  const quoted = args.map((a) => `'${a}'`).join(' ');
  const script = `"$NODE" --import tsx '${CLI}' ${quoted} 2>"$ERR" | head -1 >"$OUT"; echo "\${PIPESTATUS[0]}"; cat "$ERR"`;
  const env = isolatedEnv();
  Object.assign(env, { NODE: process.execPath, ERR: join(env.HOME!, 'err'), OUT: join(env.HOME!, 'out') });
  const child = spawnChild('bash', ['-c', `${script}; printf '\\n---\\n'; cat "$OUT"`], { cwd: REPO, env });
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  return new Promise((resolve) => child.on('close', () => {
    const [head = '', line = ''] = text.split('\n---\n');
    const [status = '', ...stderr] = head.split('\n');
    resolve({ status, stderr: stderr.join('\n').trim(), line: line.trim() });
  }));
}

describe('a closed pipe ends cctop quietly, with status 0', () => {
  const root = manySessionsRoot(1500, Date.parse(NOW));

  it('for --json', async () => {
    expect(await intoHead(['--json', '--dir', root, '--now', NOW, '--tz', 'UTC'])).toEqual({ status: '0', stderr: '', line: '{' });
  }, 20_000);

  it('for --json --follow', async () => {
    const r = await intoHead(['--json', '--follow', '--dir', root, '--now', NOW, '--tz', 'UTC']);
    expect({ status: r.status, stderr: r.stderr, start: r.line.slice(0, 48) }).toEqual({ status: '0', stderr: '', start: '{"type":"snapshot","now":"2026-11-25T12:00:00.00' });
  }, 20_000);

  it('for the plain snapshot', async () => {
    const r = await intoHead(['--dir', root, '--now', NOW, '--tz', 'UTC']);
    expect({ status: r.status, stderr: r.stderr, start: r.line.slice(0, 23) }).toEqual({ status: '0', stderr: '', start: 'cctop · Max · UTC 12:00' });
  }, 20_000);
});
