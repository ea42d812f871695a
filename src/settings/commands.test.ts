import { describe, expect, it } from 'vitest';
import { parseFlags, resolveOptions, UsageError } from './options.js';

const resolve = (argv: string[], config = {}) => resolveOptions(parseFlags(argv), config, { HOME: '/h' }, 'UTC', () => Date.UTC(2026, 10, 25, 12));

describe('commands', () => {
  it('names each subcommand as a mode, with its own flags', () => {
    expect(resolve(['store', 'info']).mode).toBe('store-info');
    expect(resolve(['store', 'rebuild', '--store', '/s.sqlite'])).toMatchObject({ mode: 'store-rebuild', store: '/s.sqlite' });
    expect(resolve(['store', 'export', '--csv'])).toMatchObject({ mode: 'store-export', exportFormat: 'csv' });
    expect(resolve(['store', 'export', '--json'])).toMatchObject({ mode: 'store-export', exportFormat: 'json' });
    expect(resolve(['store', 'prune', '--before', '2026-11-01'])).toMatchObject({ mode: 'store-prune', pruneBefore: '2026-11-01' });
    expect(resolve(['serve', '--metrics', 'localhost:9469'])).toMatchObject({ mode: 'serve', metrics: { host: 'localhost', port: 9469 } });
    expect(resolve(['serve'], { metrics: '0.0.0.0:9469' })).toMatchObject({ mode: 'serve', metrics: { host: '0.0.0.0', port: 9469 } });
    expect(resolve(['mcp', '--print-config'])).toMatchObject({ mode: 'mcp', printConfig: true });
    expect(resolve(['feed', '--cursor', 'c:42'])).toMatchObject({ mode: 'feed', cursor: 'c:42' });
    expect(resolve(['feed']).cursor).toBeNull();
    expect(resolve(['--metrics', ':9469']).mode).toBe('monitor');
    expect(resolve(['store', '--help']).mode).toBe('help');
  });

  it('asks for the fee of a custom plan', () => {
    expect(() => resolve(['--plan', 'custom'])).toThrow(new UsageError('--plan custom needs its monthly fee: --fee USD (or "fee" in the config file)'));
    expect(resolve(['--plan', 'custom', '--fee', '150'])).toMatchObject({ plan: 'custom', feeUSD: 150 });
    expect(resolve([], { plan: 'custom', fee: 0 })).toMatchObject({ plan: 'custom', feeUSD: 0 });
  });

  it('refuses project labels on an address other machines can reach, unless --metrics-public', () => {
    expect(() => resolve(['serve', '--metrics', '0.0.0.0:9469', '--metrics-labels', 'project'])).toThrow(new UsageError(
      '--metrics-labels project on 0.0.0.0, which other machines can reach, would publish your project paths: add --metrics-public if you mean it'));
    expect(() => resolve(['serve', '--metrics-labels', 'project'], { metrics: '[::]:9469' })).toThrow(/on ::, which other machines/);
    expect(resolve(['serve', '--metrics', '0.0.0.0:9469', '--metrics-labels', 'project', '--metrics-public'])).toMatchObject({ metricsPublic: true });
    expect(resolve(['serve', '--metrics-labels', 'project'], { metrics: '0.0.0.0:9469', metricsPublic: true })).toMatchObject({ metricsPublic: true });
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', '[::1]', '']) {
      expect(resolve(['serve', '--metrics', `${host}:9469`, '--metrics-labels', 'project'])).toMatchObject({ metricsPublic: false });
    }
  });

  it.each([
    [['frobnicate'], 'unknown command "frobnicate" (expected statusline, store, serve, mcp or feed)'],
    [['constructor'], 'unknown command "constructor" (expected statusline, store, serve, mcp or feed)'],
    [['store'], 'store needs a subcommand: info, rebuild, export or prune'],
    [['store', 'vacuum'], 'unknown store subcommand "vacuum" (expected info, rebuild, export or prune)'],
    [['store', 'info', 'now'], 'unexpected argument "now" after store info'],
    [['serve', 'x'], 'unexpected argument "x" after serve'],
    [['store', 'export'], 'store export needs one of --csv and --json'],
    [['store', 'export', '--csv', '--json'], 'store export needs one of --csv and --json'],
    [['store', 'prune'], 'store prune needs --before YYYY-MM-DD'],
    [['store', 'prune', '--before', '2026-02-30'], '--before: bad value "2026-02-30" (expected a calendar day as YYYY-MM-DD)'],
    [['store', 'prune', '--before', '2026-11-26'], '--before: bad value "2026-11-26" (after today, 2026-11-25 in UTC)'],
    [['store', 'info', '--no-store'], 'store info needs the history store, which --no-store (or "store": false) turns off'],
    [['serve'], 'serve needs --metrics ADDR (or "metrics" in the config file)'],
    [['--csv'], '--csv goes with store export'],
    [['--before', '2026-01-01'], '--before goes with store prune'],
    [['--cursor', 'x'], '--cursor goes with feed'],
    [['feed', '--cursor', ''], '--cursor: bad value "" (expected a cursor printed by cctop feed)'],
    [['--print-config'], '--print-config goes with statusline or mcp'],
    [['--json', '--metrics', ':9469'], '--metrics goes with the monitor, --json --follow or serve'],
    [['mcp', '--json'], '--json goes with no command or store export'],
    [['--follow'], '--follow goes with --json'],
  ])('%j', (argv, message) => {
    expect(() => resolve(argv)).toThrow(new UsageError(message));
  });

  it('refuses a store command when the config turns the store off', () => {
    expect(() => resolve(['store', 'info'], { store: false })).toThrow('store info needs the history store');
  });
});
