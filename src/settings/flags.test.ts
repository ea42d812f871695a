import { describe, expect, it } from 'vitest';
import { parseFlags, resolveOptions } from './options.js';

const resolve = (argv: string[]) => resolveOptions(parseFlags(argv), {}, { HOME: '/h' }, 'UTC');

describe('flag values, checked by the config schema', () => {
  it.each([
    [['--burn-window', '1e9'], '--burn-window: bad value "1e9" (expected a whole number of minutes, 1–60)'],
    [['--burn-window', '0'], '--burn-window: bad value "0" (expected a whole number of minutes, 1–60)'],
    [['--burn-window', '2.5'], '--burn-window: bad value "2.5" (expected a whole number of minutes, 1–60)'],
    [['--window-limit', '-5'], '--window-limit: bad value "-5" (expected auto or a number above 0, at most 1e12)'],
    [['--window-limit', 'lots'], '--window-limit: bad value "lots" (expected auto or a number above 0, at most 1e12)'],
    [['--weekly-limit=Infinity'], '--weekly-limit: bad value "Infinity" (expected auto or a number above 0, at most 1e12)'],
    [['--fee', '-1'], '--fee: bad value "-1" (expected a monthly fee of 0–1000000 USD)'],
    [['--fee', '1e400'], '--fee: bad value "1e400" (expected a monthly fee of 0–1000000 USD)'],
    [['--fee', '0x10'], '--fee: bad value "0x10" (expected a monthly fee of 0–1000000 USD)'],
    [['--fee', ''], '--fee: bad value "" (expected a monthly fee of 0–1000000 USD)'],
    [['--seats', '1.5'], '--seats: bad value "1.5" (expected a whole number of seats, 1–10000)'],
    [['--seats', '1e7'], '--seats: bad value "1e7" (expected a whole number of seats, 1–10000)'],
    [['--price-multiplier', '0'], '--price-multiplier: bad value "0" (expected a number above 0, at most 100)'],
    [['--price-multiplier', 'NaN'], '--price-multiplier: bad value "NaN" (expected a number above 0, at most 100)'],
    [['--spike-floor', '-1'], '--spike-floor: bad value "-1" (expected 0–1000000000 tokens per minute)'],
    [['--spike-floor', '1e10'], '--spike-floor: bad value "1e10" (expected 0–1000000000 tokens per minute)'],
    [['--spike-factor', '0.5'], '--spike-factor: bad value "0.5" (expected a multiple of 1–100)'],
    [['--spike-factor', '1e308'], '--spike-factor: bad value "1e308" (expected a multiple of 1–100)'],
    [['--plan', 'gold'], '--plan: bad value "gold" (expected pro, max, ultra, team, enterprise, api or custom)'],
    [['--limit-basis', 'usd'], '--limit-basis: bad value "usd" (expected cost, tokens or io)'],
    [['--cost-mode', 'guess'], '--cost-mode: bad value "guess" (expected calculate, auto or display)'],
    [['--dir', '/a', '--dir', ''], '--dir: bad value "" (expected a folder path)'],
    [['--pricing', ''], '--pricing: bad value "" (expected a file path)'],
    [['--store', ''], '--store: bad value "" (expected a file path or false)'],
    [['--remote', 'devbox', '--remote', '-oProxyCommand=sh'], '--remote: bad value "-oProxyCommand=sh" (expected an ssh host: host, user@host or ssh://[user@]host[:port][/path])'],
    [['--remote', 'ssh://devbox:70000'], '--remote: bad value "ssh://devbox:70000" (expected an ssh host: host, user@host or ssh://[user@]host[:port][/path])'],
    [['--ssh-command', ''], '--ssh-command: bad value "" (expected a command, such as "ssh -p 2222")'],
    [['--metrics', '9469'], '--metrics: bad value "9469" (expected host:port, [v6]:port or :port, with a port of 1–65535)'],
    [['--metrics', ':0'], '--metrics: bad value ":0" (expected host:port, [v6]:port or :port, with a port of 1–65535)'],
    [['--metrics-labels', 'project,cwd'], '--metrics-labels: bad value "project,cwd" (expected project)'],
  ])('%j', (argv, message) => {
    expect(() => resolve(argv)).toThrow(message);
  });

  it('takes the values it accepts as the config would', () => {
    const o = resolve([
      '--burn-window', '60', '--window-limit', '1.5e3', '--weekly-limit', 'auto', '--fee', '0', '--seats', '10000',
      '--price-multiplier', '0.5', '--spike-floor', '0', '--spike-factor', '1', '--bell', '--metrics', '[::1]:9469',
      '--metrics-labels', 'project', '--remote', 'me@devbox', '--ssh-command', 'ssh -p 2222', '--store', '/tmp/h.sqlite',
    ]);
    expect(o).toMatchObject({
      burnWindowMinutes: 60, windowLimit: 1500, weeklyLimit: 'auto', feeUSD: 0, seats: 10000, priceMultiplier: 0.5,
      spikeFloor: 0, spikeFactor: 1, bell: true, metrics: { host: '::1', port: 9469 }, metricsLabels: ['project'],
      remotes: ['me@devbox'], sshCommand: 'ssh -p 2222',
      store: '/tmp/h.sqlite',
    });
  });

  it('lets a flag override the config file, --no-store included', () => {
    const config = { burnWindowMinutes: 30, store: '/c.sqlite', remotes: ['a', 'b'] };
    const o = resolveOptions(parseFlags(['--burn-window', '5', '--no-store', '--remote', 'c']), config, { HOME: '/h' }, 'UTC');
    expect(o).toMatchObject({ burnWindowMinutes: 5, store: null, remotes: ['c'] });
    expect(() => resolve(['--store', '/a', '--no-store'])).toThrow('--store and --no-store exclude each other');
  });

  it('puts the store under $XDG_DATA_HOME when set', () => {
    expect(resolveOptions(parseFlags([]), {}, { XDG_DATA_HOME: '/d' }, 'UTC').store).toBe('/d/cctop/history.sqlite');
  });
});

describe('--help', () => {
  it('documents every flag', async () => {
    const [{ FLAGS }, { HELP_TEXT }] = await Promise.all([import('./flags.js'), import('./help.js')]);
    const missing = Object.keys(FLAGS).filter((flag) => !new RegExp(`--${flag}\\b`).test(HELP_TEXT));
    expect(missing).toEqual([]);
  });
});
