import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, REPO, isolatedEnv } from './support/cli.js';
import { HOSTILE_FOLDER_SHOWN, HOSTILE_NOW, INJECTING_SHOWN_START, hostileTree } from './support/hostile-logs.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

describe.skipIf(!hasTmux)('the monitor in tmux on the hostile tree', () => {
  const session = `cctop-hostile-${process.pid}`;
  afterEach(() => spawnSync('tmux', ['kill-session', '-t', session]));

  const tmux = (...args: string[]) => execFileSync('tmux', args).toString();
  const screen = () => tmux('capture-pane', '-p', '-t', session);
  const waitForScreen = async (text: string, timeoutMs: number) => {
    for (const deadline = Date.now() + timeoutMs; !screen().includes(text);) {
      if (Date.now() > deadline) throw new Error(`"${text}" never appeared; the screen:\n${screen()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('leaves the pane title alone and shows the hostile names escaped, in the live and diagnostics views', async () => {
    const root = hostileTree();
    // The command goes through a script: the shell must not see the hostile names.
    const script = join(root, 'run.sh');
    writeFileSync(script, `exec node --import tsx ${CLI} --dir ${root} --now ${HOSTILE_NOW} --tz UTC --since 2026-11-01\n`);
    execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '120', '-y', '40', '-c', REPO, `sh ${script}`], {
      env: { ...isolatedEnv(), TERM: 'xterm-256color' },
    });
    tmux('select-pane', '-t', session, '-T', 'untouched');
    // The footer's problem count appears once the history is read.
    await waitForScreen('1 unreadable file', 45_000);
    // Every session is on screen only once the history is in; the spiking one is named before that.
    await waitForScreen(INJECTING_SHOWN_START, 20_000);
    await waitForScreen('me/\\x1b]0;pwned\\x07', 20_000);
    const title = () => tmux('display-message', '-p', '-t', session, '#{pane_title}').trim();
    expect(title()).toBe('untouched');
    expect(screen()).toContain(INJECTING_SHOWN_START);
    expect(screen()).toContain('me/\\x1b]0;pwned\\x07');
    tmux('send-keys', '-t', session, 'd');
    await waitForScreen(HOSTILE_FOLDER_SHOWN, 10_000);
    expect(title()).toBe('untouched');
    tmux('send-keys', '-t', session, 'q');
  }, 90_000);
});
