import { describe, expect, it } from 'vitest';
import { notifyAlerts, tmuxPassthrough } from './notify.js';

const MESSAGE = 'Limit hit at 16:05 at this rate, before the 17:00 reset';

function capture(channels: ('osc' | 'tmux' | 'desktop')[], env: { TMUX?: string } = {}, has = true) {
  const written: string[] = [];
  const ran: string[][] = [];
  notifyAlerts([MESSAGE], { channels, env, write: (t) => written.push(t), run: (p, a) => ran.push([p, ...a]), has: () => has });
  return { written, ran };
}

describe('--notify', () => {
  it('osc: writes an OSC 9 and an OSC 777 notification, once per alert', () => {
    expect(capture(['osc'])).toEqual({
      written: [`\u001b]9;cctop: ${MESSAGE}\u0007\u001b]777;notify;cctop;${MESSAGE}\u0007`],
      ran: [],
    });
  });

  it('osc inside tmux: wraps each sequence for passthrough, ESC doubled', () => {
    const { written } = capture(['osc'], { TMUX: '/tmp/tmux-0/default,1,0' });
    expect(written).toEqual([tmuxPassthrough(`\u001b]9;cctop: ${MESSAGE}\u0007`) + tmuxPassthrough(`\u001b]777;notify;cctop;${MESSAGE}\u0007`)]);
    expect(tmuxPassthrough('\u001b]9;x\u0007')).toBe('\u001bPtmux;\u001b\u001b]9;x\u0007\u001b\\');
  });

  it('tmux: a message on tmux\'s line, only inside tmux; desktop: notify-send where it exists', () => {
    expect(capture(['tmux']).ran).toEqual([]);
    expect(capture(['tmux'], { TMUX: 'x' }).ran).toEqual([['tmux', 'display-message', '--', `cctop: ${MESSAGE}`]]);
    expect(capture(['desktop']).ran).toEqual([['notify-send', 'cctop', MESSAGE]]);
    expect(capture(['desktop'], {}, false).ran).toEqual([]);
  });

  it('cannot be made to end its sequence early: control characters in the text are escaped', () => {
    const written: string[] = [];
    notifyAlerts(['Spike: x\u0007\u001b]0;pwned\u0007'], { channels: ['osc'], env: {}, write: (t) => written.push(t) });
    expect(written[0]).toBe('\u001b]9;cctop: Spike: x\\x07\\x1b]0;pwned\\x07\u0007\u001b]777;notify;cctop;Spike: x\\x07\\x1b]0;pwned\\x07\u0007');
  });
});
