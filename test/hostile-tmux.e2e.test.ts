import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CLI, REPO, isolatedEnv } from './support/cli.js';
import { HOSTILE_FOLDER_SHOWN, HOSTILE_NOW, INJECTING_SHOWN_START, hostileTree } from './support/hostile-logs.js';
import { hasTmux, privateTmux } from './support/tmux.js';

describe.skipIf(!hasTmux())('the monitor in tmux on the hostile tree', () => {
  const tmux = privateTmux();
  const session = 'hostile';
  afterEach(() => tmux.killSession(session));
  afterAll(() => tmux.kill());

  it('leaves the pane title alone and shows the hostile names escaped, in the live and diagnostics views', async () => {
    const root = hostileTree();
    // The command goes through a script (tmux.start): the shell never sees the hostile names.
    tmux.start(session, [process.execPath, '--import', 'tsx', CLI, '--dir', root, '--now', HOSTILE_NOW, '--tz', 'UTC', '--since', '2026-11-01'],
      { env: isolatedEnv(), cwd: REPO, width: 120, height: 40 });
    tmux.tmux('select-pane', '-t', session, '-T', 'untouched');
    // The footer's problem count appears once the history is read.
    await tmux.waitForScreen(session, '1 unreadable file', 45_000);
    // Every session is on screen only once the history is in; the spiking one is named before that.
    await tmux.waitForScreen(session, INJECTING_SHOWN_START, 20_000);
    await tmux.waitForScreen(session, 'me/\\x1b]0;pwned\\x07', 20_000);
    const title = () => tmux.tmux('display-message', '-p', '-t', session, '#{pane_title}').trim();
    expect(title()).toBe('untouched');
    expect(tmux.screen(session)).toContain(INJECTING_SHOWN_START);
    expect(tmux.screen(session)).toContain('me/\\x1b]0;pwned\\x07');
    tmux.tmux('send-keys', '-t', session, 'd');
    await tmux.waitForScreen(session, HOSTILE_FOLDER_SHOWN, 10_000);
    expect(title()).toBe('untouched');
    tmux.tmux('send-keys', '-t', session, 'q');
    expect(await tmux.exitStatus(session)).toBe(0);
  }, 90_000);
});
