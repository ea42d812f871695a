import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CLI, REPO, isolatedEnv, startCli } from './support/cli.js';
import { isSnapshotLine } from './support/follow-output.js';
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

describe('cctop --json --follow on a fixed clock (--now)', () => {
  it('writes one snapshot for an append, then a heartbeat of under 300 bytes 5 s after it', async () => {
    const now = Date.parse('2026-11-25T14:30:00Z');
    const { root, file } = tempRoot();
    appendResponse(file, 1, now - 60_000);
    const child = startCli(['--json', '--follow', '--dir', root, '--tz', 'UTC', '--now', new Date(now).toISOString()]);
    const lines: string[] = [];
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      const parts = (buffer += d.toString()).split('\n');
      buffer = parts.pop()!;
      lines.push(...parts);
    });
    const total = (line: string) => (JSON.parse(line) as { activeBlock: { tokens: { total: number } } }).activeBlock.tokens.total;
    // Once the history is read (the first line may come before), nothing changes until the append.
    await waitFor(() => lines.find((l) => isSnapshotLine(l) && (JSON.parse(l) as { loading: { done: boolean } }).loading.done));
    const from = lines.length;
    appendResponse(file, 2, now - 30_000);
    const beat = await waitFor(() => lines.slice(from).find((l) => !isSnapshotLine(l)));

    expect(lines.slice(from).map((l) => (isSnapshotLine(l) ? total(l) : l))).toEqual([226_000, beat]);
    expect(beat).toBe('{"type":"heartbeat","now":"2026-11-25T14:30:00.000Z","lastEventAt":"2026-11-25T14:29:30.000Z"}');
    expect(Buffer.byteLength(beat)).toBeLessThan(300);
    child.kill('SIGTERM');
    expect(await new Promise((done) => child.on('close', done))).toBe(0);
  }, 30_000);
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
