import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { sanitize } from '../logs/sanitize.js';

/** Where `--notify` tells of an alert: the terminal (OSC 9 and 777), tmux's message line, the desktop (notify-send). */
export type NotifyChannel = 'osc' | 'tmux' | 'desktop';

export interface NotifyOutput {
  channels: readonly NotifyChannel[];
  /** TMUX (inside tmux) and PATH, from the environment. */
  env: { TMUX?: string; PATH?: string };
  /** Writes to the terminal (the screen's stdout). */
  write: (text: string) => void;
  /** Runs a program without a shell; failures are ignored (a notification is a courtesy). */
  run?: (program: string, args: string[]) => void;
  /** Whether a program is on the PATH. */
  has?: (program: string) => boolean;
}

/**
 * Tells of each newly fired alert where the user picked, so it reaches someone looking at
 * another pane: OSC 9 (iTerm2, WezTerm, kitty, Windows Terminal…) and OSC 777 (rxvt, foot,
 * VTE) through the terminal — wrapped for tmux's passthrough inside tmux, which works over ssh
 * too — tmux's own message line, and notify-send. The text is sanitised: it cannot end the
 * sequence or carry one of its own.
 */
export function notifyAlerts(messages: readonly string[], out: NotifyOutput): void {
  const run = out.run ?? runQuietly;
  const inTmux = Boolean(out.env.TMUX);
  for (const message of messages) {
    const text = sanitize(`cctop: ${message}`);
    if (out.channels.includes('osc')) {
      const sequences = [`\u001b]9;${text}\u0007`, `\u001b]777;notify;cctop;${sanitize(message)}\u0007`];
      out.write(sequences.map((s) => (inTmux ? tmuxPassthrough(s) : s)).join(''));
    }
    if (out.channels.includes('tmux') && inTmux) run('tmux', ['display-message', '--', text]);
    if (out.channels.includes('desktop') && (out.has ?? ((p) => onPath(p, out.env.PATH)))('notify-send')) run('notify-send', ['cctop', sanitize(message)]);
  }
}

/** A sequence tmux hands to the outer terminal (`allow-passthrough on`): DCS tmux; …, each ESC doubled. */
export function tmuxPassthrough(sequence: string): string {
  return `\u001bPtmux;${sequence.replaceAll('\u001b', '\u001b\u001b')}\u001b\\`;
}

/** Whether `program` is an executable file in one of PATH's folders. */
export function onPath(program: string, path = ''): boolean {
  return path.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return dir !== '';
    } catch {
      return false;
    }
  });
}

function runQuietly(program: string, args: string[]): void {
  try {
    // Loaded here, not imported: child_process (with net and dgram) costs every start ~5 ms.
    const child = process.getBuiltinModule('node:child_process').spawn(program, args, { stdio: 'ignore', detached: false });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No such program, or no process left to make one: the alert still shows on the screen.
  }
}
