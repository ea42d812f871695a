import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CLI, REPO, isolatedEnv, startCli } from './support/cli.js';
import { appendResponse, tempRoot } from './support/logs.js';
import { hasTmux, privateTmux } from './support/tmux.js';

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

describe.skipIf(!hasTmux())('the monitor in a terminal (tmux)', () => {
  const tmux = privateTmux();
  const session = 'live';
  afterEach(() => tmux.killSession(session));
  afterAll(() => tmux.kill());

  it('shows appended usage on screen and quits cleanly on q', async () => {
    const { root, file } = tempRoot();
    appendResponse(file, 1, Date.now() - 60_000);
    tmux.start(session, [process.execPath, '--import', 'tsx', CLI, '--dir', root, '--tz', 'UTC', '--plan', 'max5'],
      { env: isolatedEnv(), cwd: REPO, width: 100, height: 30 });
    // Generous: under the full suite's load (10,000-file fault tests beside it) start-up can be slow.
    await tmux.waitForScreen(session, 'used 113k tok · $0.12', 45_000);

    appendResponse(file, 2, Date.now());
    await tmux.waitForScreen(session, 'used 226k tok · $0.25', 20_000);

    tmux.tmux('send-keys', '-t', session, 'q');
    expect(await tmux.exitStatus(session)).toBe(0);
  }, 90_000);
});
