import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, REPO, isolatedEnv, startCli } from './support/cli.js';
import { appendResponse, tempRoot } from './support/logs.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('cctop --json --follow', () => {
  it('prints a new snapshot line as soon as a line is appended', async () => {
    const { root, file } = tempRoot();
    appendResponse(file, 1, Date.now() - 60_000);
    const child = startCli(['--json', '--follow', '--dir', root, '--tz', 'UTC']);
    const lines: string[] = [];
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      lines.push(...parts);
    });
    const first = await waitFor(() => (lines[0] ? JSON.parse(lines[0]) : undefined));
    expect(first.activeBlock.tokens.total).toBe(113_000);
    expect(first.activeBlock.costUSD).toBeCloseTo(0.123, 10);

    appendResponse(file, 2, Date.now());
    const updated = await waitFor(() => lines.map((l) => JSON.parse(l)).find((s) => s.activeBlock?.tokens.total === 226_000));
    expect(updated.activeBlock.costUSD).toBeCloseTo(0.246, 10);
    expect(updated.sessions[0]).toMatchObject({ sessionId: 'session-1', project: 'src/app', active: true });

    child.kill('SIGTERM');
    const code = await new Promise((done) => child.on('close', done));
    expect(code).toBe(0);
  });
});

describe.skipIf(!hasTmux)('the monitor in a terminal (tmux)', () => {
  const session = `cctop-e2e-${process.pid}`;
  afterEach(() => spawnSync('tmux', ['kill-session', '-t', session]));

  const screen = () => execFileSync('tmux', ['capture-pane', '-p', '-t', session]).toString();
  /** Waits for `text` on screen; on timeout the error shows the screen as it was. */
  const waitForScreen = (text: string, timeoutMs: number) =>
    waitFor(() => (screen().includes(text) ? true : undefined), timeoutMs).catch((err: Error) => {
      throw new Error(`${err.message} for "${text}"; the screen:\n${screen()}`);
    });

  it('shows appended usage on screen and quits cleanly on q', async () => {
    const { root, file } = tempRoot();
    const exitFile = join(root, 'exit-code');
    appendResponse(file, 1, Date.now() - 60_000);
    const env = isolatedEnv();
    const command = `node --import tsx ${CLI} --dir ${root} --tz UTC --plan max5; echo $? > ${exitFile}; sleep 5`;
    execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '100', '-y', '30', '-c', REPO, command], {
      env: { ...env, TERM: 'xterm-256color' },
    });
    // Generous: under the full suite's load (10,000-file fault tests beside it) start-up can be slow.
    await waitForScreen('used 113k tok · $0.12', 45_000);

    appendResponse(file, 2, Date.now());
    await waitForScreen('used 226k tok · $0.25', 20_000);

    execFileSync('tmux', ['send-keys', '-t', session, 'q']);
    const code = await waitFor(() => (existsSync(exitFile) ? readFileSync(exitFile, 'utf8').trim() : undefined));
    expect(code).toBe('0');
  }, 90_000);
});
